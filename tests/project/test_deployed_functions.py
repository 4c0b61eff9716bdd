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


EVENT_FN = ("import functions_framework\nfrom openai import OpenAI\n\n\n@functions_framework.cloud_event\n"
            "def digest(cloud_event):\n    return OpenAI().chat.completions.create(model='m', messages=[])\n")
TOPIC_DEPLOY = "gcloud functions deploy news --source=. --trigger-topic=news-trigger --entry-point=digest\n"
PUBSUB_JOB = ("gcloud scheduler jobs create pubsub daily-news \\\n    --schedule='0 8 * * 1-5' \\\n"
              "    --topic=news-trigger --location=us-central1\n")


def test_a_cloud_scheduler_pubsub_job_runs_the_function_subscribed_to_its_topic(tmp_path):
    """Scheduler -> topic -> ``--trigger-topic`` subscriber: the CloudEvent decorator names no event, so
    the schedule decides; ``main.py`` re-exports the entry point from a package."""
    files = {"scripts/schedule.sh": PUBSUB_JOB, "deploy.sh": TOPIC_DEPLOY, "src/__init__.py": "",
             "src/digest.py": EVENT_FN, "main.py": "from src.digest import digest  # noqa: F401\n"}
    result = project(tmp_path, files)
    assert sites(result) == {("src/digest.py", 7): ("chat.completions.create", "scheduled")}
    notes = [step.note for step in result.sites[0].chain_for("scheduled")]
    assert "publishes to Pub/Sub topic 'news-trigger'" in notes[0]


def test_a_cloud_event_function_on_another_topic_stays_near_real_time(tmp_path):
    files = {"scripts/schedule.sh": PUBSUB_JOB.replace("news-trigger", "other"), "deploy.sh": TOPIC_DEPLOY,
             "main.py": EVENT_FN}
    assert sites(project(tmp_path, files)) == {("main.py", 7): ("chat.completions.create", "near-real-time")}


TUTORIAL = ("# Schedule the job\n\nHere is the gcloud command that creates our cron job:\n\n"
            "gcloud scheduler jobs create http cron-1 --location us-east1 --schedule=\"0 6 * * *\" "
            "--uri=\"https://us-east1-run.googleapis.com/apis/run.googleapis.com/v1/namespaces/p/jobs/job-1:run\" "
            "--http-method POST\n")
JOB = ("from openai import OpenAI\n\n\ndef main():\n    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
       "if __name__ == '__main__':\n    main()\n")
PROD_IMAGE = 'FROM python:3.12\nWORKDIR /code\nCOPY . .\nCMD ["python", "main.py"]\n'
DEV_IMAGE = 'FROM python:3.12\nWORKDIR /code\nCMD ["python", "-m", "pytest"]\n'


def test_a_scheduler_command_pasted_as_prose_runs_the_production_image_of_the_job(tmp_path):
    """No code block and no root ``Dockerfile``: the prose line still declares the schedule, and the
    job's image is the production variant (``Dockerfile.prod``; ``Dockerfile.dev`` is for development)."""
    files = {"docs/tutorial.md": TUTORIAL, "main.py": JOB, "Dockerfile.prod": PROD_IMAGE, "Dockerfile.dev": DEV_IMAGE}
    result = project(tmp_path, files)
    assert sites(result) == {("main.py", 5): ("chat.completions.create", "scheduled")}
    notes = [step.note for step in result.sites[0].chain_for("scheduled")]
    assert "image Dockerfile.prod runs /code/main.py" in notes


def test_two_images_for_production_name_none(tmp_path):
    files = {"docs/tutorial.md": TUTORIAL, "main.py": JOB, "Dockerfile.prod": PROD_IMAGE,
             "production.Dockerfile": PROD_IMAGE}
    assert sites(project(tmp_path, files)) == {("main.py", 5): ("chat.completions.create", "real-time")}


HTTP_FN = ("import functions_framework\nfrom google import genai\n\n\n@functions_framework.http\n"
           "def post_digest(request):\n"
           "    return genai.Client().models.generate_content(model='gemini-2.5-flash', contents='x')\n")
HTTP_DEPLOY = ("gcloud functions deploy daily-digest \\\n  --gen2 --runtime=python312 --source=. \\\n"
               "  --entry-point=post_digest --trigger-http\n")
README = ("# Digest\n\n## Test the function\n\n```bash\ncurl https://us-central1-PROJECT.cloudfunctions.net/daily-digest\n```\n\n"
          "## Schedule it\n\n```bash\ngcloud scheduler jobs create http daily-digest-job \\\n"
          "  --schedule=\"0 9 * * *\" \\\n  --uri=\"{uri}\" \\\n  --http-method=GET\n```\n")


