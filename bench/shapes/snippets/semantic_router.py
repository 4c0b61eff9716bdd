# library: semantic-router (routers and encoders called on a text)
# source: https://docs.aurelio.ai/semantic-router/route_layer.html ; https://docs.aurelio.ai/semantic-router/user-guide/components/routers ; https://docs.aurelio.ai/semantic-router/_autosummary/semantic_router.layer.RouteLayer.html
from semantic_router import Route, RouteLayer
from semantic_router.encoders import HuggingFaceEncoder, OpenAIEncoder
from semantic_router.routers import SemanticRouter

politics = Route(name="politics", utterances=["isn't politics the best thing ever"])
chitchat = Route(name="chitchat", utterances=["how's the weather today?"])
encoder = OpenAIEncoder()
rl = RouteLayer(encoder=encoder, routes=[politics, chitchat])


def classify(text):
    return rl(text).name  # expect: semantic-router


def several(text):
    return rl.retrieve_multiple_routes(text)  # expect: semantic-router


class Router:
    def __init__(self):
        self.router = SemanticRouter(encoder=OpenAIEncoder(), routes=[politics, chitchat], auto_sync="local")

    async def route(self, text):
        return await self.router.acall(text)  # expect: semantic-router

    def names(self):
        return self.router.list_route_names()


def vectors(texts):
    return encoder(texts)  # expect: semantic-router


def local_vectors(texts):
    return HuggingFaceEncoder()(texts)
