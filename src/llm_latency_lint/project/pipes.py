"""LangChain's ``prompt | llm | parser``: what the composed chain is, as a value."""
from __future__ import annotations

from llm_latency_lint.catalog import providers
from llm_latency_lint.project.values import RUNNABLE, Kind, Values, client, ordered


def pipe(sides: Values) -> Values:
    """``prompt | llm | parser`` runs the model: typed as the model (which keeps the
    provider it calls), else as a Runnable when any side is a LangChain object. Its sides
    that are project functions or parallel maps (steps) come along, even for a ``|`` with
    no LangChain object (``fn | other``, as a user-defined pipe may compose): invoking the
    chain runs them too, so the walk must reach their calls."""
    lang = [a for a in ordered(sides) if a.kind is Kind.CLIENT and providers.provider_of_client(a.name) == "langchain"]
    models = {client(a.name) for a in lang
              if a.name != RUNNABLE and providers.match_client_call(a.name, ("invoke",))}
    # a project function (``RunnableLambda(fn)``, or ``fn`` coerced by the pipe) or parallel map runs too
    steps = {a for a in sides if a.kind is Kind.FUNC or (a.kind is Kind.MULTI and not a.path)}
    if models:
        return models | steps
    return ({client(RUNNABLE)} | steps) if lang else steps
