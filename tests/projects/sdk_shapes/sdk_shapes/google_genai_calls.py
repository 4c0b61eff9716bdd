"""Scheduled Gemini jobs on google-genai: sync, aio, streaming, chats, embeddings and batches."""
from google import genai
from google.genai import types

client = genai.Client()
CONFIG = types.GenerateContentConfig(temperature=0.2)


def make_vertex_client() -> genai.Client:
    return genai.Client(vertexai=True, project="acme", location="us-central1")


def nightly_tags(products):  # llm-latency: scheduled
    tags = {}
    for product in products:
        resp = client.models.generate_content(model="gemini-2.5-flash", contents=product.description, config=CONFIG)  # expect: google models.generate_content scheduled LLM001
        tags[product.id] = resp.text
        product.vector = client.models.embed_content(model="text-embedding-004", contents=product.description)  # expect: google models.embed_content scheduled LLM001 LLM003
    text = ""
    for chunk in client.models.generate_content_stream(model="gemini-2.5-flash", contents="summarise the tags"):  # expect: google models.generate_content_stream scheduled LLM001 LLM004
        text += chunk.text
    return tags, text


def weekly_review(notes):  # llm-latency: scheduled
    vertex = make_vertex_client()
    chat = vertex.chats.create(model="gemini-2.5-pro")
    chat.send_message(f"This week's notes: {notes}")  # expect: google send_message scheduled
    return [part.text for part in chat.send_message_stream("Now summarise them")]  # expect: google send_message_stream scheduled LLM004


async def refresh_summaries(pages):  # llm-latency: scheduled
    return [await client.aio.models.generate_content(model="gemini-2.5-flash", contents=page) for page in pages]  # expect: google models.generate_content scheduled LLM001


def submit_batch(requests, previous=None):  # llm-latency: scheduled
    if previous is not None:
        job = client.batches.get(name=previous)  # expect: google batches.get scheduled
        return job.dest.inlined_responses if job.state.name == "JOB_STATE_SUCCEEDED" else None
    return client.batches.create(model="gemini-2.5-flash", src=requests, config={"display_name": "nightly"})  # expect: google batches.create scheduled
