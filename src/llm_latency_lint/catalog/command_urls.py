"""The HTTP request a command line makes, as the entry key ``url:<VERB> <url>``.

A schedule whose command is ``curl -X POST $APP_URL/run-digest`` (a Render cron job, a crontab
line, a CI step, a Kubernetes CronJob container) runs whatever the project's own route at that
path runs (corpus label policy 6); ``project/route_entries.py`` matches the key against the
project's route table. Read here: ``curl`` (``-X``/``--request``; ``-d``/``--data*``/``-F``/
``--json`` mean POST, ``-T`` PUT, ``-I`` HEAD), ``wget`` (``--post-data``/``--post-file``,
``--method``), HTTPie ``http``/``https``/``xh`` (``http POST url``), PowerShell
``Invoke-WebRequest``/``Invoke-RestMethod`` (``-Uri``, ``-Method``) and Python one-liners
(``python -c "import requests; requests.post('...')"``). Parts set elsewhere become ``{NAME}``
(``$APP_URL``, ``${APP_URL}``, ``${{ secrets.APP_URL }}``, ``%APP_URL%``, ``$env:APP_URL``), as in
the facts' request URLs. A host that is someone else's service (a monitoring ping such as
``hc-ping.com``, a public API named for its service: ``service_hosts.someone_elses``) gives no key.
"""
from __future__ import annotations

import ast
import re
from typing import List, Optional

from llm_latency_lint.catalog.service_hosts import RUN_HOST, someone_elses

CLIENTS = frozenset({"curl", "wget", "http", "https", "xh", "xhs", "Invoke-WebRequest", "Invoke-RestMethod",
                     "iwr", "irm"})
_CURL_VALUED = frozenset("""
    -H --header -o --output -u --user -A --user-agent -m --max-time --connect-timeout -w --write-out
    --retry --retry-delay --retry-max-time -e --referer -b --cookie -c --cookie-jar -K --config --cacert
    --cert --key --resolve -x --proxy --oauth2-bearer -r --range -y -Y -z --interface --limit-rate
    --max-redirs --proto -E --tlsv1.2 --ciphers --url-query --variable --expand-url
""".split())
_CURL_DATA = ("-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--data-ascii", "--json",
              "-F", "--form", "--form-string")
_WGET_VALUED = frozenset("-O --output-document -o --output-file -a --append-output --header -U --user-agent -t "
                         "--tries -T --timeout -w --wait --user --password -e --execute".split())
_VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_VARIABLE = re.compile(r"\$\{(\w+)[^}]*\}|\$env:(\w+)|\$(\w+)|%(\w+)%")
_HOSTLIKE = re.compile(r"^(?:localhost|[\w-]+(?:\.[\w-]+)*:\d+|\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)(?:/|$)")
_PY_CLIENTS = ("requests", "httpx", "urllib", "session", "client")


def plain(text: str) -> str:
    """``${{ secrets.APP_URL }}/x`` -> ``${secrets_APP_URL}/x``: one shell word whatever its spaces."""
    return _EXPR.sub(lambda m: "${" + re.sub(r"\W+", "_", m.group(1)).strip("_") + "}", text)


def url_key(method: str, url: str) -> Optional[str]:
    """``url:POST {APP_URL}/run-digest``, or None: no path on a host, or someone else's host."""
    url = _VARIABLE.sub(lambda m: "{" + next(g for g in m.groups() if g) + "}", url.strip().strip("'\""))
    if _HOSTLIKE.match(url):
        url = "http://" + url
    if "://" in url:
        scheme, _, rest = url.partition("://")
        host = rest.split("/", 1)[0]
        if scheme.lower() not in ("http", "https") and not scheme.startswith("{"):
            return None
    elif url.startswith("{") and "}" in url:
        host = url[: url.index("}") + 1]
    else:
        return None
    if someone_elses(host):
        return None
    path = url.split(host, 1)[1].split("?", 1)[0].split("#", 1)[0]
    root = not path.strip("/") and host.lower().endswith(RUN_HOST)  # a Gen2 function's or Cloud Run service's URL
    if not root and (not path.strip("/") or not path.startswith("/")):
        return None
    return f"url:{method.upper()} {url.split('?', 1)[0].split('#', 1)[0]}"


