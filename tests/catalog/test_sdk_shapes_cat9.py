"""Replicate's SDK, Bedrock's asynchronous invocation and video generation jobs (OpenAI's
``videos``, Google's Veo) (issue 15, SDK shapes), on small programs written for the test: each
shape is a call site of its provider and operation, look-alikes are not."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run


def found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[int, str, str, bool]]:
    """(line, provider, operation, batch saving claimed) of each call site, in line order (the
    program's first line is the blank one after the opening quotes)."""
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    return sorted((s.resolved.site.line, s.resolved.match.provider.id, s.resolved.match.operation,
                   s.resolved.match.provider.batch_supported and s.resolved.match.op.batchable)
                  for s in result.sites)


def test_replicate_module_functions_and_client_methods_are_sites(tmp_path: Path):
    assert found(tmp_path, {"gen.py": """
        import replicate
        from replicate import Client

        def caption(url):
            return replicate.run("salesforce/blip", input={"image": url})

        def chat(prompt):
            return "".join(str(e) for e in replicate.stream("meta/llama-3-8b-instruct", input={"prompt": prompt}))

        async def chat_async(prompt):
            out = await replicate.async_run("meta/llama-3-8b-instruct", input={"prompt": prompt})
            async for event in replicate.async_stream("meta/llama-3-8b-instruct", input={"prompt": prompt}):
                print(event)
            return out

        def start(prompt):
            return replicate.predictions.create(model="black-forest-labs/flux-schnell", input={"prompt": prompt})

        def with_client(token, prompt):
            client = Client(api_token=token)
            image = client.run("stability-ai/sdxl", input={"prompt": prompt})
            job = client.predictions.create(version="abc123", input={"prompt": prompt})
            return image, job
        """}) == [
        (6, "replicate", "replicate.run", False), (9, "replicate", "replicate.stream", False),
        (12, "replicate", "replicate.async_run", False), (13, "replicate", "replicate.async_stream", False),
        (18, "replicate", "replicate.predictions.create", False),
        (22, "replicate", "run", False), (23, "replicate", "predictions.create", False),
    ]


def test_replicate_run_handed_to_a_runner_is_a_site_where_it_is_passed(tmp_path: Path):
    assert found(tmp_path, {"worker.py": """
        import asyncio
        import functools

        import replicate

        async def transcribe(url):
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, functools.partial(replicate.run, "openai/whisper", input={"audio": url}))

        async def upscale(url):
            return await asyncio.to_thread(replicate.run, "nightmareai/real-esrgan", input={"image": url})
        """}) == [(9, "replicate", "replicate.run", False), (12, "replicate", "replicate.run", False)]


def test_a_run_that_is_not_replicates_is_not_a_site(tmp_path: Path):
    assert found(tmp_path, {"tasks.py": """
        import subprocess

        import replicate_helpers

        class Pipeline:
            def run(self, model, input=None):
                return model, input

        def go(pipe: Pipeline):
            subprocess.run(["echo", "hi"])
            replicate_helpers.run("owner/model", input={})
            return pipe.run("owner/model", input={"prompt": "x"})
        """}) == []


def test_bedrock_async_invocation_calls_are_sites_without_a_batch_saving(tmp_path: Path):
    assert found(tmp_path, {"video.py": """
        import boto3

        runtime = boto3.client("bedrock-runtime", region_name="us-east-1")

        def make_video(prompt, bucket):
            job = runtime.start_async_invoke(
                modelId="amazon.nova-reel-v1:0",
                modelInput={"taskType": "TEXT_VIDEO", "textToVideoParams": {"text": prompt}},
                outputDataConfig={"s3OutputDataConfig": {"s3Uri": f"s3://{bucket}/"}},
            )
            status = runtime.get_async_invoke(invocationArn=job["invocationArn"])["status"]
            pending = runtime.list_async_invokes(statusEquals="InProgress")
            return status, pending
        """}) == [(7, "bedrock", "start_async_invoke", False), (12, "bedrock", "get_async_invoke", False),
                  (13, "bedrock", "list_async_invokes", False)]


def test_a_plain_s3_client_is_not_bedrock(tmp_path: Path):
    assert found(tmp_path, {"store.py": """
        import boto3

        s3 = boto3.client("s3")

        def save(bucket, key, body):
            s3.put_object(Bucket=bucket, Key=key, Body=body)
            return s3.get_object(Bucket=bucket, Key=key)
        """}) == []


def test_video_jobs_and_their_polls_are_sites_without_a_batch_saving(tmp_path: Path):
    """Starting a video job and polling it are requests to the model service (policy 9 of the
    corpus); downloading the finished file is not; no batch saving is claimed for either."""
    assert found(tmp_path, {"video.py": """
        import time

        from google import genai
        from openai import OpenAI

        oai = OpenAI()
        gclient = genai.Client()

        def sora(prompt):
            video = oai.videos.create(model="sora-2", prompt=prompt)
            while video.status in ("queued", "in_progress"):
                time.sleep(10)
                video = oai.videos.retrieve(video.id)
            return oai.videos.download_content(video.id)

        def veo(prompt):
            operation = gclient.models.generate_videos(model="veo-3.0-generate-001", prompt=prompt)
            while not operation.done:
                time.sleep(10)
                operation = gclient.operations.get(operation)
            return gclient.files.download(file=operation.response.generated_videos[0].video)
        """}) == [(11, "openai", "videos.create", False), (14, "openai", "videos.retrieve", False),
                  (18, "google", "models.generate_videos", False), (21, "google", "operations.get", False)]


def test_operations_of_other_google_clients_are_not_veo_polls(tmp_path: Path):
    assert found(tmp_path, {"ops.py": """
        from google.cloud import compute_v1

        zone_ops = compute_v1.ZoneOperationsClient()

        def wait(project, zone, name):
            return zone_ops.get(project=project, zone=zone, operation=name)
        """}) == []
