"""One module per provider; each declares ``FIXERS = [...]`` (see ``fixes.catalog``).

Modules whose name starts with ``_`` hold plumbing shared by several providers.
"""
