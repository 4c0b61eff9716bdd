# Canonical usage: https://github.com/slack-samples/bolt-python-starter-template (listeners/__init__.py)
from listeners import events


def register_listeners(app):
    events.register(app)
