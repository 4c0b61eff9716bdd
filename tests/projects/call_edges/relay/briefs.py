from relay.calls import by_registry
from relay.registry import register


@register("ops-brief")
def ops_brief():
    return by_registry()
