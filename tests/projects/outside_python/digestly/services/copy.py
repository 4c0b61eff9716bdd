"""Short texts, one function per product surface."""
from digestly.ai.writer import MODEL, client, messages


def teaser(text):
    resp = client.chat.completions.create(model=MODEL, messages=messages(text))  # expect: openai chat.completions.create real-time
    return resp


def compose_digest(items):
    resp = client.chat.completions.create(model=MODEL, messages=messages(str(items)))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def describe_changes(log):
    resp = client.chat.completions.create(model=MODEL, messages=messages(log))  # expect: openai chat.completions.create near-real-time LLM002
    return resp


def review_diff(diff):
    resp = client.chat.completions.create(model=MODEL, messages=messages(diff))  # expect: openai chat.completions.create near-real-time LLM002
    return resp


def write_report(rows):
    resp = client.chat.completions.create(model=MODEL, messages=messages(str(rows)))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def tag(article):
    resp = client.chat.completions.create(model=MODEL, messages=messages(article))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def translate(article):
    resp = client.chat.completions.create(model=MODEL, messages=messages(article))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def clean_title(title):
    resp = client.chat.completions.create(model=MODEL, messages=messages(title))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def release_notes(tag_name):
    resp = client.chat.completions.create(model=MODEL, messages=messages(tag_name))  # expect: openai chat.completions.create near-real-time LLM002
    return resp


def embed(text):
    return client.embeddings.create(model="text-embedding-3-small", input=text)  # expect: openai embeddings.create scheduled LLM001


def translate_archive(article):
    resp = client.chat.completions.create(model=MODEL, messages=messages(article))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def keywords(article):
    resp = client.chat.completions.create(model=MODEL, messages=messages(article))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def rate_blurb(rate):
    resp = client.chat.completions.create(model=MODEL, messages=messages(rate))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def sitemap_blurb(page):
    resp = client.chat.completions.create(model=MODEL, messages=messages(page))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def archive_note(issue):
    resp = client.chat.completions.create(model=MODEL, messages=messages(issue))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def price_note(price):
    resp = client.chat.completions.create(model=MODEL, messages=messages(price))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def alt_text(image):
    resp = client.chat.completions.create(model=MODEL, messages=messages(image))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def newsletter_intro(issue):
    resp = client.chat.completions.create(model=MODEL, messages=messages(issue))  # expect: openai chat.completions.create scheduled LLM001
    return resp


def faq_answer(question):
    resp = client.chat.completions.create(model=MODEL, messages=messages(question))  # expect: openai chat.completions.create scheduled LLM001
    return resp
