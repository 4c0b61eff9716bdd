from functools import cache

from openai import OpenAI


@cache
def get_client():
    return OpenAI()
