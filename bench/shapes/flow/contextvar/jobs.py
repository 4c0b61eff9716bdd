from ctx import current_client


def summarize(text):
    client = current_client.get()
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
