from clients import make


def summarize(text):
    client, model = make()
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
