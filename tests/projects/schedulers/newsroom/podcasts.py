"""New podcast episodes: transcript, then show notes."""
import httpx
from anthropic import Anthropic
from openai import OpenAI

FEED = "https://podcasts.newsroom.example/episodes.json"


def transcribe(audio_url: str) -> str:
    audio = httpx.get(audio_url, timeout=120).content
    result = OpenAI().audio.transcriptions.create(model="whisper-1", file=("episode.mp3", audio))  # expect: openai audio.transcriptions.create scheduled
    return result.text


def show_notes(transcript: str) -> str:
    msg = Anthropic().messages.create(  # expect: anthropic messages.create scheduled LLM001
        model="claude-sonnet-4-5",
        max_tokens=1200,
        messages=[{"role": "user", "content": f"Show notes with timestamps and links:\n{transcript}"}],
    )
    return msg.content[0].text


def notes_for_new_episodes() -> int:
    episodes = [e for e in httpx.get(FEED).json() if not e.get("notes")]
    for episode in episodes:
        notes = show_notes(transcribe(episode["audio"]))
        httpx.post(f"{FEED}/{episode['id']}/notes", json={"notes": notes})
    return len(episodes)
