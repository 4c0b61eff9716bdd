"""Facts of HTTP hops (``facts.routes``): routes with the object they are declared on, mounts with
their prefixes, and requests with their verb and URL text, as one file shows them."""
from __future__ import annotations

from llm_latency_lint.facts.codec import decode_facts, encode_facts
from llm_latency_lint.facts.visitor import extract
from llm_latency_lint.model import Mount, Request, Route

FASTAPI_ROUTES = (
    "from fastapi import APIRouter\n\n"
    "router = APIRouter(prefix='/v1')\n\n\n"
    "@router.post('/chat/{conversation_id}')\n"
    "async def chat(conversation_id: str):\n    return conversation_id\n\n\n"
    "@router.get('/stats')\n"
    "def stats():\n    return {}\n\n\n"
    "def summarise():\n    return ''\n\n\n"
    "router.add_api_route('/summary', summarise, methods=['POST'])\n"
)
FASTAPI_APP = (
    "from fastapi import FastAPI\n\n"
    "app = FastAPI()\n\n\n"
    "def configure(app):\n"
    "    from app.routes import router\n"
    "    app.include_router(router, prefix='/api')\n"
)


def facts(text: str, path: str = "app/mod.py", module: str = "app.mod"):
    return extract(text, path, module)


def test_fastapi_routes_keep_their_router_verb_and_path():
    found = facts(FASTAPI_ROUTES, "app/routes.py", "app.routes")
    assert found.routes == [
        Route(["name", "app.routes.router"], ["POST"], "/chat/{conversation_id}", ["name", "app.routes.chat"], 6),
        Route(["name", "app.routes.router"], ["GET"], "/stats", ["name", "app.routes.stats"], 11),
        Route(["name", "app.routes.router"], ["POST"], "/summary", ["name", "app.routes.summarise"], 20),
    ]
    assert found.mounts == [Mount(["unknown", "built"], ["name", "app.routes.router"], "/v1", 3)]
    assert found.requests == []  # route decorators and registrations are no requests


def test_include_router_in_another_module_names_the_imported_router():
    found = facts(FASTAPI_APP, "app/main.py", "app.main")
    [mount] = found.mounts
    assert mount.child == ["name", "app.routes.router"]
    assert mount.prefix == "/api" and mount.line == 8 and not mount.replaces
    assert mount.parent[0] == "param"  # ``app`` is a parameter: the graph treats it as the root


def test_flask_blueprint_prefixes_and_routes():
    text = (
        "from flask import Blueprint, Flask\n\n"
        "bp = Blueprint('jobs', __name__, url_prefix='/jobs')\n"
        "app = Flask(__name__)\n\n\n"
        "@bp.route('/<int:job_id>/run', methods=['POST'])\n"
        "def run(job_id):\n    return ''\n\n\n"
        "app.register_blueprint(bp, url_prefix='/api/jobs')\n"
    )
    found = facts(text)
    assert found.routes == [Route(["name", "app.mod.bp"], ["POST"], "/<int:job_id>/run", ["name", "app.mod.run"], 7)]
    assert found.mounts == [
        Mount(["unknown", "built"], ["name", "app.mod.bp"], "/jobs", 3),
        Mount(["name", "app.mod.app"], ["name", "app.mod.bp"], "/api/jobs", 12, replaces=True),
    ]


def test_django_urlpatterns_routes_and_includes():
    text = (
        "from django.urls import include, path\n"
        "from . import views\n\n"
        "urlpatterns = [\n"
        "    path('summaries/<int:pk>/', views.summarise),\n"
        "    path('api/', include('reports.urls')),\n"
        "]\n"
    )
    found = facts(text, "site/urls.py", "site.urls")
    assert found.routes == [Route(["name", "site.urls.urlpatterns"], [], "/summaries/<int:pk>/",
                                  ["name", "site.views.summarise"], 5)]
    assert found.mounts == [Mount(["name", "site.urls.urlpatterns"], ["name", "reports.urls.urlpatterns"], "/api/", 6)]


def test_requests_keep_verb_and_the_url_the_file_shows():
    text = (
        "import requests\nimport httpx\nfrom urllib.parse import urljoin\n\n"
        "BASE = 'http://backend:8000'\n\n\n"
        "class Client:\n"
        "    def __init__(self, api_url=f'{BASE}/tasks/'):\n        self.api_url = api_url\n\n"
        "    def send(self):\n        return requests.post(self.api_url, json={})\n\n\n"
        "def job(scheme, netloc):\n"
        "    url = f'{scheme}://{netloc}/api/chat?client=khoj'\n"
        "    requests.post(url, json={})\n"
        "    requests.get(urljoin(BASE, '/items/3'))\n"
        "    httpx.request('PUT', BASE + '/items/3')\n"
        "    {}.get('key')\n"
        "    requests.post(url_from_elsewhere)\n"
    )
    found = facts(text)
    assert found.requests == [
        Request("app.mod.Client.send", "POST", "http://backend:8000/tasks/", 13),
        Request("app.mod.job", "POST", "{scheme}://{netloc}/api/chat?client=khoj", 18),
        Request("app.mod.job", "GET", "http://backend:8000/items/3", 19),
        Request("app.mod.job", "PUT", "http://backend:8000/items/3", 20),
    ]


def test_the_new_facts_survive_the_cache_codec():
    found = facts(FASTAPI_ROUTES + "\n\nimport requests\n\ndef job():\n    requests.post('http://localhost:8000/v1/stats')\n",
                  "app/routes.py", "app.routes")
    assert found.routes and found.mounts and found.requests
    assert decode_facts(encode_facts(found)) == found
