"""One module per provider; each declares ``FIXERS = [...]`` (see ``fixes.catalog``)."""
