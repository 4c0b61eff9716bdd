"""HTTP hops (``project.http_hops``): a job that POSTs to the application's own route reaches what
the route runs (corpus label policy 6), so a route users also call becomes ``mixed``; requests to a
provider's host, to a path no route declares, to ``/``, or matching several handlers make no edge."""
from __future__ import annotations

from test_graph import project, sites

from llm_latency_lint.config import Config
from llm_latency_lint.fixes.callers import CallerIndex
from llm_latency_lint.project.http_hops import match_score, segments, split_url

LLM = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n    return client.chat.completions.create(model='m', messages=[])\n"
ROUTES = (
    "from fastapi import APIRouter\n"
    "from app.llm import ask\n\n"
    "api_chat = APIRouter(prefix='/v1')\n\n\n"
    "@api_chat.post('')\n"
    "async def chat(q: str):\n    return ask(q)\n\n\n"
    "@api_chat.post('/items/{item_id}/summary')\n"
    "async def summary(item_id: str):\n    return ask(item_id)\n"
)
MAIN = (
    "from fastapi import FastAPI\n\n"
    "app = FastAPI()\n\n\n"
    "def configure_routes(app):\n"
    "    from app.routes import api_chat\n"
    "    app.include_router(api_chat, prefix='/api/chat')\n"
)


def job(call: str) -> str:
    return ("import requests\n\nBASE = 'http://localhost:8000'\n\n\n"
            "def scheduled_chat(scheme, netloc):  # llm-latency: scheduled\n"
            f"    {call}\n")


def app_with(call: str, tmp_path):
    return project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/routes.py": ROUTES,
                              "app/main.py": MAIN, "app/jobs.py": job(call)})


def test_a_scheduled_job_posting_to_the_apps_own_route_makes_the_site_mixed(tmp_path):
    result = app_with("requests.post(f'{scheme}://{netloc}/api/chat/v1?client=khoj', json={})", tmp_path)
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "mixed")}
    notes = [step.note for step in result.sites[0].chain_for("scheduled")]
    assert ("scheduled_chat POSTs to /api/chat/v1, the project's own route chat "
            "(app/main.py:8 mounts it at /api/chat/v1)") in notes


def test_a_path_parameter_matches_any_segment_and_a_trailing_slash_is_ignored(tmp_path):
    result = app_with("requests.post(BASE + '/api/chat/v1/items/42/summary/')", tmp_path)
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "mixed")}


def test_a_post_to_a_provider_host_is_no_hop(tmp_path):
    result = app_with("requests.post('https://api.groq.com/api/chat/v1', json={})", tmp_path)
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_a_post_to_a_host_named_for_a_provider_is_no_hop(tmp_path):
    result = app_with("requests.post(f'{OLLAMA_HOST}/api/chat/v1', json={})", tmp_path)
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_a_public_domain_or_a_host_named_for_another_service_is_no_hop(tmp_path):
    for call in ("requests.post('https://api.example.com/api/chat/v1')",
                 "requests.post(f'{SEARXNG_URL}/api/chat/v1')"):
        result = app_with(call, tmp_path / str(len(call)))
        assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}, call
    for own in ("requests.post('http://llm-api:9001/api/chat/v1')", "requests.post('http://127.0.0.1/api/chat/v1')",
                "requests.post('http://api.svc.cluster.local/api/chat/v1')"):
        result = app_with(own, tmp_path / str(len(own)))
        assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "mixed")}, own