def test_a_cloud_scheduler_job_calling_the_function_url_runs_its_entry_point(tmp_path):
    """A scheduler job's ``--uri`` naming the deployed function (Gen1 URL, or Gen2's ``NAME-HASH-REGION.a.run.app``
    on any path) runs its entry point on the schedule; the README's curl test is a hand re-run, no trigger."""
    for index, uri in enumerate(("https://us-central1-PROJECT.cloudfunctions.net/daily-digest",
                                 "https://daily-digest-abc123xyz-uc.a.run.app",
                                 "https://daily-digest-abc123xyz-uc.a.run.app/run")):
        files = {"README.md": README.format(uri=uri), "deploy.sh": HTTP_DEPLOY, "main.py": HTTP_FN}
        result = project(tmp_path / str(index), files)
        assert sites(result) == {("main.py", 7): ("models.generate_content", "scheduled")}, uri
        notes = [step.note for step in result.sites[0].chain_for("scheduled")]
        assert "is the Cloud Function 'daily-digest'" in notes[1]


def test_a_scheduler_url_of_another_function_or_service_is_no_hop(tmp_path):
    """Another function's URL, or a ``run.app`` host whose name only begins like the function's, runs nothing here."""
    for index, uri in enumerate(("https://us-central1-PROJECT.cloudfunctions.net/weekly-digest",
                                 "https://daily-digester-abc123xyz-uc.a.run.app")):
        files = {"README.md": README.format(uri=uri), "deploy.sh": HTTP_DEPLOY, "main.py": HTTP_FN}
        assert sites(project(tmp_path / str(index), files)) == {("main.py", 7): ("models.generate_content", "real-time")}


def test_a_cloud_run_function_deploy_is_a_deployed_function(tmp_path):
    """``gcloud run deploy NAME --function E`` deploys a Cloud Run function like ``functions deploy --gen2``."""
    deploy = "gcloud run deploy daily-digest --source . --function post_digest --base-image python312\n"
    files = {"README.md": README.format(uri="https://daily-digest-abc123xyz-uc.a.run.app"), "deploy.sh": deploy,
             "main.py": HTTP_FN}
    assert sites(project(tmp_path, files)) == {("main.py", 7): ("models.generate_content", "scheduled")}


def test_a_cloud_run_service_named_after_the_function_is_not_the_function(tmp_path):
    """``daily-digest-cleanup-HASH-uc.a.run.app`` is the Cloud Run service ``daily-digest-cleanup`` (deployed with
    ``gcloud run deploy``, no function), not the function ``daily-digest``: after the name comes only
    ``-HASH[-REGION]`` (or ``-PROJECTNUMBER`` on ``.REGION.run.app``)."""
    deploy = HTTP_DEPLOY + "gcloud run deploy daily-digest-cleanup --source ./cleanup --region us-central1\n"
    uri = "https://daily-digest-cleanup-abc123xyz-uc.a.run.app"
    files = {"README.md": README.format(uri=uri), "deploy.sh": deploy, "main.py": HTTP_FN}
    assert sites(project(tmp_path / "job", files)) == {("main.py", 7): ("models.generate_content", "real-time")}
    caller = ("import requests\n\n\ndef nightly():\n    requests.post('" + uri + "/run')\n\n\n"
              "if __name__ == '__main__':\n    nightly()\n")
    files = {"deploy.sh": deploy, "main.py": HTTP_FN, "jobs/nightly.py": caller,
             ".github/workflows/n.yml": "on:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  r:\n    runs-on: x\n"
                                        "    steps:\n      - run: python jobs/nightly.py\n"}
    assert sites(project(tmp_path / "code", files)) == {("main.py", 7): ("models.generate_content", "real-time")}
    numbered = "https://daily-digest-123456789012.us-central1.run.app"
    files = {"README.md": README.format(uri=numbered), "deploy.sh": HTTP_DEPLOY, "main.py": HTTP_FN}
    assert sites(project(tmp_path / "numbered", files)) == {("main.py", 7): ("models.generate_content", "scheduled")}


def test_a_keep_warm_ping_adds_a_schedule_but_people_still_call_the_function(tmp_path):
    """A scheduler GET with no body every ≤ 15 minutes to the function's root keeps it warm: the
    function runs on that schedule, but its HTTP trigger stays (people call it too): mixed. A daily
    GET (the README's job, even to an ``--allow-unauthenticated`` function) is the function's caller."""
    deploy = HTTP_DEPLOY.replace("--trigger-http", "--trigger-http --allow-unauthenticated")
    for index, uri in enumerate(("https://daily-digest-abc123xyz-uc.a.run.app",
                                 "https://us-central1-PROJECT.cloudfunctions.net/daily-digest")):
        readme = README.format(uri=uri).replace("0 9 * * *", "*/5 * * * *")
        files = {"README.md": readme, "deploy.sh": deploy, "main.py": HTTP_FN}
        assert sites(project(tmp_path / str(index), files)) == {("main.py", 7): ("models.generate_content", "mixed")}
    daily = {"README.md": README.format(uri="https://daily-digest-abc123xyz-uc.a.run.app"), "deploy.sh": deploy,
             "main.py": HTTP_FN}
    assert sites(project(tmp_path / "daily", daily)) == {("main.py", 7): ("models.generate_content", "scheduled")}
    work = README.format(uri="https://daily-digest-abc123xyz-uc.a.run.app/run").replace("0 9 * * *", "*/5 * * * *")
    files = {"README.md": work, "deploy.sh": deploy, "main.py": HTTP_FN}
    assert sites(project(tmp_path / "path", files)) == {("main.py", 7): ("models.generate_content", "scheduled")}
