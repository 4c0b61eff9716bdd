"""An async job on AsyncOpenAI: the helper is awaited; results come back in order."""
from typing import List

from openai import AsyncOpenAI

aclient = AsyncOpenAI()


async def run(questions: List[str], rows: List[str]) -> List[str]:  # llm-latency: scheduled
    answers: List[str] = []
    for question in questions:
        reply = await aclient.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
        answers.append(reply.choices[0].message.content or "")
        rows.append(question)
    return answers
