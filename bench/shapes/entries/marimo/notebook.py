# Canonical usage: https://docs.marimo.io/getting_started/key_concepts/
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo
    from openai import OpenAI

    client = OpenAI()
    question = mo.ui.text(label="Question")
    question
    return client, question


@app.cell
def _(client, question):
    text = question.value
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    reply.choices[0].message.content
    return


if __name__ == "__main__":
    app.run()
