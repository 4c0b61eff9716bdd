from relay.calls import by_plugin
from relay.plugins.base import Plugin


class Sentiment(Plugin):
    def run(self, text):
        return by_plugin(text)
