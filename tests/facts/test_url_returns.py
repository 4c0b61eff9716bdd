"""Raw HTTP to a URL a method or function of the file returns (``self._endpoint()``), a provider
path on a configured base URL, and the OpenAI-style Batch API and Mistral OCR over raw HTTP."""
from __future__ import annotations

from support.scan import sites


def test_url_returned_by_a_method_of_the_class(tmp_path):
    found = sites(tmp_path, """
        import requests

        class Embedder:
            def _endpoint(self):
                if self.config.local:
                    url = f"{self.config.base_url.rstrip('/')}/api/embeddings"
                else:
                    url = f"{self.config.base_url.rstrip('/')}/embeddings"
                return url

            def embed(self, text):
                endpoint = self._endpoint()
                return requests.post(endpoint, json={"model": self.config.model, "input": text})
    """)
    assert {(line, provider) for line, provider, _ in found} == {(14, "ollama"), (14, "openai-compatible")}


def test_returned_chat_url_with_a_body_the_file_cannot_read(tmp_path):
    """``json=payload`` from a parameter: the chat path on a configured base URL is still a site."""
    assert sites(tmp_path, """
        import requests

        def chat_url(config):
            return f"{config.base_url}/chat/completions"

        class Client:
            def send(self, payload):
                return requests.post(chat_url(self.config), json=payload)
    """) == [(9, "openai-compatible", "POST:<base_url>/chat/completions")]


def test_embeddings_path_on_a_base_url_with_an_opaque_body(tmp_path):
    found = sites(tmp_path, """
        import requests

        class Client:
            def _url(self):
                return f"{self.base_url}/embeddings"

            def send(self, payload):
                return requests.post(self._url(), json=payload)
    """)
    assert found == [(9, "openai-compatible", "POST:<base_url>/embeddings")]


def test_a_returned_base_url_alone_is_no_site(tmp_path):
    """A configured base URL with a path no provider API has: no site, whatever the body."""
    assert sites(tmp_path, """
        import requests

        class Client:
            def _url(self):
                return f"{self.config.base_url}/webhook"

            def _base(self):
                return self.config.base_url

            def send(self, payload):
                requests.post(self._url(), json=payload)
                return requests.post(self._base(), json=payload)
    """) == []


def test_batch_api_upload_and_creation_over_raw_http(tmp_path):
    found = sites(tmp_path, """
        import requests

        class Batcher:
            def submit(self, path, headers):
                with open(path, "rb") as f:
                    up = requests.post(f"{self.base_url}/files", files={"file": f}, data={"purpose": "batch"})
                body = {"input_file_id": up.json()["id"], "endpoint": "/v1/chat/completions", "completion_window": "24h"}
                return requests.post(f"{self.base_url}/batches", headers=headers, json=body)
    """)
    assert [(line, provider) for line, provider, _ in found] == [(7, "openai-compatible"), (9, "openai-compatible")]


def test_files_and_batches_paths_without_their_bodies_are_no_sites(tmp_path):
    assert sites(tmp_path, """
        import requests

        def upload(base, f, payload):
            requests.post(f"{base}/files", files={"file": f})
            return requests.post(f"{base}/batches", json=payload)
    """) == []


def test_mistral_ocr(tmp_path):
    assert sites(tmp_path, """
        import requests

        def ocr(doc, key):
            return requests.post("https://api.mistral.ai/v1/ocr", json={"model": "mistral-ocr-latest", "document": doc})
    """) == [(5, "mistral", "POST:api.mistral.ai/v1/ocr")]


def test_batch_polls_and_output_download_in_a_raw_batch_module(tmp_path):
    found = sites(tmp_path, """
        import requests

        def create(base, file_id):
            return requests.post(f"{base}/batches", json={"input_file_id": file_id, "completion_window": "24h"})

        def wait(base, batch_id):
            return requests.get(f"{base}/batches/{batch_id}").json()

        def download(base, output_file_id):
            return requests.get(f"{base}/files/{output_file_id}/content").content
    """)
    assert [(line, name) for line, _, name in found] == [
        (5, "POST:<base_url>/batches"), (8, "POST:<base_url>/batches/{}"), (11, "POST:<base_url>/files/{}/content")]


def test_gets_to_batch_paths_elsewhere_are_no_sites(tmp_path):
    """Without a batch created over raw HTTP in the module, a GET to ``/batches/<id>`` is some other API's."""
    assert sites(tmp_path, """
        import requests

        def wait(base, batch_id, config):
            requests.get(f"{base}/files/{batch_id}/content")
            config.get("/chat/completions")
            return requests.get(f"{base}/batches/{batch_id}").json()
    """) == []


def test_a_body_built_in_the_function_is_not_opaque(tmp_path):
    """The app's own ``/api/chat`` route called with a payload it builds: no Ollama site."""
    assert sites(tmp_path, """
        import requests

        def run(base, query):
            payload = {k: v[0] for k, v in query.items()}
            return requests.post(f"{base}/api/chat?client=app", json=payload)
    """) == []
