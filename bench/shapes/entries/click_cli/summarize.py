# Canonical usage: https://click.palletsprojects.com/en/stable/quickstart/
import click
from openai import OpenAI

client = OpenAI()


@click.command()
@click.argument("path")
def summarize(path):
    text = open(path).read()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    click.echo(reply.choices[0].message.content)


if __name__ == "__main__":
    summarize()
