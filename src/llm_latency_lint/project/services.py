"""Clients of a per-service factory whose service name the code passes in (``boto3.client(name)``).

``def get_aws_client(service_name): return session.client(service_name=service_name)`` builds a
client of no service the function names: it is typed ``factory#?`` (pending), and a call that
passes a literal (``get_aws_client("bedrock-runtime")``) fills it in, through any number of such
helpers. A pending client nobody fills matches an operation only when exactly one service of the
catalog has it (``converse`` is Bedrock runtime's; ``get_object`` matches nothing).
"""
from __future__ import annotations

from typing import Optional, Set

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers.spec import Match
from llm_latency_lint.project.values import Atom, Kind, Values, client

PENDING = "#?"


def pending(factory: str) -> Optional[Atom]:
    """The pending client a service factory builds when no literal names the service."""
    return client(factory + PENDING) if factory in providers.service_factories() else None


def fill(values: Values, literal: Optional[str]) -> Values:
    """A project function's returns, with its pending clients given the caller's literal
    service name (when that names a catalog client; otherwise they stay pending)."""
    if not literal or not any(a.kind is Kind.CLIENT and a.name.endswith(PENDING) for a in values):
        return values
    out: Set[Atom] = set()
    for atom in values:
        named = atom.name[: -len(PENDING)] + "#" + literal if atom.name.endswith(PENDING) else ""
        out.add(client(named, atom.path) if named and providers.is_client(named) else atom)
    return out


def match_pending(atom: Atom) -> Optional[Match]:
    if atom.kind is not Kind.CLIENT or not atom.name.endswith(PENDING):
        return None
    return providers.match_service_call(atom.name[: -len(PENDING)], atom.path)
