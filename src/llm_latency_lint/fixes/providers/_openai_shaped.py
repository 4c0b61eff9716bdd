"""The batch helper for Stainless-generated, OpenAI-shaped SDKs (openai, groq).

Both upload a JSONL file with ``files.create(file=(name, bytes), purpose="batch")``, create the
batch with ``batches.create(input_file_id=, endpoint=, completion_window="24h")``, poll
``batches.retrieve(id)`` until a terminal status, and read the output and error files with
``files.content(id)``. They differ in names, in how the file's text is read and in their limits;
``Sdk`` holds those differences. The emitted helper depends only on the SDK and the standard library.

Each request line is ``{"custom_id": "request-<i>", "method": "POST", "url": endpoint,
"body": {...}}``; results are mapped back by ``custom_id``, never by order. Requests are split
into as many batches as the per-file limits need (``_batch_spans``), all submitted before the
first poll. A failed line with an HTTP status raises the SDK's status error for it
(``BadRequestError`` for 400, as the sync call does), built on the HTTP response of the file
download so it has the SDK's own HTTP library; an expired or missing line raises ``APIError``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

from llm_latency_lint.fixes.base import Helper
from llm_latency_lint.fixes.batch import RESULT_TYPEVAR
from llm_latency_lint.fixes.limits import SPANS, constants

_TYPING = tuple(
    ("typing", n) for n in ("Any", "Callable", "Dict", "Iterator", "List", "Literal", "Mapping", "Optional", "Sequence", "Type")
)


@dataclass(frozen=True)
class Limits:
    max_requests: int  # requests per batch input file
    requests_source: str  # where that number comes from
    max_bytes: int  # bytes per input file
    bytes_source: str
    max_embedding_inputs: int = 0  # /v1/embeddings inputs across one batch's requests (0: no such endpoint)


@dataclass(frozen=True)
class Sdk:
    module: str  # import name, e.g. "openai"
    label: str  # "OpenAI"
    client: str  # sync client class in ``module``
    async_client: str
    error: str  # base exception class in ``module`` (needs no HTTP request object)
    text_access: str  # how the files.content() result gives its text: ".text" or ".text()"
    http_access: str  # its HTTP response: ".response" (openai) or ".http_response" (groq)
    endpoints: Tuple[str, ...]  # the SDK's ``batches.create(endpoint=...)`` Literal values we use
    limits: Limits
    file_id: str = "upload.id"  # the uploaded file's id (groq types it Optional[str])

    def helper_name(self, is_async: bool) -> str:
        return f"_{self.module}_batch" + ("_async" if is_async else "")

    @property
    def prefix(self) -> str:
        return self.module.upper()


_TEMPLATE = '''
{def_} {name}(
    client: {module}.{client},
    endpoint: Literal[{endpoints}],
    bodies: Sequence[Mapping[str, Any]],
    parse: Callable[[Any], _BatchResult],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[_BatchResult]:
    """Send ``bodies`` as {label} batches, as many as ``_{prefix}_BATCH_*`` limits need; wait, yield results in order.

    A request that failed raises the ``{module}`` status error the synchronous call would have
    raised (``{module}.BadRequestError`` for a 400); one not done when its batch expired raises
    ``{module}.APIError``. Both at its own result, with the item's error message; later results still come.
    """
    lines = [
        json.dumps({{"custom_id": f"request-{{index}}", "method": "POST", "url": endpoint, "body": dict(body)}})
        for index, body in enumerate(bodies)
    ]
    spans = _batch_spans(
        [len(line.encode("utf-8")) + 1 for line in lines],
        _{prefix}_BATCH_MAX_REQUESTS,
        _{prefix}_BATCH_MAX_BYTES,{inputs}
    )
    batch_ids: List[str] = []
    for span in spans:
        data = "\\n".join(lines[span.start : span.stop]).encode("utf-8")
        upload = {aw}client.files.create(file=("batch.jsonl", data), purpose="batch")
        created = {aw}client.batches.create(input_file_id={file_id}, endpoint=endpoint, completion_window="24h")
        batch_ids.extend(created.id for _ in span)
    deadline = time.monotonic() + timeout_seconds
    found: Dict[str, Any] = {{}}
    statuses: Dict[str, str] = {{}}
    http: Optional[Any] = None  # an HTTP response of the SDK's own HTTP library, for its errors
    for batch_id in dict.fromkeys(batch_ids):
        batch = {aw}client.batches.retrieve(batch_id)
        while batch.status not in ("completed", "failed", "expired", "cancelled"):
            if time.monotonic() > deadline:
                {aw}client.batches.cancel(batch.id)
                raise TimeoutError(f"{label} batch {{batch.id}} still {{batch.status}} after {{timeout_seconds:.0f}} s; cancelled it")
            {sleep}(poll_seconds)
            batch = {aw}client.batches.retrieve(batch.id)
        statuses[batch.id] = batch.status
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                content = {aw}client.files.content(file_id)
                http = content{http}
                for line in content{text}.splitlines():
                    if line.strip():
                        item = json.loads(line)
                        found[item["custom_id"]] = item
    kinds: Dict[int, Type[{module}.APIStatusError]] = {{
        400: {module}.BadRequestError, 401: {module}.AuthenticationError, 403: {module}.PermissionDeniedError,
        404: {module}.NotFoundError, 409: {module}.ConflictError, 422: {module}.UnprocessableEntityError,
        429: {module}.RateLimitError,
    }}

    def result(index: int) -> _BatchResult:
        item = found.get(f"request-{{index}}", {{}})
        response = item.get("response") or {{}}
        status = int(response.get("status_code") or 0)
        if status == 200:
            return parse(response["body"])
        batch_id = batch_ids[index]
        error = item.get("error") or (response.get("body") or {{}}).get("error") or {{}}
        message = (
            f"{label} batch {{batch_id}} ({{statuses[batch_id]}}): request {{index}} failed: "
            f"{{error.get('code', 'no_result')}}: {{error.get('message', 'no result in the output or error file')}}"
        )
        if http is None:
            raise {module}.{error}(message)
        if status >= 400:
            kind = kinds.get(status, {module}.InternalServerError if status >= 500 else {module}.APIStatusError)
            raise kind(message, response=type(http)(status, request=http.request, json=error), body=error)
        raise {module}.APIError(message, http.request, body=error or None)

    return map(result, range(len(bodies)))  # a failed item raises at its result; the next one still comes
'''

_EMBEDDING_INPUTS = '''
        [_embedding_inputs(body) for body in bodies] if endpoint == "/v1/embeddings" else (),
        _{prefix}_BATCH_MAX_EMBEDDING_INPUTS,'''

EMBEDDING_INPUTS = Helper(
    name="_embedding_inputs",
    source='''
def _embedding_inputs(body: Mapping[str, Any]) -> int:
    """How many inputs an embeddings request holds: a list of texts or of token lists counts each."""
    value = body.get("input")
    return len(value) if isinstance(value, list) and value and not isinstance(value[0], int) else 1
''',
    imports=(("typing", "Any"), ("typing", "Mapping")),
)


def _constants(sdk: Sdk) -> Helper:
    limits = sdk.limits
    rows = [
        ("MAX_REQUESTS", f"{limits.max_requests:_}", f"requests per input file ({limits.requests_source})"),
        ("MAX_BYTES", f"{limits.max_bytes // 1_000_000} * 1000 * 1000", f"bytes per input file ({limits.bytes_source})"),
    ]
    if limits.max_embedding_inputs:
        rows.append(("MAX_EMBEDDING_INPUTS", f"{limits.max_embedding_inputs:_}",
                     f"embedding inputs across one batch ({limits.requests_source})"))
    return constants(sdk.prefix, rows)


def helper(sdk: Sdk, is_async: bool = False) -> Helper:
    embeds = bool(sdk.limits.max_embedding_inputs)
    source = _TEMPLATE.format(
        def_="async def" if is_async else "def",
        name=sdk.helper_name(is_async),
        module=sdk.module,
        client=sdk.async_client if is_async else sdk.client,
        endpoints=", ".join(f'"{e}"' for e in sdk.endpoints),
        label=sdk.label,
        prefix=sdk.prefix,
        error=sdk.error,
        aw="await " if is_async else "",
        sleep="await asyncio.sleep" if is_async else "time.sleep",
        text=sdk.text_access,
        http=sdk.http_access,
        file_id=sdk.file_id,
        inputs=_EMBEDDING_INPUTS.format(prefix=sdk.prefix) if embeds else "",
    )
    imports = (("json", None), ("time", None), (sdk.module, None), *_TYPING)
    if is_async:
        imports += (("asyncio", None),)
    requires = (RESULT_TYPEVAR, _constants(sdk), SPANS) + ((EMBEDDING_INPUTS,) if embeds else ())
    return Helper(name=sdk.helper_name(is_async), source=source, imports=imports, requires=requires)
