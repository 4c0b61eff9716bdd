"""Raw HTTP to a provider's endpoint: ``requests.post("https://api.anthropic.com/v1/messages")``.

The facts pass reads the URL of every ``post`` / ``request("POST", ...)`` / ``stream("POST", ...)``
call (a literal, an f-string, ``+``, ``urljoin`` / ``os.path.join`` (``hosts.URL_JOINS``), ``url or
DEFAULT``, a module constant as last bound (``URL = URL + "/api/generate"`` after an ``if``/``else``
picking the host), a local, a ``self.`` or class attribute) and asks ``classify_url``; a URL that
names a known provider host and an inference path, or an OpenAI-compatible inference path
(``.../chat/completions``) on a host set elsewhere, becomes a call site whose callee is the
synthetic name ``POST:<host><path>`` (``POST:api.openai.com/chat/completions``,
``POST:<base_url>/chat/completions``). The graph looks that name up like a module function
(``match_function`` -> ``endpoint_function``), so the site carries the provider whose batch API the
request could move to: the path decides whether one applies (``/chat/completions`` and
``/embeddings`` go through OpenAI's Batch API unchanged). Whatever object sends the request
(requests, httpx, aiohttp, a session, a client kept on ``self`` or made by a factory) is not typed:
a POST to ``api.openai.com/v1/chat/completions`` is an LLM request whoever sends it. The client
matters only for a relative path (``self._http.post("/embeddings", json=payload)``): it is joined to
the ``base_url`` of the HTTP client (``HTTP_CLIENTS``) the receiver is bound to (a local, a ``with
... as`` name), else (a client a factory returns, awaited or not: ``client = await
self._get_client()``) to the base URLs of the clients the file builds
(``httpx.AsyncClient(base_url=...)`` on ``self._http``); an awaited factory counts only when it is a
function or method of this file returning a client constructor or a ``self.<attr>`` the file assigns
one (``backend = await backend_session()``, built in another module with its own base, gets none of
this file's base URLs: no site). A request built first (``client.build_request("POST", url,
json=...)``, ``requests.Request``, ``urllib.request.Request(url, data=...)``) is a site where
``client.send(req)`` / ``urlopen(req)`` sends it, a site per request where the name holds several,
or a function of the file returns one (``request = _openrouter_request(cfg, prompt)``); a body sent
as ``data=json.dumps(payload)`` is read like ``json=payload``. The host table says which batch API
applies per host: OpenAI's, Anthropic's, Gemini's, Groq's, Together's, Mistral's on their own hosts;
none on OpenAI-compatible servers elsewhere (DeepSeek, OpenRouter, Perplexity, xAI, Moonshot, Zhipu,
DashScope, SiliconFlow, MiniMax, local servers), so no savings are counted there. A host on this
machine (``localhost``, ``host.docker.internal``) may be the project's own server, so there a
request counts with an OpenAI-style ``/v1/`` path, Ollama's port, or an LLM-shaped body (``{"model",
"messages"|"input"|"prompt"}``): a script posting to its own ``/embeddings`` route is no site.

Where the host is not in this file (``f"{OLLAMA_API_HOST}/api/chat"``,
``f"{self.config.host}/api/chat"``) two weaker clues still name the server, and both are data here:
the name of the unknown part (``HOST_HINTS``: ``OLLAMA_API_HOST`` is Ollama's), and for a provider's
own API path (``Path.body_keys``) a JSON body that is an LLM request (``{"model": ..., "messages":
...}``). A URL whose path names a model (``.../api/public/gpt-4o-mini``, ``MODEL_SEGMENT``) is an
LLM request on a gateway this catalog does not know (``llm-http``: no batch API to vouch for).

A provider's API that other servers serve too is a ``Path`` with ``compatible``: Anthropic's
``/v1/messages`` (Z.ai, DeepSeek, Moonshot and MiniMax document Anthropic-compatible base URLs;
LiteLLM proxies serve it). On the provider's own host it is the provider's; on a host of a provider
that documents serving it (``Path.served_by``: ``https://api.z.ai/api/anthropic/v1/messages``) that
provider's, and the evidence says the owner's batch API (Message Batches) does not apply there; on
another known host (api.openai.com, Groq) no site; on an unknown host or this machine (a LiteLLM
proxy), with an LLM body, ``anthropic-compatible`` (no batch API). The Anthropic SDK pointed at a
known host is typed alike (``compatible.anthropic_clients``, else ``anthropic-compatible``).
OpenAI's paths (``/chat/completions``, ``/v1/embeddings``...) count on any host already
(``openai-compatible``); Ollama's (``/api/chat``, ``/api/generate``) on a host set elsewhere with an
LLM body, on Ollama's port, or on ``ollama.com`` (its cloud models); a literal host of the app's own
(``https://example.com/api/chat``) is not one. A self-hosted server's own API told by its path and
body on whatever host serves it (``Path.self_hosted``: KoboldAI / KoboldCpp's and
text-generation-webui's legacy ``/api/v1/generate`` with a ``prompt`` and ``max_length`` /
``max_new_tokens``, on a LAN address or a tunnel; AnythingLLM's workspace chat
``/api/v1/workspace/<slug>/chat`` and ``stream-chat`` with a ``message`` and a ``mode``, on a host
read from configuration) is named ``llm-http`` (no batch API); to a route the project serves
itself, it is a hop to it (policy 6; ``self_hosted``). A ``{}`` in a path stands for any one
segment: a literal (``summarizer``, a batch id) or an f-string's ``{self.workspace}``.

A URL that is another module's constant (``requests.post(env.ENDPOINT, json={"model": ...})``) is
kept, with an LLM-shaped body, under ``POST:{=env.ENDPOINT}?keys`` (``deferred_url``): the project
stage classifies the constant's literal as above (a webhook's makes no site). An f-string constant
(``LLM_CHAT_URL = f"{LLM_ENDPOINT}/chat/completions"``) is stored as its template (an ``unknown``
whose reason is ``template:...``, so it holds no object) and classified the same way; a body the
file cannot read (``json=payload``, a parameter) is deferred too, and then only a URL naming an LLM
endpoint makes a site; a constant read only from the environment (``API_URL =
os.getenv("API_URL")``) with a chat body is ``openai-compatible`` as below
(``project/url_constants.py``; the session-29 survey's Alecoow/Discord-LLM and
GuamBoi/DiscordDevros). The verb of ``requests.request(method, url)`` may be a parameter: the
literals the file's callers pass for it decide (``self._make_request("post", "/v1/chat/completions",
json=...)`` in a hand-written provider class, the session-29 survey's omnix), as they do for the
URL. A URL that is a parameter no call in its file fills (``def post_chat(url, payload)``) is kept
alike, under ``POST:{=fn#url#0}?keys`` (``PARAM_URL``): the project stage reads what callers in
every file pass, a string literal or a caller's local bound only to strings
(``project/deferred_urls.py``; where none passes a URL the project spells, a chat or completion body
is ``openai-compatible``); so is ``self.embed_url`` set only from ``__init__``'s parameter, filled
by whoever builds the object (an Airflow DAG's ``EmbedOperator(embed_url=...)``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, Optional, Tuple

from llm_latency_lint.catalog.providers.deferred import (  # noqa: F401 (re-exported)
    PARAM_URL,
    TEMPLATE,
    deferred_url,
    parse_deferred,
)
from llm_latency_lint.catalog.providers.hosts import (  # noqa: F401 (re-exported)
    ANTHROPIC_SERVED_BY,
    ANTHROPIC_SHAPE,
    ANY_HOST,
    GATEWAY,
    HOST_HINTS,
    HOSTS,
    LLM_BODY_ANCHORS,
    LOCAL_SERVER,
    PREFIX,
    own_body,
)
from llm_latency_lint.catalog.providers.spec import BATCH, POLL, STREAM, SYNC, Operation
from llm_latency_lint.catalog.providers.url_paths import ends_with, split_url

# Body keys of an LLM request: ``model`` with one of the others (Ollama, OpenAI-shaped, Anthropic);
# one also holding the answer records an exchange made elsewhere (a usage log, a tenant's callback).
LLM_BODY = ("model", ("messages", "prompt", "input"))
RECORD_KEYS = frozenset({"completion", "response", "output", "choices", "usage"})
# A provider's own request body, enough with a hinted host (``requests.post(self.inference_endpoint,
# json={"inputs": texts})`` is Hugging Face's Inference API shape).
HINT_BODIES = {"huggingface": frozenset({"inputs"})}
# A path segment naming a model (``/api/public/gpt-4o-mini``, ``/models/claude-3-haiku``).
MODEL_SEGMENT = re.compile(
    r"^(?:gpt-(?:3\.5|4|5)|o[134]-mini|chatgpt-|claude-|gemini-|llama-?[23]|mixtral-|mistral-(?:small|medium|large)|"
    r"deepseek-(?:chat|coder|reasoner)|qwen[23]?-|text-embedding-)", re.IGNORECASE,
)


@dataclass(frozen=True)
class Path:
    suffix: str  # the path ends with this (query string dropped); ``:generateContent`` for Gemini
    op: Operation
    any_host: bool = False  # also on a host the table does not know (OpenAI-compatible servers)
    providers: Tuple[str, ...] = ()  # only for these providers' hosts (empty: any known host)
    # On a host this file does not show, the provider's own API path counts when the JSON body is
    # an LLM request (``LLM_BODY``): ``{host}/api/chat`` with ``{"model", "messages"}`` is Ollama.
    body_keys: bool = False
    # An OpenAI-compatible path too short to trust on any host (``/embeddings``): on a host set
    # elsewhere it counts when the body is an LLM request (``{"model": m, "input": text}``).
    compatible_body: bool = False
    # Another provider's API that other servers serve too (Anthropic's ``/v1/messages`` on Z.ai,
    # DeepSeek, Moonshot, MiniMax, a LiteLLM proxy): the provider an unknown host with an LLM body
    # is (``anthropic-compatible``); on a known host of another provider, that provider serves it.
    compatible: str = ""
    served_by: Tuple[str, ...] = ()  # known hosts serving ``compatible``: on others (api.openai.com) no site
    # A provider API told by its body on any host (the OpenAI-style Batch API's ``/batches`` with
    # ``input_file_id``, ``/files`` with a ``purpose``): the path counts only with these body keys.
    needs: FrozenSet[str] = frozenset()
    verb: str = "POST"  # a GET path (a batch's poll) counts only in a raw Batch API module (``RAW_BATCH``)
    # A self-hosted server's own API, told by its path and body (``needs``) on whatever host serves
    # it (a LAN address, a host set elsewhere): named ``llm-http`` there (``GATEWAY``: no batch API).
    self_hosted: bool = False


_AUDIO = "audio endpoints have no batch equivalent"
_KOBOLD = "a self-hosted KoboldAI-style generate API: no batch API"
_ANYTHING = "a self-hosted AnythingLLM workspace chat (its own LLM behind it): no batch API"
_CHAT = "/v1/chat/completions"
_EMB = "/v1/embeddings"
PATHS: Tuple[Path, ...] = (
    Path("/chat/completions", Operation(SYNC, _CHAT), any_host=True),
    Path("/v1/embeddings", Operation(SYNC, _EMB, embedding=True), any_host=True),
    Path("/embeddings", Operation(SYNC, _EMB, embedding=True), compatible_body=True),
    Path("/v1/completions", Operation(SYNC, "/v1/completions"), any_host=True),
    Path("/completions", Operation(SYNC, "/v1/completions"), compatible_body=True),
    Path("/responses", Operation(SYNC, "/v1/responses"), providers=("openai",)),
    # The OpenAI-style Batch API over raw HTTP (OpenAI, Groq, Together, DashScope, ...): the upload of
    # the input file and the batch's creation; its status polls and downloads are GETs, not read.
    Path("/batches", Operation(BATCH), needs=frozenset({"input_file_id"})),
    Path("/files", Operation(BATCH), needs=frozenset({"purpose"})),
    Path("/batches/{}", Operation(POLL), verb="GET"),  # ``{}``: any one segment (the batch id)
    Path("/files/{}/content", Operation(POLL), verb="GET"),
    Path("/v1/ocr", Operation(SYNC, "/v1/ocr"), providers=("mistral",)),  # Mistral OCR (its batch API takes it)
    Path("/moderations", Operation(SYNC, "/v1/moderations"), providers=("openai",)),
    Path("/chat", Operation(SYNC, batchable=False, note="TextSynth /v1/engines/<model>/chat: no batch API"),
         providers=("textsynth",)),
    # OpenAI-compatible image and audio APIs: the ``/v1/`` path is distinctive on any host
    # (``https://apihub.example.com/v1/images/generations``); shorter on the providers' own hosts.
    Path("/v1/images/generations", Operation(SYNC, "/v1/images/generations"), any_host=True),
    Path("/images/generations", Operation(SYNC, "/v1/images/generations"),
         providers=("openai", "siliconflow", "xai", "dashscope", "zhipu", "together", "fireworks")),
    Path("/v1/audio/transcriptions", Operation(SYNC, batchable=False, note=_AUDIO), any_host=True),
    Path("/audio/transcriptions", Operation(SYNC, batchable=False, note=_AUDIO), providers=("openai", "groq")),
    Path("/v1/audio/speech", Operation(SYNC, batchable=False, note=_AUDIO), any_host=True),
    Path("/audio/speech", Operation(SYNC, batchable=False, note=_AUDIO), providers=("openai",)),
    Path("/v1/messages", Operation(SYNC, "/v1/messages"), providers=("anthropic",), compatible=ANTHROPIC_SHAPE,
         served_by=ANTHROPIC_SERVED_BY),
    Path(":generateContent", Operation(SYNC, "generateContent"), providers=("google", "vertexai")),
    Path(":streamGenerateContent", Operation(STREAM, "generateContent"), providers=("google", "vertexai")),
    Path(":embedContent", Operation(SYNC, "embedContent", embedding=True), providers=("google", "vertexai")),
    Path(":batchEmbedContents", Operation(SYNC, "embedContent", embedding=True), providers=("google",)),
    Path(":embedText", Operation(SYNC, "embedContent", embedding=True), providers=("google",)),
    Path(":batchEmbedText", Operation(SYNC, "embedContent", embedding=True), providers=("google",)),
    Path(":generateText", Operation(SYNC, "generateContent"), providers=("google",)),
    Path(":generateMessage", Operation(SYNC, "generateContent"), providers=("google",)),
    Path(":predict", Operation(SYNC, batchable=False, note="Vertex AI predict: use batch prediction jobs"),
         providers=("vertexai",)),
    *(Path(chat, Operation(SYNC), providers=("cohere",)) for chat in ("/v1/chat", "/v2/chat")),
    Path("/v1/embed", Operation(SYNC, embedding=True), providers=("cohere",)),
    Path("/v2/embed", Operation(SYNC, embedding=True), providers=("cohere",)),
    Path("/api/chat", Operation(SYNC), providers=("ollama",), body_keys=True),
    Path("/api/generate", Operation(SYNC), providers=("ollama",), body_keys=True),
    Path("/api/embeddings", Operation(SYNC, embedding=True), providers=("ollama",), body_keys=True),
    Path("/api/embed", Operation(SYNC, embedding=True), providers=("ollama",), body_keys=True),
    Path("/models/", Operation(SYNC, batchable=False, note="Hugging Face Inference API: no batch API"),
         providers=("huggingface",)),
    Path("/pipeline/", Operation(SYNC, batchable=False, note="Hugging Face Inference API: no batch API"),
         providers=("huggingface",)),  # ``/pipeline/feature-extraction/<model>``
    Path("/predictions", Operation(SYNC, batchable=False, note="Replicate predictions: no batch API"),
         providers=("replicate",)),
    # KoboldAI / KoboldCpp's generate API, also text-generation-webui's legacy API: a prompt with
    # its sampling length (``max_length`` / ``max_new_tokens``)
    *(Path("/api/v1/generate", Operation(SYNC, batchable=False, note=_KOBOLD), needs=frozenset({"prompt", length}),
           self_hosted=True) for length in ("max_length", "max_new_tokens")),
    # AnythingLLM's developer API: a workspace's (or a workspace thread's) chat, answered by the LLM
    # the workspace is set to, with its ``message`` and ``mode`` (``chat`` / ``query``);
    # docs.anythingllm.com, "AnythingLLM developer API" (``/api/docs``).
    *(Path(f"/v1/workspace/{{}}{thread}/{chat}", Operation(STREAM if chat == "stream-chat" else SYNC,
                                                            batchable=False, note=_ANYTHING),
           needs=frozenset({"message", "mode"}), self_hosted=True)
      for thread in ("", "/thread/{}") for chat in ("chat", "stream-chat")),
)
# Calls that send a request: method -> index of the URL argument ("url" keyword too), and
# whether the first argument is the HTTP verb (``requests.request("POST", url)``).
SENDERS = {"post": (0, False), "request": (1, True), "stream": (1, True), "fetch": (0, False), "get": (0, False)}
SENDER_VERBS = {"get": "GET"}  # else POST
RAW_BATCH = "input_file_id"  # a module creating batches over raw HTTP: its GETs to batch paths are polls
# A request built first and sent with ``client.send(req)``: read where it is built (verb first).
REQUEST_BUILDERS = frozenset({"build_request", "Request"})
# HTTP client constructors -> the position of their ``base_url`` (-1: keyword only; None: no base
# URL). A relative path posted on a client built with one (``httpx.AsyncClient(base_url=...)`` kept
# on ``self._http``, ``async with aiohttp.ClientSession(base) as s``) is joined to it.
HTTP_CLIENTS: Dict[str, Optional[int]] = {
    "httpx.Client": -1,
    "httpx.AsyncClient": -1,
    "aiohttp.ClientSession": 0,
    "requests.Session": None,
    "requests.session": None,
}


def classify_url(url: str, body: Iterable[str] = (), opaque: bool = False, verb: str = "POST") -> Optional[str]:
    """The synthetic callee ``POST:<host><path>`` for a URL that is an LLM request, else None.

    ``body``: the keys of the request's JSON body, when the call shows them. ``opaque``: the body is
    a value the file cannot read (``json=payload``, a parameter): a provider path that needs an LLM
    body on a host set elsewhere (``{self.config.base_url}/embeddings``) counts, as it may be one."""
    body = tuple(body)
    llm = is_llm_body(body) or opaque and not body
    host, path = split_url(url)
    known = next(((h, pid) for h, pid in HOSTS if h in host), None) if "://" in url or "." in host else None
    hinted = None if known else hinted_provider(host)
    fallback: Optional[str] = None
    for spec in PATHS:
        if not ends_with(path, spec.suffix) or not spec.needs <= set(body) or spec.verb != verb:
            continue
        if known is not None and known[1] == LOCAL_SERVER:
            local = _local_name(known[0], path, spec, body)
            if local is not None:
                return local
            continue
        if known is not None:
            if spec.providers and known[1] not in spec.providers and known[1] not in spec.served_by:
                continue
            return _name(known[0], spec.suffix)
        if spec.self_hosted:  # ``http://192.168.1.5:5000/api/v1/generate`` with a prompt and a length
            return f"{PREFIX}<{GATEWAY}>{spec.suffix}"
        if hinted is not None and (not spec.providers or hinted in spec.providers or hinted in spec.served_by):
            return _name(f"<{hinted}>", spec.suffix)
        if spec.body_keys and llm and "{" in host:  # a literal host: maybe the app's own ``/api/chat``
            return _name(f"<{spec.providers[0]}>", spec.suffix)
        if spec.compatible and is_llm_body(body):
            return _name(f"<{spec.compatible}>", spec.suffix)
        if spec.any_host or (spec.needs or spec.verb != "POST") and "{" in host:
            return _name(ANY_HOST, spec.suffix)
        if spec.compatible_body and llm and "{" in host:
            fallback = fallback or _name(ANY_HOST, spec.suffix)  # a provider's own path comes first
    if fallback or verb != "POST":
        return fallback
    if known is None and any(MODEL_SEGMENT.match(part) for part in path.split("/")):
        return f"{PREFIX}<{GATEWAY}>{path}"
    # ``requests.post(OLLAMA_URL, json={"model"...``: the constant's name says whose server
    if hinted is not None and not path and (is_llm_body(body) or HINT_BODIES.get(hinted, frozenset()) & set(body)):
        return f"{PREFIX}<{hinted}>{SOME_PATH}"
    return None


def _local_name(host: str, path: str, spec: Path, body: Iterable[str]) -> Optional[str]:
    """On a host on this machine, which may be the project's own server (a script calling its
    ``/embeddings`` route): an OpenAI-style ``/v1/`` path, else an LLM-shaped body; Ollama's
    paths with an LLM body are Ollama's (its port is in ``HOSTS``), a compatible API's (a LiteLLM
    proxy's ``/v1/messages``) that shape's server."""
    if spec.compatible:  # a proxy on this machine (LiteLLM) serving another provider's API
        return _name(f"<{spec.compatible}>", spec.suffix) if is_llm_body(body) else None
    if spec.providers:
        return _name(f"<{spec.providers[0]}>", spec.suffix) if spec.body_keys and is_llm_body(body) else None
    return _name(host, spec.suffix) if "/v1/" in f"{path}/" or is_llm_body(body) else None


def hinted_provider(host: str) -> Optional[str]:
    """The provider a placeholder's name points at (``{OLLAMA_API_HOST}``), if any."""
    words = " ".join(re.findall(r"\{([^{}]*)\}", host)).lower()
    return next((pid for word, pid in HOST_HINTS if word in words), None) if words else None


def self_hosted(name: str) -> bool:
    """Told by path and body alone (``Path.self_hosted``): to the project's own route, a hop (``project.graph``)."""
    return any(spec.self_hosted and name.endswith(spec.suffix) for spec in PATHS)


def is_llm_body(keys: Iterable[str]) -> bool:
    found = set(keys)
    return LLM_BODY[0] in found and bool(found.intersection(LLM_BODY[1])) and not found & RECORD_KEYS


def _name(host: str, suffix: str) -> str:
    return f"{PREFIX}{host}{'/...' if suffix.startswith(':') else ''}{suffix}"


def endpoint_function(name: str) -> Optional[Tuple[str, Operation, str]]:
    """(provider id, operation, whose API it is when another server answers it, else "") of a
    ``POST:<host><path>`` name: ``/v1/messages`` on api.z.ai is Zhipu's, Anthropic's API."""
    if not name.startswith(PREFIX):
        return None
    rest = name[len(PREFIX):]
    if rest.startswith(f"<{GATEWAY}>"):
        return GATEWAY, GATEWAY_OPERATION, ""
    if rest.startswith("<") and rest.endswith(f">{SOME_PATH}"):
        return rest[1:-len(SOME_PATH) - 1], UNKNOWN_PATH_OPERATION, ""
    for spec in PATHS:
        if not rest.endswith(spec.suffix):
            continue
        host = rest[: -len(spec.suffix)]
        host = host[: -len("/...")] if host.endswith("/...") else host
        if host == ANY_HOST:
            if spec.any_host or spec.compatible_body or spec.needs or spec.verb != "POST":
                return "openai-compatible", spec.op, ""
            continue
        hinted = host.startswith("<") and host.endswith(">") and "/" not in host
        provider = host[1:-1] if hinted else next((pid for h, pid in HOSTS if h == host), None)
        if provider and (not spec.providers or provider in spec.providers):
            return provider, spec.op, ""
        if provider and (provider in spec.served_by or provider == spec.compatible):  # another server answers it
            return provider, spec.op, spec.providers[0]
    return None


SOME_PATH = "/..."  # the whole URL is set elsewhere; its name and the body say which server


UNKNOWN_PATH_OPERATION = Operation(SYNC, batchable=False,
                                   note="the endpoint is set elsewhere: whether a batch API applies depends on it")
GATEWAY_OPERATION = Operation(SYNC, batchable=False, note="an LLM gateway this catalog does not know: no batch API")


@lru_cache(maxsize=1)
def host_words() -> FrozenSet[str]:
    """Prefilter anchors: a file naming a provider host or an OpenAI-compatible path is parsed. A
    host on this machine (``localhost``) names no provider: half of a web application's files
    mention it (saleor: 72), so it anchors nothing; a local model server is found by its path,
    port or body in a file anchored otherwise."""
    paths = {spec.suffix for spec in PATHS if spec.any_host or spec.compatible}
    return frozenset(h for h, pid in HOSTS if not h.startswith(":") and pid != LOCAL_SERVER) | {
        "/chat/completions", ":generateContent"} | paths


@lru_cache(maxsize=1)
def anchor_patterns() -> Tuple[str, ...]:
    """A prefilter anchor that is a pattern: a URL whose path names a model (``MODEL_SEGMENT``)."""
    return (r"https?://[^\s\"']*/(?:gpt-[345]|claude-|gemini-|llama-?[23]|deepseek-)",)


@lru_cache(maxsize=1)
def anchor_words() -> Tuple[str, ...]:
    """Prefilter anchors searched as plain substrings (much cheaper than more alternatives in the
    anchor pattern): a provider's own API path or an OpenAI-compatible one a body decides
    (``/embeddings``), a Gemini legacy path, a Batch API body key (``input_file_id``), a name that
    hints at a server (``OLLAMA_URL``, ``self.ollama_host``)."""
    paths = sorted({spec.suffix.split("{}")[0] for spec in PATHS if spec.body_keys or spec.compatible_body or spec.self_hosted} | {
        ":embedText", ":generateText"} | {key for spec in PATHS for key in spec.needs if "_" in key})
    hints = [f"{word}_" for word, _ in HOST_HINTS] + [f"{word.upper()}_" for word, _ in HOST_HINTS]
    return tuple(paths + hints + list(LLM_BODY_ANCHORS))


def base_url_provider(url: str) -> Optional[str]:
    """The provider behind an OpenAI-compatible ``base_url`` (None: OpenAI itself or unknown)."""
    host, _ = split_url(url)
    if "{" in host:
        return None
    found = next((pid for h, pid in HOSTS if h in host), None)
    return None if found == "openai" else found
