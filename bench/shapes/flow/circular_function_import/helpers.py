def summarize(text):
    from clients import client
    import jobs  # noqa: F401  (the cycle)
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
