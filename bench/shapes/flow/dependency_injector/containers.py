from dependency_injector import containers, providers
from openai import OpenAI

from service import Service


class Container(containers.DeclarativeContainer):
    client = providers.Singleton(OpenAI)
    service = providers.Factory(Service, client=client)
