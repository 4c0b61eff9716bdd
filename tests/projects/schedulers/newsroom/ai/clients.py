"""SDK clients, built once per process (keys come from the environment)."""
from __future__ import annotations

import os

import anthropic
import cohere
from google import genai
from groq import Groq
from mistralai import Mistral
from openai import OpenAI

claude = anthropic.Anthropic(max_retries=4)
gemini = genai.Client()
co = cohere.ClientV2()
groq = Groq()


def openai_client() -> OpenAI:
    return OpenAI(timeout=60.0, max_retries=3)


def mistral_client() -> Mistral:
    return Mistral(api_key=os.environ["MISTRAL_API_KEY"])