def url_keys(words: List[str]) -> List[str]:
    """The request of one simple command whose first word is one of ``CLIENTS``."""
    head, args = words[0], words[1:]
    if head == "curl":
        return _curl(args)
    if head == "wget":
        return _wget(args)
    if head in ("Invoke-WebRequest", "Invoke-RestMethod", "iwr", "irm"):
        return _powershell(args)
    # HTTPie / xh: ``http [METHOD] URL [items]``; an item with ``=`` or ``:=`` makes it a POST
    rest = [a for a in args if not a.startswith("-")]
    method = rest.pop(0).upper() if rest and rest[0].upper() in _VERBS else ""
    if not rest:
        return []
    has_data = any(re.match(r"^[\w-]+:?=", a) for a in rest[1:])
    target = rest[0] if "/" in rest[0] or rest[0].startswith(":") else ""
    if target.startswith(":"):
        target = "localhost" + target
    key = url_key(method or ("POST" if has_data else "GET"), target) if target else None
    return [key] if key else []


def _curl(args: List[str]) -> List[str]:
    method, urls, skip = "", [], False
    data = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg in ("-X", "--request") and index + 1 < len(args):
            method, skip = args[index + 1], True
        elif arg.startswith("-X") and len(arg) > 2:
            method = arg[2:]
        elif arg in _CURL_DATA or any(arg.startswith(d + "=") for d in _CURL_DATA if d.startswith("--")):
            data, skip = True, "=" not in arg
        elif arg in ("-T", "--upload-file"):
            method, skip = method or "PUT", True
        elif arg in ("-I", "--head"):
            method = method or "HEAD"
        elif arg == "--url" and index + 1 < len(args):
            urls.append(args[index + 1])
            skip = True
        elif arg in _CURL_VALUED:
            skip = True
        elif not arg.startswith("-"):
            urls.append(arg)
    verb = method or ("POST" if data else "GET")
    return [k for k in (url_key(verb, u) for u in urls) if k]


def _wget(args: List[str]) -> List[str]:
    method, urls, skip = "", [], False
    for arg in args:
        if skip:
            skip = False
        elif arg.startswith(("--post-data", "--post-file")):
            method, skip = method or "POST", "=" not in arg
        elif arg.startswith("--method"):
            method = arg.partition("=")[2] or method
        elif arg in _WGET_VALUED:
            skip = True
        elif not arg.startswith("-"):
            urls.append(arg)
    return [k for k in (url_key(method or "GET", u) for u in urls) if k]


def _powershell(args: List[str]) -> List[str]:
    method, url = "GET", ""
    lowered = [a.lower() for a in args]
    for index, arg in enumerate(lowered[:-1]):
        if arg == "-method":
            method = args[index + 1]
        elif arg in ("-uri", "-url"):
            url = args[index + 1]
    url = url or next((a for a in args if not a.startswith("-") and "/" in a), "")
    key = url_key(method, url) if url else None
    return [key] if key else []


def code_url_keys(code: str) -> List[str]:
    """Python code's literal requests: ``requests.post("http://web:8000/api/digest")``,
    ``httpx.get(f"{BASE}/x")``, ``urllib.request.urlopen("...")`` (GET)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    found: List[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args or not isinstance(node.func, ast.Attribute):
            continue
        verb = node.func.attr.upper()
        receiver = ast.unparse(node.func.value).lower()
        if not any(word in receiver for word in _PY_CLIENTS):
            continue
        if verb == "URLOPEN":
            verb = "POST" if len(node.args) > 1 or any(k.arg == "data" for k in node.keywords) else "GET"
        elif verb not in _VERBS:
            continue
        url = _text(node.args[0])
        key = url_key(verb, url) if url else None
        if key:
            found.append(key)
    return found


def _text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}"
                       for v in node.values if isinstance(v, (ast.Constant, ast.FormattedValue)))
    return ""
