from fastapi import Depends, FastAPI
from openai import OpenAI

from service import Service

app = FastAPI()


def get_client():
    return OpenAI()


def get_service(client=Depends(get_client)):
    return Service(client)


@app.post("/summarize")
def summarize(text: str, service: Service = Depends(get_service)):
    return service.run(text)
