"""LLM003: one embedding request per item inside a loop."""
from __future__ import annotations

from typing import Optional

from llm_latency_lint.model import LatencyClass
from llm_latency_lint.rules.base import Example, Rule, RuleDoc
from llm_latency_lint.rules.messages import subject


class EmbeddingInLoop(Rule):
    code = "LLM003"
    name = "embedding-per-item"
    summary = "Per-item embedding calls in a loop: pre-compute embeddings in batch"
    doc = RuleDoc(
        what="Finds embedding requests made once per item inside a `for`/`while` loop or a comprehension.",
        why=(
            "Embedding endpoints take a list of inputs per request (OpenAI up to 2048). One "
            "request per item pays per-request overhead and rate-limit budget for nothing; in "
            "scheduled code the whole backfill belongs on the batch API at 50% of the price."
        ),
        example='''\
for doc in docs:
    doc.vector = client.embeddings.create(model="text-embedding-3-small", input=doc.text).data[0].embedding
''',
        use_instead='''\
resp = client.embeddings.create(model="text-embedding-3-small", input=[d.text for d in docs])
for doc, item in zip(docs, resp.data):
    doc.vector = item.embedding
''',
        fix_safety=(
            "Unsafe. `--fix --unsafe-fixes` (OpenAI and Azure OpenAI clients) turns a `for` loop of "
            "single-input calls into list-input requests chunked to the provider's per-request limit "
            "(2048 inputs for OpenAI), built before the loop, and runs the loop body on one response "
            "per original call, in order; calls differing in anything but `input` go in separate "
            "requests. It is unsafe because one failing input fails its whole chunk, and the requests "
            "are made before the loop body runs. Refused, with the reason, when the loop reads a "
            "response's `.usage` (a list request reports it for all inputs) and in every case the "
            "LLM001 loop rewrite refuses, and for an OpenAI client whose `base_url` is not "
            "api.openai.com (a host the catalog does not know, a setting, an environment variable: "
            "the 2048-input limit is OpenAI's; `openai-base-urls` lists those that are OpenAI "
            "itself). In scheduled code LLM001's batch rewrite of the same call applies first."
        ),
    )
    VALID = [
        Example(
            {
                "index.py": '''\
from openai import OpenAI

client = OpenAI()

def index(docs):
    return client.embeddings.create(model="text-embedding-3-small", input=[d for d in docs])
'''
            }
        )
    ]
    INVALID = [
        Example(
            {
                "index.py": '''\
from openai import OpenAI

client = OpenAI()

def index(docs):
    vectors = []
    for doc in docs:
        vectors.append(client.embeddings.create(model="text-embedding-3-small", input=doc))  # error: LLM003
    return vectors
'''
            }
        )
    ]

    def check(self, site) -> Optional[str]:
        rs = site.resolved
        if not (rs.match.op.embedding and rs.site.in_loop):
            return None
        where = " in scheduled code" if site.latency_class == LatencyClass.SCHEDULED.value else ""
        return (
            f"{subject(site)} is called once per item inside a loop{where}; send the items as one "
            "list input per request (chunked to the provider limit), or pre-compute them in a batch"
        )