def test_a_path_no_route_declares_is_no_hop(tmp_path):
    result = app_with("requests.post(BASE + '/api/chat/v2', json={})", tmp_path)
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_a_get_to_a_post_route_is_no_hop(tmp_path):
    result = app_with("requests.get(BASE + '/api/chat/v1')", tmp_path)
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_a_post_to_the_root_path_is_no_hop(tmp_path):
    routes = ("from fastapi import FastAPI\nfrom app.llm import ask\n\napp = FastAPI()\n\n\n"
              "@app.post('/')\nasync def root(q: str):\n    return ask(q)\n")
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/routes.py": routes,
                                "app/jobs.py": job("requests.post(BASE + '/')")})
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_routes_of_different_handlers_matching_equally_make_no_edge(tmp_path):
    routes = ("from fastapi import APIRouter\nfrom app.llm import ask\n\na = APIRouter()\nb = APIRouter()\n\n\n"
              "@a.post('/run')\nasync def one(q: str):\n    return ask(q)\n\n\n"
              "@b.post('/run')\nasync def two(q: str):\n    return ask(q)\n")
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/routes.py": routes,
                                "app/jobs.py": job("requests.post(BASE + '/run')")})
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_a_flask_blueprint_mounted_under_a_prefix(tmp_path):
    views = ("from flask import Blueprint\nfrom app.llm import ask\n\nbp = Blueprint('jobs', __name__, url_prefix='/old')\n\n\n"
             "@bp.route('/<int:job_id>/run', methods=['POST'])\ndef run(job_id):\n    return ask(job_id)\n")
    main = ("from flask import Flask\nfrom app.views import bp\n\napp = Flask(__name__)\n"
            "app.register_blueprint(bp, url_prefix='/api/jobs')\n")
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/views.py": views, "app/main.py": main,
                                "app/jobs.py": job("requests.post(BASE + '/api/jobs/7/run')")})
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "mixed")}
    old = project(tmp_path / "old", {"app/__init__.py": "", "app/llm.py": LLM, "app/views.py": views,
                                     "app/main.py": main, "app/jobs.py": job("requests.post(BASE + '/old/7/run')")})
    assert sites(old) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}  # the mount replaced /old


def test_a_django_url_included_under_a_prefix(tmp_path):
    views = "from app.llm import ask\n\n\ndef summarise(request, pk):\n    return ask(pk)\n"
    app_urls = ("from django.urls import path\nfrom app import views\n\n"
                "urlpatterns = [path('summaries/<int:pk>/', views.summarise)]\n")
    root_urls = ("from django.urls import include, path\n\n"
                 "urlpatterns = [path('api/', include('app.urls'))]\n")
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/views.py": views,
                                "app/urls.py": app_urls, "site_urls.py": root_urls,
                                "app/jobs.py": job("requests.post(BASE + '/api/summaries/3/')")})
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "mixed")}  # the URLconf's view: real-time
    unprefixed = project(tmp_path / "other", {"app/__init__.py": "", "app/llm.py": LLM, "app/views.py": views,
                                              "app/urls.py": app_urls, "site_urls.py": root_urls,
                                              "app/jobs.py": job("requests.post(BASE + '/summaries/3/')")})
    assert sites(unprefixed) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_url_splitting_and_segment_matching():
    assert split_url("{scheme}://{netloc}/api/chat?client=khoj") == ("{netloc}", "/api/chat")
    assert split_url("{BASE_URL}/tasks/#top") == ("{BASE_URL}", "/tasks/")
    assert split_url("/tasks") == ("", "/tasks")
    assert split_url("tasks/") is None
    assert match_score(segments("/items/{id}"), segments("/items/3")) == 1
    assert match_score(segments("/items/special"), segments("/items/{item_id}")) == 1
    assert match_score(segments("/profile"), segments("/list={tickers}")) is None
    assert match_score(segments("/{name}"), segments("/list={tickers}")) == 0
    assert match_score(segments("/items/special"), segments("/items/3")) is None
    assert match_score(segments("/files/{rest:path}"), segments("/files/a/b")) == 1
    assert match_score(segments("/items"), segments("/items/3")) is None


def test_the_fixes_do_not_batch_across_an_http_hop(tmp_path):
    """A loop that POSTs once per item to the app's own route is no loop to batch the route's
    LLM call at: the fixes' caller index leaves the hop out (the classifier keeps it)."""
    loop = "for item in range(3):\n        requests.post(BASE + f'/api/chat/v1/items/{item}/summary')"
    result = app_with(loop, tmp_path)
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "mixed")}
    index = CallerIndex(result, Config())
    assert any(e.kind == "http" for edges in index.edges.values() for e in edges)
    assert index.per_item_loop("app.routes.summary") is None
    assert all(e.kind != "http" for e in index.callers.get("app.routes.summary", []))


