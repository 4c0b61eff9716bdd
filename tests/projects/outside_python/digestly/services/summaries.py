from digestly.ai.writer import MODEL, client, messages


def summarize(issue: dict) -> str:
    resp = client.chat.completions.create(model=MODEL, messages=messages(issue["body"]))  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content
