from openai import OpenAI

from base import Base


class Job(Base):
    def __init__(self):
        super().__init__(OpenAI())
