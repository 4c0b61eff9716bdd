"""URLs of the facts pass: the text of a request's URL argument, and raw HTTP call sites.

``url_text`` reads what this file shows of a URL: literals, f-strings, ``+`` and ``.format``,
join calls and module constants (``facts.url_joins``), locals and ``self.`` attributes set to one of those, and the default of
``os.getenv("X", "http://...")``; every part it cannot read becomes ``{<its code>}`` (``{}`` when it
has no name), so the catalog can read a hint in the name (``{OLLAMA_API_HOST}``). ``HttpMixin.record_http_site`` asks the catalog (``providers.http``) whether a
POST to that URL is an LLM request and records the call site under the synthetic callee
``POST <host> <path>`` the graph matches like a module function.
"""
from __future__ import annotations

from typing import Dict, List, Optional

import libcst as cst

from llm_latency_lint.catalog.providers.endpoints import ALSO
from llm_latency_lint.catalog.providers.hosts import NESTED_BODY_KEYS
from llm_latency_lint.catalog.providers.http import (
    HTTP_CLIENTS,
    RAW_BATCH,
    REQUEST_BUILDERS,
    SENDER_VERBS,
    SENDERS,
    TEMPLATE,
    classify_url,
    deferred_url,
    is_llm_body,
)
from llm_latency_lint.facts.scopes import Scope
from llm_latency_lint.facts.url_choices import UrlChoicesMixin
from llm_latency_lint.facts.url_joins import UrlJoinsMixin
from llm_latency_lint.facts.url_params import ParamUrlMixin
from llm_latency_lint.facts.url_selfs import SelfUrlsMixin
from llm_latency_lint.model import Expr
from llm_latency_lint.syntax.literals import arg, kwarg, literal, positional
from llm_latency_lint.syntax.walk import nodes_of

MAX_DEPTH = 6
UNKNOWN = "{}"


