# Canonical usage: https://typer.tiangolo.com/tutorial/commands/
import typer
from openai import OpenAI

client = OpenAI()

app = typer.Typer()


@app.command()
def summarize(path: str):
    text = open(path).read()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    print(reply.choices[0].message.content)


@app.command()
def version():
    print("1.0")


if __name__ == "__main__":
    app()
