from clients import get_client


def summarize(text):
    return get_client().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
