"""Schedules and runs stated in docs and deployment files (session 40, docs20): a shell wrapper
shipped as a template (``run.sh.example``) that a documented crontab line runs under its copied
name, a Cloud Build config's ``docker build`` tagging the image a Kubernetes CronJob pulls, a
repository's own action named by its README's workflow badge, and a doc's copy of a workflow the
repository has (the live file says what runs)."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

CLIENT = ("from anthropic import Anthropic\n\n\ndef summarize(text):\n"
          "    return Anthropic().messages.create(model='m', max_tokens=9, messages=[])\n")
MAIN = ("import argparse\n\nfrom bot.client import summarize\n\n\ndef main():\n"
        "    args = argparse.ArgumentParser().parse_args()\n    summarize('x')\n\n\n"
        "if __name__ == '__main__':\n    main()\n")
SITE = ("bot/client.py", 5)


def tree(**extra: str):
    found = {"bot/__init__.py": "", "bot/client.py": CLIENT, "main.py": MAIN}
    found.update(extra)
    return found


WRAPPER = "#!/bin/bash\nPROJECT_DIR=/path/to/bot\ncd \"$PROJECT_DIR\"\nsource venv/bin/activate\npython main.py --send\n"
README_CRON = ("# Bot\n\n```bash\ncp run_digest.sh.example run_digest.sh\n```\n\n```bash\n"
               "(crontab -l; echo \"0 22 * * * /path/to/bot/run_digest.sh >> cron.log 2>&1\") | crontab -\n```\n")


def test_a_wrapper_template_runs_under_the_name_it_is_copied_to(tmp_path):
    result = project(tmp_path, tree(**{"run_digest.sh.example": WRAPPER, "README.md": README_CRON}))
    assert classes_of(result) == {SITE: "scheduled"}
    assert [e.path for e in result.sites[0].evidence[:2]] == ["README.md", "run_digest.sh.example"]


def test_without_the_template_the_documented_line_runs_nothing_here(tmp_path):
    result = project(tmp_path, tree(**{"README.md": README_CRON}))
    assert classes_of(result) == {SITE: "real-time"}


DOCKERFILE = "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"main.py\"]\n"
CRONJOB = ("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: news\nspec:\n  schedule: '0 7 * * 1-5'\n"
           "  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
           "            - name: news\n              image: us-west1-docker.pkg.dev/proj/repo/news:latest\n"
           "          restartPolicy: Never\n")
CLOUDBUILD = ("steps:\n  - name: 'gcr.io/cloud-builders/docker'\n    args:\n      - build\n      - '-t'\n"
              "      - 'us-west1-docker.pkg.dev/proj/repo/news:$COMMIT_SHA'\n      - '-t'\n"
              "      - 'us-west1-docker.pkg.dev/proj/repo/news:latest'\n      - '.'\n"
              "  - name: 'gcr.io/cloud-builders/docker'\n    args: [push, --all-tags, us-west1-docker.pkg.dev/proj/repo/news]\n")
CI = "name: CI\non:\n  push:\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python main.py --test\n"


def test_a_cronjob_runs_the_image_a_cloud_build_step_builds(tmp_path):
    files = tree(**{"Dockerfile": DOCKERFILE, "k8s/cronjob.yaml": CRONJOB, "cloudbuild.yaml": CLOUDBUILD,
                    ".github/workflows/ci.yml": CI})
    result = project(tmp_path, files)
    assert classes_of(result) == {SITE: "scheduled"}
    assert [e.path for e in result.sites[0].evidence[:3]] == ["k8s/cronjob.yaml", "cloudbuild.yaml", "Dockerfile"]


def test_without_the_build_the_image_names_no_dockerfile_and_ci_decides(tmp_path):
    files = tree(**{"Dockerfile": DOCKERFILE, "k8s/cronjob.yaml": CRONJOB, ".github/workflows/ci.yml": CI})
    assert classes_of(project(tmp_path, files)) == {SITE: "near-real-time"}


def test_cloud_build_steps_read_the_docker_builder_an_entrypoint_and_a_shell_script():
    from llm_latency_lint.catalog.sources import cloudbuild, source_for

    assert source_for("deploy/cloudbuild-prod.yaml", "cloudbuild-prod.yaml") is cloudbuild.SOURCE
    text = ("steps:\n- name: gcr.io/cloud-builders/docker\n  dir: jobs\n  args: [build, -t, gcr.io/p/job, .]\n"
            "- name: gcr.io/google.com/cloudsdktool/cloud-sdk\n  entrypoint: docker\n"
            "  args: [build, -f, Dockerfile.bot, -t, gcr.io/p/bot:v1, .]\n"
            "- name: gcr.io/cloud-builders/gcloud\n  entrypoint: bash\n  args: ['-c', 'docker build -t gcr.io/p/web .']\n"
            "- name: gcr.io/cloud-builders/gcloud\n  args: [run, deploy, web, --image, gcr.io/p/web]\n")
    found = {(t.entry_key, t.target[1]) for t in cloudbuild.parse("cloudbuild.yaml", text)}
    assert found >= {("image:p/job", "docker:jobs/Dockerfile"), ("image:p/job:latest", "docker:jobs/Dockerfile"),
                     ("image:p/bot", "docker:Dockerfile.bot"), ("image:p/bot:v1", "docker:Dockerfile.bot"),
                     ("image:p/web", "docker:Dockerfile"), ("image:p/web:latest", "docker:Dockerfile")}
    assert not any(key.startswith("image:p/web") and target != "docker:Dockerfile" for key, target in found)


ACTION = ("name: Changelog\nruns:\n  using: composite\n  steps:\n"
          "    - run: python3 ${{ github.action_path }}/main.py\n      shell: bash\n")
USES = ("name: Weekly\non:\n  schedule:\n    - cron: '0 6 * * MON'\n  workflow_dispatch:\njobs:\n  c:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/weekly-changelog@main\n")
BADGE = ("[![CI](https://github.com/acme/weekly-changelog/actions/workflows/ci.yml/badge.svg)]"
         "(https://github.com/acme/weekly-changelog/actions/workflows/ci.yml)\n\n# Weekly changelog\n")


def test_a_readme_workflow_badge_names_the_repository_whose_action_a_scheduled_workflow_uses(tmp_path):
    files = tree(**{"action.yml": ACTION, ".github/workflows/weekly.yml": USES, ".github/workflows/ci.yml": CI,
                    "README.md": BADGE})
    result = project(tmp_path, files)
    assert classes_of(result) == {SITE: "scheduled"}
    assert [e.path for e in result.sites[0].evidence[:3]] == [".github/workflows/weekly.yml", "README.md", "action.yml"]


def test_a_badge_of_another_repository_or_a_nested_doc_names_nothing(tmp_path):
    other = BADGE.replace("acme/weekly-changelog", "someorg/weekly-changelog")
    for readme in ({"README.md": other}, {"docs/README.md": BADGE}):
        files = tree(**{"action.yml": ACTION, ".github/workflows/weekly.yml": USES, **readme})
        assert classes_of(project(tmp_path / str(len(readme) + len(str(readme))), files)) == {SITE: "real-time"}


PAUSED = ("name: Digest\non:\n  # schedule:\n  #   - cron: '0 1 * * *'  # paused\n  workflow_dispatch:\njobs:\n"
          "  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python main.py\n")
PLAN = ("# Plan\n\n```yaml\nname: Digest\non:\n  schedule:\n    - cron: '0 1 * * *'\n  workflow_dispatch:\n"
        "jobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python main.py\n```\n")


def test_a_docs_copy_of_a_workflow_the_repository_has_defers_to_the_file(tmp_path):
    files = tree(**{".github/workflows/digest.yml": PAUSED, "docs/plan.md": PLAN})
    result = project(tmp_path, files)
    assert classes_of(result) == {SITE: "near-real-time"}
    assert result.sites[0].evidence[0].path == ".github/workflows/digest.yml"


def test_a_documented_workflow_the_repository_does_not_have_still_schedules(tmp_path):
    files = tree(**{".github/workflows/digest.yml": PAUSED.replace("name: Digest", "name: Manual digest"),
                    "docs/plan.md": PLAN})
    assert classes_of(project(tmp_path, files)) == {SITE: "scheduled"}


JOB = ("from anthropic import Anthropic\n\n\ndef run():\n"
       "    Anthropic().messages.create(model='m', max_tokens=9, messages=[])\n\n\nif __name__ == '__main__':\n    run()\n")
NESTED_BUILD = ("steps:\n  - name: gcr.io/cloud-builders/docker\n    dir: jobs\n"
                "    args: [build, -t, 'us-west1-docker.pkg.dev/proj/repo/news:latest', .]\n")


def test_a_steps_dir_holds_for_the_repository_root_too_so_the_roots_dockerfile_is_not_built(tmp_path):
    files = {"jobs/job.py": JOB, "jobs/Dockerfile": DOCKERFILE.replace("main.py", "job.py"),
             "report.py": JOB, "Dockerfile": DOCKERFILE.replace("main.py", "report.py"),
             "k8s/cronjob.yaml": CRONJOB, "deploy/cloudbuild.yaml": NESTED_BUILD}
    assert classes_of(project(tmp_path, files)) == {("jobs/job.py", 5): "scheduled", ("report.py", 5): "real-time"}


def test_a_bash_steps_build_continued_over_lines_is_one_build():
    from llm_latency_lint.catalog.sources import cloudbuild

    text = ("steps:\n  - name: gcr.io/cloud-builders/docker\n    entrypoint: bash\n    args:\n      - -c\n      - |\n"
            "        docker build \\\n          -t gcr.io/p/news:latest \\\n          .\n"
            "        docker push gcr.io/p/news:latest\n")
    assert {(t.entry_key, t.target[1]) for t in cloudbuild.parse("cloudbuild.yaml", text)} == {
        ("image:p/news:latest", "docker:Dockerfile"), ("image:p/news", "docker:Dockerfile")}


def test_a_template_beside_the_script_it_is_copied_to_says_nothing(tmp_path):
    script = WRAPPER.replace("python main.py --send", "python cleanup.py")
    files = tree(**{"run_digest.sh.example": WRAPPER, "run_digest.sh": script, "cleanup.py": "print('x')\n",
                    "README.md": README_CRON})
    assert classes_of(project(tmp_path, files)) == {SITE: "real-time"}


USAGE = ("# Weekly changelog\n\nAdd this workflow to your repository:\n\n```yaml\nname: Weekly changelog\non:\n"
         "  schedule:\n    - cron: '0 6 * * MON'\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n"
         "      - uses: acme/weekly-changelog@v1\n```\n")
SELF_TEST = ("name: Weekly changelog\non:\n  push:\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
             "      - uses: actions/checkout@v4\n      - uses: ./\n")


def test_a_usage_example_named_as_the_actions_own_test_workflow_is_no_copy_of_it(tmp_path):
    files = tree(**{"action.yml": ACTION, ".github/workflows/test.yml": SELF_TEST, ".github/workflows/ci.yml": CI,
                    "README.md": BADGE + "\n" + USAGE})
    assert classes_of(project(tmp_path, files)) == {SITE: "scheduled"}


def test_a_workflow_name_with_an_apostrophe_is_compared_whole(tmp_path):
    plan = PLAN.replace("name: Digest", "name: Editors' digest")
    live = PAUSED.replace("name: Digest", "name: Editors' cleanup")
    files = tree(**{".github/workflows/digest.yml": live, "docs/plan.md": plan})
    assert classes_of(project(tmp_path, files)) == {SITE: "scheduled"}


def test_a_badge_of_a_workflow_the_repository_lacks_is_another_repositorys(tmp_path):
    sibling = ("# acme changelog\n\n| tool | status |\n| --- | --- |\n| release-notes | [![ci](https://github.com/acme/"
               "release-notes/actions/workflows/release.yml/badge.svg)](https://github.com/acme/release-notes) |\n")
    uses = USES.replace("acme/weekly-changelog@main", "acme/release-notes@v2")
    files = tree(**{"action.yml": ACTION, ".github/workflows/weekly.yml": uses, ".github/workflows/ci.yml": CI,
                    "README.md": sibling})
    assert classes_of(project(tmp_path, files)) == {SITE: "near-real-time"}  # CI's push alone
