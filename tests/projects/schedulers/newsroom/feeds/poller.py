"""Wire feeds: fetch, normalise, store."""
import feedparser

from newsroom.feeds.normalize import normalize_entry

FEEDS = ("https://wire.example/rss/world", "https://wire.example/rss/business")


def poll_feeds() -> int:
    stored = 0
    for url in FEEDS:
        for entry in feedparser.parse(url).entries:
            stored += normalize_entry(entry)
    return stored
