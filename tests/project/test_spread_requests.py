"""Raw HTTP requests whose pieces live elsewhere (the survey of session 29): the URL is another
module's f-string constant or environment read, the body a parameter, the verb a parameter the
file's callers fill in (``self._make_request("post", "/v1/chat/completions", json=...)``)."""
from __future__ import annotations

from test_graph import project


def found(result):
    return {(s.resolved.facts.path, s.resolved.site.line, s.resolved.match.provider.id, s.latency_class)
            for s in result.sites}


SETTINGS = ("import os\n\nLLM_ENDPOINT = os.getenv('LLM_ENDPOINT', '').rstrip('/')\n"
            "LLM_CHAT_URL = f'{LLM_ENDPOINT}/chat/completions'\n"
            "HOOK_URL = f'{LLM_ENDPOINT}/hooks/notify'\n"
            "API_URL = os.getenv('API_URL')\n")


def test_a_post_to_another_module_s_f_string_constant_reads_its_template(tmp_path):
    """The body is a parameter, so only the constant's path says what the endpoint is: a chat
    completions path is one, a hook path is not."""
    files = {
        "settings.py": SETTINGS,
        "client.py": "import aiohttp\n\nfrom settings import HOOK_URL, LLM_CHAT_URL\n\n\n"
                     "async def chat(session: aiohttp.ClientSession, payload):  # llm-latency: real-time\n"
                     "    await session.post(HOOK_URL, json=payload)\n"
                     "    return await session.post(LLM_CHAT_URL, json=payload)\n",
    }
    assert found(project(tmp_path, files)) == {("client.py", 8, "openai-compatible", "real-time")}


def test_an_environment_read_constant_is_an_endpoint_only_with_a_chat_body(tmp_path):
    files = {
        "settings.py": SETTINGS,
        "client.py": "import requests\n\nfrom settings import API_URL\n\n\n"
                     "def ask(prompt):  # llm-latency: real-time\n"
                     "    data = {'model': 'm', 'messages': [{'role': 'user', 'content': prompt}]}\n"
                     "    requests.post(API_URL, json={'chat_id': 1, 'text': prompt})\n"
                     "    return requests.post(API_URL, json=data)\n",
    }
    assert found(project(tmp_path, files)) == {("client.py", 9, "openai-compatible", "real-time")}


def test_an_attribute_of_an_imported_settings_object_is_an_endpoint_only_with_a_chat_body(tmp_path):
    """``settings.LLM_URL`` of a pydantic settings instance: no constant holds it (survey11)."""
    files = {
        "config.py": "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
                     "    LLM_URL: str = ''\n    HOOK_URL: str = ''\n\n\nsettings = Settings()\n",
        "client.py": "import requests\n\nfrom config import settings\n\n\n"
                     "def ask(prompt):  # llm-latency: real-time\n"
                     "    requests.post(settings.HOOK_URL, json={'text': prompt})\n"
                     "    return requests.post(settings.LLM_URL, json={'model': 'm', 'messages': [prompt]})\n",
    }
    assert found(project(tmp_path, files)) == {("client.py", 8, "openai-compatible", "real-time")}


def test_a_verb_parameter_takes_what_the_file_s_callers_pass(tmp_path):
    """``requests.request(method, url)`` in a helper: a POST when some caller passes ``"post"``
    (the path comes from the callers too); a helper only ever called with ``"get"`` sends none."""
    helper = ("    def _request(self, method, endpoint, **kwargs):\n"
              "        url = f'{self.base_url}{endpoint}'\n"
              "        return requests.request(method, url, timeout=30, **kwargs)\n\n")
    files = {
        "provider.py": "import requests\n\n\nclass Provider:\n    def __init__(self, base_url):\n"
                       "        self.base_url = base_url\n\n" + helper +
                       "    def chat(self, messages):  # llm-latency: real-time\n"
                       "        return self._request('post', '/v1/chat/completions', json={'model': 'm', 'messages': messages})\n",
        "models.py": "import requests\n\n\nclass Lister:\n    def __init__(self, base_url):\n"
                     "        self.base_url = base_url\n\n" + helper +
                     "    def models(self):  # llm-latency: real-time\n"
                     "        return self._request('get', '/v1/chat/completions')\n",
    }
    assert found(project(tmp_path, files)) == {("provider.py", 10, "openai-compatible", "real-time")}
