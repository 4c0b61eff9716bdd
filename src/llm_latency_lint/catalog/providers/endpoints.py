"""Raw HTTP call sites matched to the catalog: the synthetic callee ``POST:<host><path>`` the facts
pass records (``http.classify_url``) names the provider whose API answers the request.

A URL the code chooses among several endpoints (``URLS[provider]``, a conditional, branches) is a
site for each: its callee is one endpoint followed by the others (``ALSO``), and the evidence
names them, so a reader sees which providers the request may reach. A ``self.`` attribute set to a
conditional somewhere in its class (``self.url = DEEPSEEK_URL if flag else OPENAI_URL``) holds the
choices of all its assignments, read once per (class, attribute) of the file; an assignment that
reads the attribute back (``self.url = self.url if flag else other``) adds only its other choices,
so a class of many such setters costs one reading per assignment. A URL that comes only from the
environment (``os.environ["LLM_URL"]``, ``os.getenv("API_URL")`` with no default) names no server:
with a chat, completion or Responses body (``model`` and ``messages``, ``prompt`` or ``input``) it is
``openai-compatible`` on a host set elsewhere (whether a batch API applies depends on it); a body that
also holds the answer (``output``, ``completion``: ``RECORD_KEYS``) reports an exchange, no request. So is a URL read off the
application's configuration (``self.client.post(self.config.endpoint, json=payload)``,
``settings.LLM_URL`` of an imported settings object, ``cfg["llm"]["url"]``, ``self.url`` set from
``config.endpoint``: a part before the last names configuration, ``CONFIG_WORDS``; not a dict
literal the file holds, whose keys it reads). A ``requests.post(url, json=payload)`` whose body the
file does not show as such is no site. The prefilter parses a file
for a dict literal's ``"messages":`` / ``"prompt":`` key, so such a request is seen in a file that
names no SDK (``"input":`` is too common a key to parse a file for: a Responses request to a
configured URL is seen where an importer chain or another anchor keeps its file, such as the config
module holding its default URL).
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from llm_latency_lint.catalog.providers.http import endpoint_function
from llm_latency_lint.catalog.providers.spec import Match, Provider

# A URL kept in configuration (``self.config.endpoint``, ``settings.LLM_URL``, ``cfg["llm"]["url"]``)
# and sent a chat body is some OpenAI-compatible server, filled in at run time as an environment read is.
CONFIG_WORDS = frozenset({"config", "configs", "configuration", "conf", "cfg", "settings", "setting", "options", "opts"})


def configuration_path(parts: Sequence[str]) -> bool:
    """``self.config.endpoint``: a part before the last (or one of its ``_`` words) names configuration."""
    return any(word in CONFIG_WORDS for part in parts[:-1] for word in part.lower().split("_"))


ALSO = " |also| "  # joins the other endpoints a chosen URL may hold to a site's own


def match_endpoint(name: str, provider_by_id: Callable[[str], Optional[Provider]]) -> Optional[Match]:
    own, *others = name.split(ALSO)
    found = endpoint_function(own)
    provider = provider_by_id(found[0]) if found else None
    if found is None or provider is None:
        return None
    notes = []
    owner = provider_by_id(found[2]) if found[2] else None
    if owner is not None:
        host = own[len("POST:"):].split("/", 1)[0]
        where = "" if host.startswith("<") else f" ({host})"
        batch = f"{provider.label}'s {provider.batch_api}" if provider.batch_supported else "no batch API"
        notes.append(f"a POST to {owner.label}'s API served by {provider.label}{where}: {owner.label}'s "
                     f"{owner.batch_api} applies only on {owner.label}'s own host; {batch} here")
    if others:
        labels = [_label(other, provider_by_id) for other in others]
        notes.append(f"the URL is chosen at run time: {provider.label} here, or {', '.join(labels)} "
                     f"(a site for each)")
    return Match(provider, own, found[1], inferred="; ".join(notes))


def _label(name: str, provider_by_id: Callable[[str], Optional[Provider]]) -> str:
    found = endpoint_function(name)
    provider = provider_by_id(found[0]) if found else None
    return f"{provider.label} ({name[len('POST:'):]})" if provider else name
