# library: groq
# source: https://console.groq.com/docs/libraries
from groq import AsyncGroq, Groq

client = Groq()


def chat(text):
    return client.chat.completions.create(model="llama-3.3-70b-versatile", messages=[{"role": "user", "content": text}])  # expect: groq


class Bot:
    def __init__(self):
        self.client = AsyncGroq()

    async def answer(self, text):
        return await self.client.chat.completions.create(model="llama-3.1-8b-instant", messages=[])  # expect: groq
