"""A decorator registry: ``@register("name")`` collects briefs by name."""
REGISTRY = {}


def register(name):
    def deco(fn):
        REGISTRY[name] = fn
        return fn
    return deco
