"""A route reading a chat platform's payload is that platform's webhook, whatever its path (issue 15,
round 12): a Slack slash command's form fields, a Twilio message's; the work it hands off to answer
within the platform's deadline makes the reply the person waits for (label policies 4 and 5)."""
from __future__ import annotations

from test_graph import project, sites

from llm_latency_lint.facts.visitor import extract

# The model call both frameworks' apps hand the chat text to, after the app's own lines.
ANSWER = ("client = OpenAI()\n\n\n"
          "def answer(text):\n    return client.chat.completions.create(model='m', messages=[text])\n\n\n")
FASTAPI = ("from fastapi import BackgroundTasks, FastAPI, Form, Request\nfrom openai import OpenAI\n\n"
           "app = FastAPI()\n" + ANSWER)
SITE = ("app.py", 9)
FLASK = ("import threading\nfrom flask import Flask, request\nfrom openai import OpenAI\n\n"
         "app = Flask(__name__)\n" + ANSWER)
FLASK_SITE = ("app.py", 10)


def classes(tmp_path, body: str, head: str = FASTAPI):
    return {key: found[1] for key, found in sites(project(tmp_path, {"app.py": head + body})).items()}


def sources(body: str, head: str = FASTAPI):
    return {t.source for t in extract(head + body, "app.py", "app").triggers}


def test_a_slash_commands_form_field_makes_a_route_a_chat_webhook_and_its_background_task_the_reply(tmp_path):
    body = ("@app.post('/summary')\nasync def summary(tasks: BackgroundTasks, channel_id: str = Form(...)):\n"
            "    tasks.add_task(answer, channel_id)\n    return {}\n")
    assert sources(body) >= {"chat-webhook"}
    assert classes(tmp_path, body) == {SITE: "real-time"}


def test_fields_read_from_the_form_in_the_body(tmp_path):
    body = ("@app.post('/ask')\nasync def ask(request: Request, tasks: BackgroundTasks):\n"
            "    form = await request.form()\n    tasks.add_task(answer, form.get('text'))\n"
            "    return {'user': form['user_id'], 'c': form['command']}\n")
    assert classes(tmp_path, body) == {SITE: "real-time"}


def test_a_field_that_names_slack_anywhere_and_twilios_pair_in_a_flask_form(tmp_path):
    assert "chat-webhook" in sources(
        "@app.post('/interact')\nasync def interact(request: Request):\n"
        "    payload = (await request.json())['payload']\n    return payload['response_url']\n")
    body = ("@app.route('/sms', methods=['POST'])\ndef sms():\n"
            "    threading.Thread(target=answer, args=(request.form['Body'],)).start()\n"
            "    return str(request.form.get('From'))\n")
    assert classes(tmp_path, body, FLASK) == {FLASK_SITE: "real-time"}


def test_generic_fields_or_json_keys_leave_a_route_as_it_was(tmp_path):
    handed = ("@app.post('/summary')\nasync def summary(tasks: BackgroundTasks, request: Request):\n"
              "    data = await request.json()\n    tasks.add_task(answer, data['channel_id'])\n"
              "    return {'text': data['text'], 'command': data['command'], 'u': data['user_id']}\n")
    assert "chat-webhook" not in sources(handed)
    assert classes(tmp_path, handed) == {SITE: "near-real-time"}
    assert "chat-webhook" not in sources(
        "@app.post('/note')\nasync def note(text: str = Form(...), user_id: str = Form(...)):\n    return answer(text)\n")
    assert "chat-webhook" not in sources(  # Twilio's pair needs both fields, from a form
        "@app.post('/mail')\nasync def mail(request: Request):\n    data = await request.json()\n"
        "    return answer(data['Body'] + data['From'])\n")


META_VERIFY = ("@app.get('/webhook')\nasync def verify(request: Request):\n"
               "    params = request.query_params\n"
               "    if params.get('hub.verify_token') == 'secret':\n        return int(params['hub.challenge'])\n"
               "    return 403\n\n\n")


def receiving(body: str, head: str = FASTAPI):
    """The sources of the triggers on ``receive``."""
    return {t.source for t in extract(head + body, "app.py", "app").triggers if t.target == ["name", "app.receive"]}