class HttpMixin(UrlChoicesMixin, UrlJoinsMixin, ParamUrlMixin, SelfUrlsMixin):
    """Raw HTTP call sites for ``FactsVisitor`` (scopes, module constants and facts it holds)."""

    def record_http_site(self, node: cst.Call, method: str, span) -> bool:
        built = self._built_requests(node) if method in ("send", "urlopen") else []
        recorded = [self._record_sent(node, sent, method, span) for sent in built]  # each request it may send
        return any(recorded) if built else self._record_sent(node, None, method, span)

    def _record_sent(self, node: cst.Call, sent: Optional[cst.Call], method: str, span) -> bool:
        request = sent if sent is not None else node
        spec = SENDERS.get(method) if sent is None else ((0, False) if method == "urlopen" else (1, True))
        if spec is None or not isinstance(node.func, (cst.Attribute, cst.Name)):
            return False
        site, node = node, request  # the request's URL and body; the site is where it is sent
        verb = SENDER_VERBS.get(method, "POST")
        if verb != "POST" and RAW_BATCH not in (self.source or ""):
            return False
        index, verb_first = spec
        if verb_first and "POST" not in self._verbs(kwarg(node, "method") or positional(node, 0)):
            return False
        elif method == "urlopen":  # ``urllib.request.Request(url, data=...)``: POST when it has data
            given = literal(kwarg(node, "method"))
            if kwarg(node, "data") is None and positional(node, 1) is None or given not in (None, "POST"):
                return False
        url = arg(node, "url", index)
        if url is None:
            return False
        text = self.url_text(url)
        body = self.body_keys(node)
        choices = self.url_choices(url)
        sent_body = kwarg(node, "json") or kwarg(node, "data")  # opaque: handed in (a parameter, an attribute)
        opaque = not body and (isinstance(sent_body, cst.Attribute) or isinstance(sent_body, cst.Name) and (
            sent_body.value not in self._function_scope().locals))
        names = [n for n in dict.fromkeys(self._classified(site, t, body, opaque, verb) for t in choices) if n]
        if not names and verb == "POST":  # the expression read whole: an unreadable name keeps its spelling (a hint)
            found = self._classified(site, text, body) or self._imported_constant(url, text, body, node) or (
                self.environment_url(url, body)) or self._parameter_url(url, body)
            names = [found] if found else []
        for name in names:  # a URL that may hold several endpoints: a site for each, naming the others
            self._record_site(site, ["name", ALSO.join([name, *(n for n in names if n != name)])], method, span)
        return bool(names)

    def _classified(self, site: cst.Call, text: str, body: List[str], opaque: bool = False,
                    verb: str = "POST") -> Optional[str]:
        """The synthetic callee of a POST to ``text`` (``classify_url``), a relative path joined to
        the base URL of the client it is sent on (``self._http.post("/embeddings")``)."""
        if not text or text == UNKNOWN:
            return None
        if "://" not in text and not text.startswith("{"):
            for base in self.receiver_bases(site.func):
                name = classify_url(base.rstrip("/") + "/" + text.lstrip("/"), body, verb=verb)
                if name is not None:
                    return name
        return classify_url(text, body, opaque, verb)

    def _imported_constant(self, url: cst.BaseExpression, text: str, body: List[str], node: cst.Call) -> Optional[str]:
        """The whole URL is a name imported from another module (``from env import ENDPOINT``) and
        the body is an LLM request's, or a value this file cannot read (``json=payload``): kept for
        the project stage, which reads the constant (without a body, only a URL naming an LLM
        endpoint is one: ``f"{LLM_ENDPOINT}/chat/completions"``)."""
        opaque = not body and isinstance(kwarg(node, "json") or kwarg(node, "data"), (cst.Name, cst.Attribute))
        if not (isinstance(url, (cst.Name, cst.Attribute)) and text.startswith("{") and (is_llm_body(body) or opaque)):
            return None
        qualified = self.ctx.qualified(url)
        if not qualified or "." not in qualified or qualified.startswith(f"{self.facts.module}."):
            return None
        return deferred_url(qualified, body)

    def global_expr(self, value: cst.BaseExpression) -> Expr:
        """A module constant's value; an f-string's is its URL template (``unknown`` with the reason
        ``template:{LLM_ENDPOINT}/chat/completions``): it holds no object, but a POST in another
        module to the constant names that endpoint (``project/edges.py`` reads it)."""
        if isinstance(value, cst.FormattedString):
            return ["unknown", f"{TEMPLATE}{self.url_text(value)}"]
        return self.expr(value)

    def _built_requests(self, node: cst.Call) -> List[cst.Call]:
        """``client.send(req)`` / ``urlopen(req)``: the calls that built ``req`` (``client.build_request(
        "POST", url, json=...)``, ``httpx.Request(...)``, ``requests.Request(...).prepare()``,
        ``urllib.request.Request(url, data=...)``), inline, each value of a local, or what a function
        of this file returns (``req = _openrouter_request(cfg, prompt)``)."""
        sent = positional(node, 0) or kwarg(node, "request") or kwarg(node, "url")
        values = self._bound_values(sent.value) if isinstance(sent, cst.Name) else [sent] if sent else []
        found: List[cst.Call] = []
        for value in values:
            for built in [value, *self.returned_values(value)] if _builder(value) is None else [value]:
                call = _builder(built)
                if call is not None and call not in found:
                    found.append(call)
        return found

    def receiver_bases(self, func: cst.BaseExpression) -> List[str]:
        """The ``base_url`` of the HTTP client a request is sent on: the client a local (or a
        ``with ... as`` name, or a module name) is bound to; else (``self._http``, a factory's
        result) the base URLs of the HTTP clients this file builds. Empty: no base URL known."""
        if not isinstance(func, cst.Attribute):
            return []
        receiver = func.value
        if isinstance(receiver, cst.Name):  # ``client = await self._get_client()``: the awaited call's
            values: List[cst.BaseExpression] = []
            for value in self._bound_values(receiver.value):
                returned = self._awaited_clients(value.expression) if isinstance(value, cst.Await) else [value]
                if returned is None:
                    return []  # built elsewhere (another module's session factory): its base is not this file's
                values.extend(returned)
            clients = [v for v in values if isinstance(v, cst.Call) and self._client_ctor(v)]
            if clients:
                return [b for b in (self._client_base(c) for c in clients) if b]
            if values and not any(isinstance(v, cst.Call) for v in values):
                return []  # bound to something else we can read: not a client this file builds
        return self._file_bases()

    def _bound_values(self, name: str, module: bool = True) -> List[cst.BaseExpression]:
        """What ``name`` is bound to where it is read: the nearest enclosing function's local (a
        closure's name is its enclosing function's), hidden by a nearer parameter; else, with
        ``module``, the module's binding."""
        for scope in reversed(self.scopes):
            if scope.kind == "function" and name in scope.locals:
                return [v for v in scope.locals[name] if isinstance(v, cst.BaseExpression)]
            if scope.kind == "function" and name in scope.params:
                return []
        value = self.module_values.get(name) if module else None
        return [value] if value is not None else []

    def _client_base(self, call: cst.Call) -> str:
        position = HTTP_CLIENTS.get(self.ctx.qualified(call.func) or "")
        if position is None:
            return ""
        value = kwarg(call, "base_url")
        if value is None and position >= 0:
            value = positional(call, position)
        text = self.url_text(value) if value is not None else UNKNOWN
        return "" if text == UNKNOWN else text

    def _file_bases(self) -> List[str]:
        """Base URLs of every HTTP client this file builds (read once, in file order)."""
        if not hasattr(self, "_http_bases"):
            found: List[str] = []
            for call in nodes_of(self.module, cst.Call):
                if self._client_ctor(call):
                    base = self._client_base(call)
                    if base and base not in found:
                        found.append(base)
            self._http_bases = found
        return self._http_bases

    def url_text(self, node: Optional[cst.BaseExpression], depth: int = 0) -> str:
        if node is None or depth > MAX_DEPTH:
            return UNKNOWN
        value = literal(node)
        if isinstance(value, str):
            return value
        if isinstance(node, cst.FormattedString):
            out = []
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    out.append(part.value)
                elif isinstance(part, cst.FormattedStringExpression):
                    out.append(self.url_text(part.expression, depth + 1))
            return "".join(out)
        if isinstance(node, cst.ConcatenatedString):
            return self.url_text(node.left, depth + 1) + self.url_text(node.right, depth + 1)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self.url_text(node.left, depth + 1) + self.url_text(node.right, depth + 1)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in (
            "format", "rstrip", "strip", "lstrip"
        ):
            return self.url_text(node.func.value, depth + 1)
        if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            return self.either_text(node, depth)
        if isinstance(node, cst.Call):
            joined = self.joined_text(node, depth)
            return joined if joined != UNKNOWN else self._env_text(node, depth)
        if isinstance(node, cst.Name):
            return self._named(node, self._name_text(node.value, depth))
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            return self._named(node, self._attr_text(node.value.value, node.attr.value, depth))
        if isinstance(node, cst.Attribute):
            return self._named(node, UNKNOWN)
        return UNKNOWN

    def _named(self, node: cst.BaseExpression, text: str) -> str:
        """An unreadable name keeps its spelling: ``{OLLAMA_API_HOST}``, ``{settings.GROQ_URL}``."""
        if text != UNKNOWN:
            return text
        code = self.module.code_for_node(node)
        return "{%s}" % code if "{" not in code and "}" not in code else UNKNOWN

    def _env_text(self, node: cst.Call, depth: int) -> str:
        """``os.getenv("HOST", "http://localhost:11434")`` / ``os.environ.get``: the default, else
        the variable's name as a placeholder (``{OLLAMA_HOST}``)."""
        qualified = self.ctx.qualified(node.func) or ""
        if qualified not in ("os.getenv", "os.environ.get") or not node.args:
            return UNKNOWN
        default = arg(node, "default", 1)
        if default is not None:
            text = self.url_text(default, depth + 1)
            if text != UNKNOWN:
                return text
        variable = literal(node.args[0].value)
        return "{%s}" % variable if isinstance(variable, str) else UNKNOWN

    def body_keys(self, node: cst.Call) -> List[str]:
        """Keys of the request's JSON body (``json={...}`` or a local dict), for the catalog to
        tell an LLM request (``{"model", "messages"}``) from any other POST."""
        body = kwarg(node, "json")
        if body is None:  # ``data=json.dumps(payload).encode()``, ``content=json.dumps({...})``
            body = _dumped(kwarg(node, "data") or kwarg(node, "content") or (
                positional(node, 1) if last_method(node) == "Request" else None))
        if body is None and isinstance(kwarg(node, "data"), cst.Dict):  # a form: ``data={"purpose": "batch"}``
            body = kwarg(node, "data")
        if isinstance(body, cst.Name):
            scope = self._function_scope()
            values = [v for v in scope.locals.get(body.value, []) if isinstance(v, cst.Dict)]
            body = values[-1] if values else None
        return self._dict_keys(body, 0)

    def _dict_keys(self, body: Optional[cst.BaseExpression], depth: int) -> List[str]:
        """A dict literal's string keys, with those of a mapping it unpacks that the file binds
        (``{**setting, "messages": msg}`` where ``setting = {"model": model, ...}`` at module level),
        and a ``NESTED_BODY_KEYS`` key's own dict literal's keys as ``parameters.max_new_tokens``."""
        if not isinstance(body, cst.Dict) or depth > 2:
            return []
        keys: List[str] = []
        for element in body.elements:
            if isinstance(element, cst.DictElement):
                key = literal(element.key)
                keys.extend([key] if isinstance(key, str) else [])
                if key in NESTED_BODY_KEYS and isinstance(element.value, cst.Dict):
                    keys.extend(f"{key}.{inner}" for inner in self._dict_keys(element.value, depth + 1) if "." not in inner)
            elif isinstance(element, cst.StarredDictElement) and isinstance(element.value, cst.Name):
                bound = [v for v in self._bound_values(element.value.value) if isinstance(v, cst.Dict)]
                keys.extend(self._dict_keys(bound[-1], depth + 1) if bound else [])
        return keys

    def _name_text(self, name: str, depth: int) -> str:
        for scope in reversed(self.scopes):
            if scope.kind == "function" and name in scope.locals:
                values = [v for v in scope.locals[name] if isinstance(v, cst.BaseExpression)]
                texts = [self.url_text(v, depth + 1) for v in values]
                known = [t for t in texts if classify_url(t)]
                return known[-1] if known else (texts[-1] if texts else UNKNOWN)
            if name in scope.params:  # ``def send(url=settings.OLLAMA_URL)``: the default names it
                default = scope.defaults.get(name)
                if default is None:  # ``def send(url, ...)``: what this file's callers pass
                    return self._passed_text(scope, name, depth)
                return self._named(default, self.url_text(default, depth + 1))
        return self.module_text(name, depth)

    def _verbs(self, node: Optional[cst.BaseExpression]) -> List[str]:
        """A request's verb: a literal, or what this file's callers pass for the parameter it names
        (``requests.request(method, url)`` in ``def _make_request(self, method, endpoint)``)."""
        verb = literal(node)
        if isinstance(verb, str) or not isinstance(node, cst.Name):
            return [verb.upper()] if isinstance(verb, str) else []
        scope = next((sc for sc in reversed(self.scopes) if sc.kind == "function" and node.value in sc.params), None)
        if scope is None or scope.defaults.get(node.value) is not None:
            return []
        passed = (literal(v) for v in self._passed_values(scope, node.value))
        return [v.upper() for v in passed if isinstance(v, str)]

    def _passed_values(self, scope: Scope, name: str) -> List[cst.BaseExpression]:
        """What this file's calls of the scope's function pass for its parameter ``name``."""
        called = scope.qualname.rpartition(".")[2]
        index = list(scope.params).index(name) - (1 if scope.self_name is not None else 0)
        values = (kwarg(call, name) or (positional(call, index) if index >= 0 else None)
                  for call in self._module_calls().get(called, ()))
        return [value for value in values if value is not None]

    def _passed_text(self, scope: Scope, name: str, depth: int) -> str:
        """The URL this file's calls of the function pass for parameter ``name``
        (``send(f"{BASE_URL}/chat/completions", payload)`` to ``def send(url, payload)``), read at
        module level (a caller's locals are not this function's): the last the catalog knows."""
        values = self._passed_values(scope, name)
        saved, self.scopes = self.scopes, [*self.scopes[:1], Scope("function", "<callers>")]
        try:
            texts = [self.url_text(value, depth + 1) for value in values]
        finally:
            self.scopes = saved
        known = [t for t in texts if classify_url(t)]
        return known[-1] if known else UNKNOWN

    def _module_calls(self) -> Dict[str, List[cst.Call]]:
        """The file's calls by ``last_method``, in source order (asked once per parameter read)."""
        if not hasattr(self, "_all_calls"):
            self._all_calls: Dict[str, List[cst.Call]] = {}
            for call in nodes_of(self.module, cst.Call):
                self._all_calls.setdefault(last_method(call), []).append(call)
        return self._all_calls

    def _attr_text(self, owner: str, attr: str, depth: int) -> str:
        """``self.base_url`` set to a literal anywhere in the class (``__init__`` usually), or to
        a string this file can read (``f"https://host/models/{self.model}"``); ``Config.URL``, a
        class attribute of a class in this file."""
        param = self._function_scope().params.get(owner)
        if param and param[0] == "self":
            owner_class = str(param[1])
        elif f"{self.facts.module}.{owner}" in self.facts.classes:  # ``Config.ENDPOINT``: a class of this file
            owner_class = f"{self.facts.module}.{owner}"
        else:
            return UNKNOWN
        facts = self.facts.classes.get(owner_class)
        bound = getattr(facts, "attrs", {}).get(attr, [])
        for expr in reversed(bound):
            if expr and expr[0] == "str" and isinstance(expr[1], str):
                return expr[1]
        readable = ""  # a base URL read whole (``self.base_url = base_url.rstrip("/")``, its default)
        for value in reversed(self._self_assignments(owner_class.rpartition(".")[2], attr)):
            text = self._assigned_text(value, owner_class, depth + 1)
            if classify_url(text):
                return text
            readable = readable or (text if "://" in text and "{" not in text else "")
        if readable:
            return readable
        # ``self.api_url = settings.DEEPSEEK_API_URL``: the name it was set from, a hint for the catalog
        names = [n for n in (_dotted(expr) for expr in bound) if n]
        return "{%s.%s=%s}" % (owner, attr, names[-1]) if names else UNKNOWN


