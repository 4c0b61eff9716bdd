"""Round 18's image shapes: a Kubernetes CronJob (or compose service, ``docker run``) that runs a
registry image with no command of its own runs the Dockerfile a build script tags that image from;
a Dockerfile whose ``ENTRYPOINT`` runs a script the build writes (``RUN echo '...' > entrypoint.sh``,
a heredoc) runs that script's lines."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of, evidence_notes

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.image_tags import Build, build_of, dockerfiles, image_key
from llm_latency_lint.catalog.sources import dockerfile

JOB = ("from openai import OpenAI\n\n\ndef main():\n"
       "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
       "if __name__ == '__main__':\n    main()\n")
CRONJOB = ("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: butler\nspec:\n  schedule: '0 * * * *'\n"
           "  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
           "          - name: butler\n            image: {image}\n          restartPolicy: OnFailure\n")
ECHOED = ("FROM python:3.11-slim\nWORKDIR /app\nCOPY *.py ./\n"
          "RUN echo '#!/bin/bash\\n\\\n# copy the credentials\\n\\\ncp /app/c/x.json /app/x.json\\n\\\n"
          "python job.py\\n\\\n' > /app/entrypoint.sh\nRUN chmod +x /app/entrypoint.sh\n"
          "ENTRYPOINT [\"/app/entrypoint.sh\"]\n")
BUILD = "#!/bin/bash\nset -e\ndocker build -t team/butler:latest .\ndocker push team/butler:latest\n"


def test_image_names_drop_the_registry_and_digest_and_keep_the_tag():
    assert image_key("fdebene/ai-butler:latest") == "image:fdebene/ai-butler:latest"
    assert image_key("ghcr.io/Team/App:v2@sha256:abc") == "image:team/app:v2"
    assert image_key("localhost:5000/app") == "image:app:latest"  # no tag: latest
    assert image_key("team/app@sha256:abc") == image_key("team/app:${TAG}") == "image:team/app"  # any tag
    assert image_key("${REGISTRY}/ai-blogging-butler:latest") == "image:ai-blogging-butler:latest"
    assert image_key("$IMAGE") is None


def test_build_commands_tag_images_from_a_context_or_file():
    assert build_of(["docker", "build", "-t", "team/app:1", "."]) == Build(["image:team/app:1", "image:team/app"], None, ".")
    build = build_of(["docker", "buildx", "build", "--platform", "linux/amd64,linux/arm64", "-t", "team/app",
                      "--push", "../../"])
    assert build == Build(["image:team/app:latest", "image:team/app"], None, "../../")
    assert dockerfiles(build, ["site/k8s/build", ""]) == ["site/Dockerfile"]  # from the root it leaves the repository
    built = build_of(["podman", "build", "--tag=app", "-f", "docker/Dockerfile.job", "."])
    assert built is not None and dockerfiles(built, ["", ""]) == ["docker/Dockerfile.job"]
    assert build_of(["docker", "build", "."]) is None  # no tag: nothing names it
    assert build_of(["docker", "push", "team/app"]) is None


def test_docker_run_without_a_command_runs_the_images_own_entry_point():
    assert entry_keys("docker run --rm -e KEY=1 team/app:latest") == ["image:team/app:latest"]
    assert entry_keys("docker run --rm team/app python other.py") == ["script:other.py"]


def test_a_script_the_build_writes_is_what_the_entrypoint_runs():
    (trigger,) = dockerfile.parse("Dockerfile", ECHOED)
    assert trigger.target == ["entry", "script:/app/job.py"] and trigger.entry_key == "docker:Dockerfile"
    heredoc = ("FROM python:3.11\nWORKDIR /srv\nCOPY <<EOF run.sh\n#!/bin/sh\npython digest.py --all\nEOF\n"
               "CMD [\"sh\", \"run.sh\"]\n")
    (trigger,) = dockerfile.parse("Dockerfile", heredoc)
    assert trigger.target == ["entry", "script:/srv/digest.py"]


def test_a_cronjob_running_a_tagged_image_schedules_its_dockerfile(tmp_path):
    files = {"job.py": JOB, "Dockerfile": ECHOED, "build_and_deploy.sh": BUILD,
             "k8s/cronjob.yaml": CRONJOB.format(image="team/butler:latest")}
    result = project(tmp_path, files)
    assert classes_of(result) == {("job.py", 5): "scheduled"}
    assert "build_and_deploy.sh builds image team/butler:latest from Dockerfile" in evidence_notes(result, ("job.py", 5))


def test_a_cronjob_pulling_an_image_nothing_here_builds_runs_nothing_of_ours(tmp_path):
    files = {"job.py": JOB, "Dockerfile": ECHOED, "build_and_deploy.sh": BUILD,
             "k8s/cronjob.yaml": CRONJOB.format(image="team/other:latest")}
    assert classes_of(project(tmp_path, files)) == {("job.py", 5): "real-time"}


def test_a_build_script_in_a_subfolder_reads_its_context_from_its_own_folder(tmp_path):
    files = {"copy/job.py": JOB, "copy/Dockerfile": ECHOED, "copy/k8s/cronjob.yaml": CRONJOB.format(image="team/butler"),
             "copy/k8s/container-build/build.sh": "#!/bin/bash\ndocker buildx build --platform linux/arm64 \\\n"
                                        "  -t team/butler:latest \\\n  --push ../../\n"}
    assert classes_of(project(tmp_path, files)) == {("copy/job.py", 5): "scheduled"}


def test_a_compose_service_pulling_a_tagged_image_runs_its_dockerfile(tmp_path):
    files = {"job.py": JOB, "Dockerfile": "FROM python:3.11\nCOPY . .\nCMD [\"python\", \"job.py\"]\n",
             "Makefile": "image:\n\tdocker build -t team/butler .\n",
             "docker-compose.yml": "services:\n  butler:\n    image: team/butler:latest\n",
             "crontab": "0 6 * * * cd /srv/app && docker compose up -d\n"}
    assert classes_of(project(tmp_path, files)) == {("job.py", 5): "scheduled"}


CHAT = ("from openai import OpenAI\n\n\ndef ask(q):\n"
        "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
        "if __name__ == '__main__':\n    while True:\n        print(ask(input()))\n")
TWO_TAGS = "docker build -t ghcr.io/acme/assistant:chat -f Dockerfile.chat .\ndocker build -t ghcr.io/acme/assistant:digest .\n"


def test_tags_of_one_name_built_from_two_dockerfiles_run_their_own(tmp_path):
    """``acme/assistant:chat`` and ``acme/assistant:digest``: the CronJob pulling ``:digest`` runs
    ``Dockerfile``, not the interactive chat ``Dockerfile.chat`` builds."""
    files = {"job.py": JOB, "chat.py": CHAT, "Dockerfile": "FROM python:3.11\nCOPY . .\nCMD [\"python\", \"job.py\"]\n",
             "Dockerfile.chat": "FROM python:3.11\nCOPY . .\nCMD [\"python\", \"chat.py\"]\n", "build.sh": TWO_TAGS,
             "k8s/cronjob.yaml": CRONJOB.format(image="ghcr.io/acme/assistant:digest")}
    assert classes_of(project(tmp_path, files)) == {("job.py", 5): "scheduled", ("chat.py", 5): "real-time"}


def test_a_tag_no_build_names_runs_the_builds_of_its_name(tmp_path):
    files = {"job.py": JOB, "Dockerfile": ECHOED, "build_and_deploy.sh": BUILD,
             "k8s/cronjob.yaml": CRONJOB.format(image="registry.example.com/team/butler:v7")}
    assert classes_of(project(tmp_path, files)) == {("job.py", 5): "scheduled"}


def test_a_written_entrypoint_that_execs_its_words_runs_the_cmd():
    """``exec "$@"`` at the end of a written entrypoint runs the ``CMD`` it is given."""
    text = ("FROM python:3.11\nWORKDIR /app\nCOPY . .\n"
            "RUN printf '#!/bin/sh\\nset -e\\npython migrate.py\\nexec \"$@\"\\n' > /app/entrypoint.sh\n"
            "ENTRYPOINT [\"/app/entrypoint.sh\"]\nCMD [\"python\", \"job.py\"]\n")
    targets = [t.target for t in dockerfile.parse("Dockerfile", text)]
    assert ["entry", "script:/app/migrate.py"] in targets and ["entry", "script:/app/job.py"] in targets