META_POST = ("@app.post('{path}')\nasync def receive(request: Request, tasks: BackgroundTasks):\n"
             "    data = await request.json()\n"
             "    tasks.add_task(answer, data['entry'][0]['changes'][0]['value']['messages'])\n    return {{'status': 'ok'}}\n")
GENERIC_POST = ("@app.post('/webhook')\nasync def receive(request: Request, tasks: BackgroundTasks):\n"
                "    tasks.add_task(answer, await request.json())\n    return {}\n")


def test_a_post_to_the_path_meta_verifies_is_a_messaging_webhook_whose_hand_off_is_the_reply(tmp_path):
    """Meta's WhatsApp Cloud API, Messenger and Instagram verify the callback URL with
    ``hub.challenge`` (one handler) and post the chat message to it (another): a person waits for
    the reply the hand-off sends. A POST to another path of the file is not that webhook."""
    body = META_VERIFY + META_POST.format(path="/webhook")
    assert receiving(body) == {"chat-webhook"}
    assert classes(tmp_path, body) == {SITE: "real-time"}
    other = META_VERIFY + META_POST.format(path="/events/webhook")
    assert receiving(other) == {"webhook"}
    assert classes(tmp_path, other) == {SITE: "near-real-time"}


def test_one_handler_answering_metas_handshake_and_the_messages(tmp_path):
    body = ("@app.route('/hook', methods=['GET', 'POST'])\ndef hook():\n"
            "    if request.method == 'GET':\n        return request.args.get('hub.challenge')\n"
            "    threading.Thread(target=answer, args=(request.json['entry'][0]['messaging'],)).start()\n    return 'ok'\n")
    assert classes(tmp_path, body, FLASK) == {FLASK_SITE: "real-time"}


def test_the_handshake_alone_is_strava_websub_or_a_graph_feed_not_a_chat(tmp_path):
    """Strava, WebSub hubs (YouTube) and Meta's lead-form and page-feed webhooks verify the callback
    the same way; nobody waits for a reply there. A messaging sign is needed beside the handshake: a
    message's keys, ``object`` compared with a messaging platform, a callee named for one."""
    assert receiving(META_VERIFY + GENERIC_POST) == {"webhook"}
    assert classes(tmp_path, META_VERIFY + GENERIC_POST) == {SITE: "near-real-time"}
    page = GENERIC_POST.replace("    tasks.add_task", "    if (await request.json())['object'] == 'page':\n        tasks.add_task")
    assert receiving(META_VERIFY + page) == {"chat-webhook"}
    helper = "from src.whatsapp import extract_message\n" + FASTAPI
    named = GENERIC_POST.replace("await request.json()", "extract_message(await request.json())")
    assert receiving(META_VERIFY + named, helper) == {"chat-webhook"}  # round 16's jabelk/family-meeting
    websub = META_VERIFY.replace("params.get('hub.verify_token')", "params.get('hub.topic')")
    assert receiving(websub + META_POST.format(path="/webhook")) == {"webhook"}
    leads = META_POST.format(path="/webhook").replace("['value']['messages']", "['field'] == 'leadgen'")
    assert receiving(META_VERIFY + leads) == {"webhook"}


def test_the_handshake_of_another_router_on_the_same_path_names_no_route(tmp_path):
    head = FASTAPI.replace("app = FastAPI()", "from fastapi import APIRouter\nwa = APIRouter(prefix='/wa')\n"
                           "gh = APIRouter(prefix='/gh')\napp = FastAPI()")
    verify = META_VERIFY.replace("@app.get", "@wa.get")
    assert receiving(verify + META_POST.format(path="/webhook").replace("@app.post", "@gh.post"), head) == {"webhook"}
    assert receiving(verify + META_POST.format(path="/webhook").replace("@app.post", "@wa.post"), head) == {"chat-webhook"}


def test_the_handshake_read_through_query_aliases(tmp_path):
    head = FASTAPI.replace("Form, Request", "Form, Query, Request")
    verify = ("@app.get('/webhook')\nasync def verify(token: str = Query(alias='hub.verify_token'),\n"
              "                 challenge: str = Query(alias='hub.challenge')):\n"
              "    return int(challenge) if token == 'secret' else 403\n\n\n")
    assert receiving(verify + META_POST.format(path="/webhook"), head) == {"chat-webhook"}
