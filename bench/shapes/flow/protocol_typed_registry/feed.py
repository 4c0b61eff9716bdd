from typing import Protocol


class FeedSource(Protocol):
    name: str

    def fetch_items(self) -> list: ...


class FeedService:
    def __init__(self) -> None:
        self._sources: dict = {}

    def register_source(self, source: FeedSource) -> None:
        self._sources[source.name] = source

    def refresh_all(self) -> list:
        items = []
        for _, source in self._sources.items():
            items.extend(source.fetch_items())
        return items
