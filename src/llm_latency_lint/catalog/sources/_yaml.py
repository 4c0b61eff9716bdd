"""YAML documents with the line of every mapping key, read with PyYAML's safe loader.

Evidence names the line of a schedule, so mappings load as ``Mapping`` (a dict that also
knows where each key was written). Tags PyYAML does not know (GitLab's ``!reference``,
CloudFormation's ``!Ref``) load as plain values instead of failing the file. Nothing is
ever constructed beyond dicts, lists and scalars: this is ``yaml.SafeLoader``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Iterator, List, Type, TypeVar

T = TypeVar("T")


class Mapping(dict):
    """A YAML mapping; ``line(key)`` is the 1-based line the key was written on."""

    lines: Dict[Any, int]

    def line(self, key: Any, default: int = 0) -> int:
        return getattr(self, "lines", {}).get(key, default)


@lru_cache(maxsize=2)
def _loader(native: bool = False) -> Any:
    """The loader class, built on the first YAML file: most runs read none, and PyYAML's import
    is a noticeable part of a warm run's start-up. ``native``: on libyaml's parser (``CSafeLoader``,
    about ten times faster: on crewAI's 746 YAML files the pure-Python scanner was a tenth of a
    cold run), the same constructors."""
    import yaml

    class _Pure(yaml.SafeLoader):
        pass

    class _Native(yaml.CSafeLoader):
        pass

    loader = _Native if native else _Pure

    def _mapping(loader: Any, node: Any) -> Mapping:
        loader.flatten_mapping(node)
        out = Mapping()
        out.lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                key = str(key)
            out[key] = loader.construct_object(value_node, deep=True)
            out.lines[key] = key_node.start_mark.line + 1
        return out

    def _unknown_tag(loader: Any, suffix: str, node: Any) -> Any:
        if isinstance(node, yaml.MappingNode):
            return _mapping(loader, node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        return loader.construct_scalar(node)

    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    loader.add_multi_constructor("!", _unknown_tag)
    return loader


def documents(text: str) -> Iterator[Any]:
    """Every document in ``text``; raises ``yaml.YAMLError`` on YAML that does not parse.

    Read with libyaml when PyYAML has it; YAML it rejects is read again by the pure-Python
    parser, so a broken file yields the same documents and the same error message as without
    libyaml (the two word their errors differently)."""
    import yaml

    if getattr(yaml, "__with_libyaml__", False):
        try:
            found = list(yaml.load_all(text, Loader=_loader(True)))  # noqa: S506 - a SafeLoader
        except yaml.YAMLError:
            pass
        else:
            yield from found
            return
    yield from yaml.load_all(text, Loader=_loader())  # noqa: S506 - the loader is a SafeLoader


def load(text: str) -> Any:
    docs: List[Any] = [d for d in documents(text) if d is not None]
    return docs[0] if docs else None


def get(mapping: Any, *keys: Any) -> Any:
    """``get(d, "spec", "jobTemplate", "spec")``: None as soon as a level is missing."""
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def typed(mapping: Any, key: Any, kind: Type[T], default: T) -> T:
    """``mapping[key]`` where it is a ``kind`` (a document's value may be of any type), else ``default``."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, kind) else default


def line(mapping: Any, key: Any, default: int = 0) -> int:
    return mapping.line(key, default) if isinstance(mapping, Mapping) else default


def strings(value: Any) -> List[str]:
    """A command given as a string or a list of strings (and nested lists): its strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []
