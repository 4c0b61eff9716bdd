from openai import OpenAI


class Clients:
    openai = OpenAI()
