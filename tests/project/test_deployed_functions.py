"""Requests to a Cloud Function the repository deploys (policy 6, ``project/route_entries.py``): the
hop carries its caller's class, and the function's HTTP trigger is weak, so a function only the
repository's scheduled flow calls is scheduled; one nobody in the repository calls stays real-time."""
from __future__ import annotations

from test_graph import project, sites

FUNCTION = (
    "import functions_framework\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "@functions_framework.http\ndef task(request):\n"
    "    return client.embeddings.create(model='e', input=[request.get_json()['text']])\n"
)
FLOW = (
    "import requests\nfrom prefect import flow, task\n\n\n"
    "def invoke_gcf(url: str, payload: dict):\n    return requests.post(url, json=payload).json()\n\n\n"
    "@task\ndef ingest(payload):\n"
    "    url = 'https://us-central1-proj.cloudfunctions.net/embedder'\n"
    "    return invoke_gcf(url, payload=payload)\n\n\n"
    "@flow\ndef job():\n    ingest({'text': 'x'})\n\n\n"
    "if __name__ == '__main__':\n    job.serve(name='nightly', cron='15 1 * * *')\n"
)
DEPLOY = ("gcloud functions deploy embedder \\\n    --gen2 --runtime python311 --trigger-http \\\n"
          "    --entry-point task --source ./functions/embedder --region us-central1\n"
          "gcloud functions deploy other --trigger-topic news --entry-point task --source ./functions/other\n")
SITE = ("pipeline/functions/embedder/main.py", 9)


def test_a_scheduled_flow_posting_to_the_function_makes_it_scheduled(tmp_path):
    result = project(tmp_path, {"pipeline/flows/ingest.py": FLOW, "pipeline/deploy.sh": DEPLOY,
                                "pipeline/functions/embedder/main.py": FUNCTION})
    assert sites(result) == {SITE: ("embeddings.create", "scheduled")}
    notes = [step.note for step in result.sites[0].chain_for("scheduled")]
    assert notes[-1] == ("ingest POSTs to the Cloud Function 'embedder': gcloud functions deploy embedder "
                         "(pipeline/deploy.sh:1) serves task in pipeline/functions/embedder/main.py")


def test_without_the_deploy_or_the_caller_the_function_stays_real_time(tmp_path):
    alone = project(tmp_path / "a", {"pipeline/deploy.sh": DEPLOY, "pipeline/functions/embedder/main.py": FUNCTION})
    assert sites(alone) == {SITE: ("embeddings.create", "real-time")}
    undeclared = project(tmp_path / "b", {"pipeline/flows/ingest.py": FLOW, "pipeline/functions/embedder/main.py": FUNCTION})
    assert sites(undeclared) == {SITE: ("embeddings.create", "real-time")}


def test_an_event_function_or_another_name_is_no_hop(tmp_path):
    flow = FLOW.replace("/embedder'", "/other'")
    result = project(tmp_path, {"pipeline/flows/ingest.py": flow, "pipeline/deploy.sh": DEPLOY.replace("embedder", "embedder2"),
                                "pipeline/functions/embedder/main.py": FUNCTION})
    assert sites(result) == {SITE: ("embeddings.create", "real-time")}
