import httpx
import requests

OPENROUTER_URL = "https://openrouter.ai/api/v1/chat/completions"


def gemini(model, text):
    url = f"https://generativelanguage.googleapis.com/v1beta/models/{model}:generateContent"
    return requests.post(url, json={"contents": text})  # expect: google POST:generativelanguage.googleapis.com/...:generateContent scheduled LLM001


def openrouter(text):
    return requests.post(OPENROUTER_URL, json={"messages": text})  # expect: openrouter POST:openrouter.ai/chat/completions scheduled LLM001


class Claude:
    def __init__(self):
        self.base_url = "https://api.anthropic.com"

    async def ask(self, text):
        async with httpx.AsyncClient() as client:
            return await client.post(f"{self.base_url}/v1/messages", json={})  # expect: anthropic POST:api.anthropic.com/v1/messages real-time


def not_an_llm():
    requests.post("https://example.com/api/items", json={})  # expect: none
    requests.request("GET", OPENROUTER_URL)  # expect: none
