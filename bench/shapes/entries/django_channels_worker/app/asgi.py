# Canonical usage: https://channels.readthedocs.io/en/latest/topics/worker.html (ChannelNameRouter)
from channels.routing import ChannelNameRouter, ProtocolTypeRouter

from app.consumers import SummaryConsumer

application = ProtocolTypeRouter({"channel": ChannelNameRouter({"summaries": SummaryConsumer.as_asgi()})})
