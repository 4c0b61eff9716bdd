from functools import lru_cache

from openai import OpenAI


@lru_cache(maxsize=1)
def get_client():
    return OpenAI()
