"""Search indexing on request (not scheduled, so no batch): one embedding request per chunk of
text (LLM003). The fix sends list-input requests and keeps the loop body as it was."""
from typing import List, Tuple

from openai import OpenAI

client = OpenAI()


def index_chunks(chunks: List[Tuple[str, str]], rows: List[str]) -> int:
    stored = 0
    for doc_id, text in chunks:
        if not text:
            continue
        result = client.embeddings.create(model="text-embedding-3-small", input=text, dimensions=2)
        rows.append(f"{doc_id}: {result.data[0].embedding} {result.model}")
        stored += 1
    return stored
