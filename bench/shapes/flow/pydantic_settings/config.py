from openai import OpenAI
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    openai_api_key: str = ""

    def make_client(self):
        return OpenAI(api_key=self.openai_api_key)


settings = Settings()
