# Canonical usage: https://dash.plotly.com/basic-callbacks
from dash import Dash, Input, Output, dcc, html
from openai import OpenAI

client = OpenAI()

app = Dash(__name__)
app.layout = html.Div([dcc.Input(id="question"), html.Div(id="answer")])


@app.callback(Output("answer", "children"), Input("question", "value"))
def answer(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


if __name__ == "__main__":
    app.run(debug=True)
