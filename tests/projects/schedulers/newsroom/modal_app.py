"""Podcast show notes, on Modal (``modal deploy newsroom/modal_app.py``)."""
import modal

app = modal.App("newsroom-podcasts")
image = modal.Image.debian_slim().pip_install("openai", "anthropic", "httpx")


@app.function(schedule=modal.Cron("0 6 * * *"), image=image, secrets=[modal.Secret.from_name("llm-keys")], timeout=3600)
def write_show_notes():
    from newsroom.podcasts import notes_for_new_episodes

    notes_for_new_episodes()
