# Canonical usage: https://github.com/slack-samples/bolt-python-starter-template (app.py + listeners/)
import os

from listeners import register_listeners
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

app = App(token=os.environ.get("SLACK_BOT_TOKEN"))
register_listeners(app)

if __name__ == "__main__":
    SocketModeHandler(app, os.environ.get("SLACK_APP_TOKEN")).start()
