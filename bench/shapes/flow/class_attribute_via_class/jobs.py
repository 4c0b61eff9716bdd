from clients import Clients


def summarize(text):
    return Clients.openai.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
