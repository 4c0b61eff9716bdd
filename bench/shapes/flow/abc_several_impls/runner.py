from base import Provider


def run(provider: Provider, text):
    return provider.generate(text)
