from config import settings


def summarize(text):
    client = settings.make_client()
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
