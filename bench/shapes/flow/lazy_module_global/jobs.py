import clients


def summarize(text):
    client = clients.get_client()
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
