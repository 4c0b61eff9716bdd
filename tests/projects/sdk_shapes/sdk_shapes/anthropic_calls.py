"""Scheduled Claude jobs: aliased client class, self attributes, beta paths, async and batches."""
import anthropic
from anthropic import Anthropic as A
from anthropic import AnthropicBedrock, AnthropicVertex, AsyncAnthropic

MODEL = "claude-sonnet-4-5"


class TicketSummarizer:
    def __init__(self):
        self.client = A()
        self.bedrock = AnthropicBedrock(aws_region="us-east-1")

    def nightly(self, tickets):  # llm-latency: scheduled
        notes = []
        for ticket in tickets:
            msg = self.client.messages.create(model=MODEL, max_tokens=512, messages=[{"role": "user", "content": ticket}])  # expect: anthropic messages.create scheduled LLM001
            notes.append(msg.content[0].text)
        with self.client.messages.stream(model=MODEL, max_tokens=1024, messages=[]) as stream:  # expect: anthropic messages.stream scheduled LLM001 LLM004
            final = stream.get_final_message()
        self.bedrock.messages.create(model="anthropic.claude-sonnet-4-5-v1:0", max_tokens=256, messages=[])  # expect: anthropic messages.create scheduled LLM001
        return notes, final


def beta_and_tools(client: anthropic.Anthropic, prompt):  # llm-latency: scheduled
    client.messages.count_tokens(model=MODEL, messages=[{"role": "user", "content": prompt}])  # expect: none
    reply = client.beta.messages.create(model=MODEL, max_tokens=400, messages=[], betas=["context-1m"])  # expect: anthropic messages.create scheduled LLM001
    runner = client.beta.messages.tool_runner(model=MODEL, max_tokens=400, tools=[], messages=[])  # expect: anthropic messages.tool_runner scheduled
    parsed = client.with_options(max_retries=5).messages.parse(model=MODEL, max_tokens=400, messages=[])  # expect: anthropic messages.parse scheduled LLM001
    vertex = AnthropicVertex(region="us-east5", project_id="acme")
    vertex.messages.create(model=MODEL, max_tokens=100, messages=[])  # expect: anthropic messages.create scheduled LLM001
    return reply, runner, parsed


async def weekly_digest(texts):  # llm-latency: scheduled
    client = AsyncAnthropic()
    return [await client.messages.create(model=MODEL, max_tokens=300, messages=[{"role": "user", "content": t}]) for t in texts]  # expect: anthropic messages.create scheduled LLM001


def monthly_batch(client: anthropic.Anthropic, requests, batch_id):  # llm-latency: scheduled
    client.messages.batches.create(requests=requests)  # expect: anthropic messages.batches.create scheduled
    client.beta.messages.batches.create(requests=requests)  # expect: anthropic messages.batches.create scheduled
    if client.messages.batches.retrieve(batch_id).processing_status == "ended":  # expect: anthropic messages.batches.retrieve scheduled
        return list(client.messages.batches.results(batch_id))  # expect: anthropic messages.batches.results scheduled
    return None
