"""A project's own tests: the SDK is mocked or pointed at a fake, so nothing here is a call site."""
from unittest import mock

from openai import OpenAI
from sdk_shapes import openai_calls


@mock.patch("sdk_shapes.openai_calls.OpenAI")
def test_summaries_use_the_client(fake):  # llm-latency: scheduled
    fake.return_value.chat.completions.create.return_value = "x"
    openai_calls.nightly_digest(["hello"])


def test_real_client_against_a_recording():  # llm-latency: scheduled
    client = OpenAI(api_key="test", base_url="http://127.0.0.1:9/v1")
    with mock.patch.object(client.chat.completions, "create") as create:
        client.chat.completions.create(model="gpt-4o-mini", messages=[])  # expect: none
        client.embeddings.create(model="text-embedding-3-small", input=["a"])  # expect: none
    assert create.called
