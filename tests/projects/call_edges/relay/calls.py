"""Every LLM call of the product, one function per path that reaches it."""
from relay.ai import MODEL, client


def by_thread(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_submit(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_map(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_to_thread(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_executor(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_partial(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_lambda(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_dict(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_dict_lambda(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_list(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_registry(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_plugin(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_langgraph(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_langgraph_local(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_self_subclass(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_super(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_instance(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_chain(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_sched_decorator(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_sched_helper(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_lifespan_job(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create scheduled LLM001
    return resp.choices[0].message.content


def by_waited(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create real-time
    return resp.choices[0].message.content


def by_async_result(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create real-time
    return resp.choices[0].message.content


def by_polled_in_request(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create real-time
    return resp.choices[0].message.content


def by_ui_polled(text="x"):
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}])  # expect: openai chat.completions.create near-real-time LLM002
    return resp.choices[0].message.content