def test_a_match_on_route_parameters_alone_is_no_hop(tmp_path):
    routes = ("from fastapi import FastAPI\nfrom app.llm import ask\n\napp = FastAPI()\n\n\n"
              "@app.post('/{slug}')\nasync def page(slug: str):\n    return ask(slug)\n")
    files = {"app/__init__.py": "", "app/llm.py": LLM, "app/routes.py": routes}
    result = project(tmp_path, {**files, "app/jobs.py": job("requests.post(BASE + '/anything')")})
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_a_hand_off_behind_a_hop_is_near_real_time_for_the_command_line_calling_the_route(tmp_path):
    """A command-line tool posting to its server waits for the response, not for the work the
    route starts and leaves running: that work is near-real-time (the script's own threads stay
    real-time only in the script's own process)."""
    routes = (
        "import asyncio\n"
        "from fastapi import APIRouter\n"
        "from app.llm import ask\n\n"
        "router = APIRouter()\n\n\n"
        "async def remember(q):\n    ask(q)\n\n\n"
        "@router.post('/add')\n"
        "async def add(q: str):\n    asyncio.create_task(remember(q))\n    return {}\n"
    )
    main = "from fastapi import FastAPI\nfrom app.routes import router\n\napp = FastAPI()\napp.include_router(router)\n"
    cli = (
        "import argparse\n\nimport requests\n\n\n"
        "def main():\n    args = argparse.ArgumentParser().parse_args()\n"
        "    requests.post('http://localhost:8000/add', json={'q': 'x'})\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/routes.py": routes,
                                "app/main.py": main, "cli.py": cli})
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "near-real-time")}


def test_a_bare_path_on_another_client_is_no_hop(tmp_path):
    """``github.get('/user/repos')``: the client's base URL (another service) decides whose API a
    bare path is, so it makes no edge to the project's own ``/user/repos`` route."""
    routes = ("from fastapi import FastAPI\nfrom app.llm import ask\n\napp = FastAPI()\n\n\n"
              "@app.get('/user/repos')\ndef repos():\n    return ask('x')\n")
    job = ("import httpx\n\ngithub = httpx.Client(base_url='https://api.github.com')\n\n\n"
           "def nightly():  # llm-latency: scheduled\n    github.get('/user/repos')\n")
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/main.py": routes, "app/jobs.py": job})
    assert sites(result) == {("app/llm.py", 7): ("chat.completions.create", "real-time")}


def test_a_script_reaching_the_same_function_by_hop_and_directly_keeps_its_own_threads_real_time(tmp_path):
    """The class must not depend on which path the walk meets first: a script that calls its
    server (the route starts a thread) and also runs the same starter in its own process waits for
    its own thread, whichever path is shorter."""
    routes = ("import threading\nfrom fastapi import APIRouter\nfrom app.llm import ask\n\nrouter = APIRouter()\n\n\n"
              "def start(q):\n    threading.Thread(target=ask, args=(q,)).start()\n\n\n"
              "@router.post('/add')\nasync def add(q: str):\n    start(q)\n    return {}\n")
    main = "from fastapi import FastAPI\nfrom app.routes import router\n\napp = FastAPI()\napp.include_router(router)\n"
    classes = set()
    for direct in (True, False):
        body = "    start('x')\n" if direct else "    prepare()\n"
        cli = ("import argparse\n\nimport requests\nfrom app.routes import start\n\n\n"
               "def step():\n    start('x')\n\n\ndef prepare():\n    step()\n\n\n"
               "def main():\n    args = argparse.ArgumentParser().parse_args()\n"
               "    requests.post('http://localhost:8000/add', json={'q': 'x'})\n" + body + "\n\n"
               "if __name__ == '__main__':\n    main()\n")
        result = project(tmp_path / str(direct), {"app/__init__.py": "", "app/llm.py": LLM, "app/routes.py": routes,
                                                  "app/main.py": main, "cli.py": cli})
        classes.add(sites(result)[("app/llm.py", 7)][1])
    assert classes == {"mixed"}
