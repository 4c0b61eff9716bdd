"""One module per provider; each declares ``FIXERS = [...]`` (see ``fixes.registry``).

Modules whose name starts with ``_`` hold plumbing shared by several providers.
"""
