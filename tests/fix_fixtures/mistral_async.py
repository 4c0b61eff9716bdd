"""The async twin ``chat.complete_async`` on the same Mistral client, under an alias."""
import os
from typing import List

from mistralai.client import Mistral as MistralClient

llm = MistralClient(api_key=os.environ.get("MISTRAL_API_KEY"), server_url=os.environ.get("MISTRAL_SERVER_URL"))


async def run(text: str, rows: List[str]) -> str:  # llm-latency: scheduled
    response = await llm.chat.complete_async(model="mistral-large-latest", messages=[{"role": "user", "content": text}])
    rows.append(response.id)
    return response.model
