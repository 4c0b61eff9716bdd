"""The async Gemini client is ``client.aio``: one scheduled call, awaited, module alias import."""
from typing import List

import google.genai as gg

gemini = gg.Client()


async def run(question: str, rows: List[str]) -> str:  # llm-latency: scheduled
    answer = await gemini.aio.models.generate_content(model="gemini-2.5-flash-lite", contents=question)
    rows.append(answer.model_version or "")
    return answer.text or ""
