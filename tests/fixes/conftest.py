"""Fixtures shared by the behaviour tests: the fake OpenAI-compatible server and recorded sleeps."""
from __future__ import annotations

import asyncio
import time

import pytest
from support.fakes import openai_api
from support.fakes.server import FakeServer


@pytest.fixture()
def server(monkeypatch):
    with FakeServer([openai_api.routes]) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{fake.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "test")
        monkeypatch.setenv("GROQ_BASE_URL", fake.url)
        monkeypatch.setenv("GROQ_API_KEY", "test")
        monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", fake.url)
        monkeypatch.setenv("AZURE_OPENAI_API_KEY", "test")
        yield fake


@pytest.fixture()
def sleeps(monkeypatch):
    """The fixed code's poll sleeps, recorded instead of slept (the code keeps its 30 s default)."""
    recorded = []

    async def asleep(seconds):
        recorded.append(seconds)

    monkeypatch.setattr(time, "sleep", recorded.append)
    monkeypatch.setattr(asyncio, "sleep", asleep)
    return recorded
