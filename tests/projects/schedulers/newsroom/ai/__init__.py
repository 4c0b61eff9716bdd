"""LLM clients and prompts. Import clients from here: ``from newsroom.ai import claude``."""
from .clients import claude, co, gemini, groq, mistral_client, openai_client

__all__ = ["claude", "co", "gemini", "groq", "mistral_client", "openai_client"]
