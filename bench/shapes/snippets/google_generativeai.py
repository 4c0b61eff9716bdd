# library: google-generativeai (legacy Gemini SDK)
# source: https://ai.google.dev/api/python/google/generativeai
import google.generativeai as genai

model = genai.GenerativeModel("gemini-1.5-flash")


def module_level(text):
    return model.generate_content(text)  # expect: google-generativeai


def embed(text):
    return genai.embed_content(model="models/text-embedding-004", content=text)  # expect: google-generativeai


class Bot:
    def __init__(self):
        self.chat = genai.GenerativeModel("gemini-pro").start_chat()

    def reply(self, text):
        return self.chat.send_message(text)  # expect: google-generativeai
