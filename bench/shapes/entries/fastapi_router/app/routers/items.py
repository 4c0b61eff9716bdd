# Canonical usage: https://fastapi.tiangolo.com/tutorial/bigger-applications/
from fastapi import APIRouter
from openai import OpenAI

client = OpenAI()

router = APIRouter(prefix="/items", tags=["items"])


@router.post("/summarize")
async def summarize(text: str):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"summary": reply.choices[0].message.content}
