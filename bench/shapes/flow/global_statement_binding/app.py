from fastapi import FastAPI

from engine import Engine

app = FastAPI()
ENGINE = None


@app.on_event("startup")
def load():
    global ENGINE
    ENGINE = Engine()


@app.post("/ask")
def ask(text: str):
    return ENGINE.answer(text)
