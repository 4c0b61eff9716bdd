from relay.calls import by_self_subclass
from relay.pipelines.base import Pipeline


class TranslatePipeline(Pipeline):
    def step(self):
        return by_self_subclass("translate")
