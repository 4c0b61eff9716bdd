# library: Anthropic-compatible endpoints (DeepSeek, Z.ai GLM, MiniMax, LiteLLM proxy; raw HTTP to /v1/messages)
# source: https://api-docs.deepseek.com/guides/anthropic_api ; https://docs.z.ai/scenario-example/develop-tools/claude ; https://docs.litellm.ai/docs/anthropic_unified
import os

import anthropic
import httpx
import requests

glm = anthropic.Anthropic(api_key="k", base_url="https://api.z.ai/api/anthropic")
deepseek = anthropic.AsyncAnthropic(api_key="k", base_url="https://api.deepseek.com/anthropic")
BASE = os.getenv("ANTHROPIC_COMPATIBLE_URL", "https://api.minimax.io/anthropic")
PROXY = os.environ["LITELLM_PROXY_URL"]


def ask_glm(messages):
    return glm.messages.create(model="glm-4.6", max_tokens=1024, messages=messages)  # expect: zhipu


async def ask_deepseek(messages):
    return await deepseek.messages.create(model="deepseek-chat", max_tokens=1024, messages=messages)  # expect: deepseek


def ask_minimax(messages):
    headers = {"x-api-key": "k", "anthropic-version": "2023-06-01"}
    body = {"model": "MiniMax-M2", "max_tokens": 1024, "messages": messages}
    return requests.post(f"{BASE}/v1/messages", headers=headers, json=body)  # expect: minimax


def ask_proxy(messages):
    payload = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": messages}
    return httpx.post(PROXY + "/v1/messages", json=payload)  # expect: anthropic-compatible