def last_method(call: cst.Call) -> str:
    """``build_request`` for ``client.build_request(...)``, ``Request`` for ``httpx.Request(...)``."""
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else (func.value if isinstance(func, cst.Name) else "")


def _dumped(node: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
    """``payload`` for ``json.dumps(payload)`` (also ``.encode()``d), else None."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "encode":
        node = node.func.value
    if isinstance(node, cst.Call) and last_method(node) == "dumps" and node.args:
        return node.args[0].value
    return None


def _dotted(expr: object) -> str:
    """``settings.DEEPSEEK_API_URL`` for a name or attribute expression, else ""."""
    if isinstance(expr, list) and len(expr) == 2 and expr[0] == "name" and isinstance(expr[1], str):
        return expr[1]
    if isinstance(expr, list) and len(expr) == 3 and expr[0] == "attr" and isinstance(expr[2], str):
        owner = _dotted(expr[1])
        return f"{owner}.{expr[2]}" if owner else expr[2]
    return ""


def _builder(value: Optional[cst.BaseExpression]) -> Optional[cst.Call]:
    """``value`` when it builds a request (``requests.Request(...).prepare()``: the ``Request``)."""
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "prepare":
        value = value.func.value
    return value if isinstance(value, cst.Call) and last_method(value) in REQUEST_BUILDERS else None
