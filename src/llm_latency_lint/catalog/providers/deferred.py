"""Raw HTTP sites whose URL the facts pass cannot read whole: another module's constant, or a
parameter its callers fill (``http.py`` decides the rest; the project stage reads these:
``project/edges.py``, ``project/deferred_urls.py``)."""
from __future__ import annotations

from typing import Iterable, Optional, Tuple

# The whole URL is another module's constant (``from env import ENDPOINT``; ``requests.post(ENDPOINT,
# json=...)``): the facts pass cannot read it, so the site is kept under ``POST:{=env.ENDPOINT}?keys``
# and the project stage classifies the constant's text (``project.edges``).
_DEFERRED = "POST:{="
# A module constant built by an f-string is stored as ``unknown`` with this reason and its URL
# template (``facts/urls.py``): a POST to the constant from another module reads the template.
TEMPLATE = "template:"


# A deferred URL that is a parameter (``def post_chat(url, body)``): ``fn#name#index`` in place of the
# constant's name; the project stage reads what callers pass for it.
PARAM_URL = "#"


def deferred_url(qualified: str, body: Iterable[str]) -> str:
    """The synthetic callee of a POST whose URL is the constant ``qualified`` of another module."""
    return f"{_DEFERRED}{qualified}}}?{','.join(sorted(set(body)))}"


def parse_deferred(name: str) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """(the constant's qualified name, the body's keys) of a ``deferred_url``, else None."""
    if not name.startswith(_DEFERRED) or "}?" not in name:
        return None
    qualified, _, keys = name[len(_DEFERRED):].partition("}?")
    return qualified, tuple(k for k in keys.split(",") if k)
