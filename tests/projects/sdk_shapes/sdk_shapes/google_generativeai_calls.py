"""Scheduled jobs still on the legacy google-generativeai package."""
import google.generativeai as genai

genai.configure(api_key="test-key")
model = genai.GenerativeModel("gemini-1.5-flash")


def nightly_legacy(rows):  # llm-latency: scheduled
    vectors = []
    for row in rows:
        vectors.append(genai.embed_content(model="models/text-embedding-004", content=row)["embedding"])  # expect: google-generativeai google.generativeai.embed_content scheduled LLM001 LLM003
    summary = model.generate_content("Summarise: " + " ".join(rows))  # expect: google-generativeai generate_content scheduled LLM001
    chat = model.start_chat(history=[])
    chat.send_message("Shorter, please")  # expect: google-generativeai send_message scheduled
    return vectors, summary.text
