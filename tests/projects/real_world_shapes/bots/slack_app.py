from slack_bolt import App

from services.raw_http import Claude

app = App(token="t")


@app.command("/ask")
def ask(ack, command):
    ack()
    Claude().ask(command["text"])
