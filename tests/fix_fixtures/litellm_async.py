"""An async LiteLLM job under a module alias: ``await ll.acompletion`` in a loop."""
from typing import List

import litellm as ll


async def run(questions: List[str], rows: List[str]) -> List[str]:  # llm-latency: scheduled
    answers: List[str] = []
    for question in questions:
        reply = await ll.acompletion(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": question}])
        answers.append(str(reply.choices[0].message.content))
        rows.append(str(reply.model))
    return answers
