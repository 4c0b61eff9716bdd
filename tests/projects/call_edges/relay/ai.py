from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"
