"""The batch helper for Stainless-generated, OpenAI-shaped SDKs (openai, groq).

Both upload a JSONL file with ``files.create(file=(name, bytes), purpose="batch")``, create the
batch with ``batches.create(input_file_id=, endpoint=, completion_window="24h")``, poll
``batches.retrieve(id)`` until a terminal status, and read the output and error files with
``files.content(id)``. They differ in names and in how the file's text is read; ``Sdk`` holds
those differences. The emitted helper depends only on the SDK and the standard library.

Each request line is ``{"custom_id": "request-<i>", "method": "POST", "url": endpoint,
"body": {...}}``; results are mapped back by ``custom_id``, never by order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

from ..base import Helper
from ..batch import RESULT_TYPEVAR

_TYPING = tuple(("typing", n) for n in ("Any", "Callable", "Dict", "Iterator", "Literal", "Mapping", "Sequence"))


@dataclass(frozen=True)
class Sdk:
    module: str  # import name, e.g. "openai"
    label: str  # "OpenAI"
    client: str  # sync client class in ``module``
    async_client: str
    error: str  # base exception class in ``module`` (needs no HTTP request object)
    text_access: str  # how the files.content() result gives its text: ".text" or ".text()"
    endpoints: Tuple[str, ...]  # the SDK's ``batches.create(endpoint=...)`` Literal values we use
    file_id: str = "upload.id"  # the uploaded file's id (groq types it Optional[str])

    def helper_name(self, is_async: bool) -> str:
        return f"_{self.module}_batch" + ("_async" if is_async else "")


_TEMPLATE = '''
{def_} {name}(
    client: {module}.{client},
    endpoint: Literal[{endpoints}],
    bodies: Sequence[Mapping[str, Any]],
    parse: Callable[[Any], _BatchResult],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[_BatchResult]:
    """Send ``bodies`` as one {label} batch, wait for it, and yield the results in request order.

    A request that failed, or was not done when the batch expired, raises ``{module}.{error}``
    when its result is reached, where the synchronous call would have raised.
    """
    lines = [
        json.dumps({{"custom_id": f"request-{{index}}", "method": "POST", "url": endpoint, "body": dict(body)}})
        for index, body in enumerate(bodies)
    ]
    upload = {aw}client.files.create(file=("batch.jsonl", "\\n".join(lines).encode("utf-8")), purpose="batch")
    created = {aw}client.batches.create(input_file_id={file_id}, endpoint=endpoint, completion_window="24h")
    deadline = time.monotonic() + timeout_seconds
    batch = {aw}client.batches.retrieve(created.id)
    while batch.status not in ("completed", "failed", "expired", "cancelled"):
        if time.monotonic() > deadline:
            {aw}client.batches.cancel(batch.id)
            raise TimeoutError(f"{label} batch {{batch.id}} still {{batch.status}} after {{timeout_seconds:.0f}} s; cancelled it")
        {sleep}(poll_seconds)
        batch = {aw}client.batches.retrieve(batch.id)

    found: Dict[str, Any] = {{}}
    for file_id in (batch.output_file_id, batch.error_file_id):
        if file_id:
            content = {aw}client.files.content(file_id)
            for line in content{text}.splitlines():
                if line.strip():
                    item = json.loads(line)
                    found[item["custom_id"]] = item

    def results() -> Iterator[_BatchResult]:
        for index in range(len(bodies)):
            item = found.get(f"request-{{index}}", {{}})
            response = item.get("response") or {{}}
            if response.get("status_code") == 200:
                yield parse(response["body"])
                continue
            error = item.get("error") or (response.get("body") or {{}}).get("error") or {{}}
            raise {module}.{error}(
                f"{label} batch {{batch.id}} ({{batch.status}}): request {{index}} failed: "
                f"{{error.get('code', 'no_result')}}: {{error.get('message', 'no result in the output or error file')}}"
            )

    return results()
'''


def helper(sdk: Sdk, is_async: bool = False) -> Helper:
    source = _TEMPLATE.format(
        def_="async def" if is_async else "def",
        name=sdk.helper_name(is_async),
        module=sdk.module,
        client=sdk.async_client if is_async else sdk.client,
        endpoints=", ".join(f'"{e}"' for e in sdk.endpoints),
        label=sdk.label,
        error=sdk.error,
        aw="await " if is_async else "",
        sleep="await asyncio.sleep" if is_async else "time.sleep",
        text=sdk.text_access,
        file_id=sdk.file_id,
    )
    imports = (("json", None), ("time", None), (sdk.module, None), *_TYPING)
    if is_async:
        imports += (("asyncio", None),)
    return Helper(name=sdk.helper_name(is_async), source=source, imports=imports, requires=(RESULT_TYPEVAR,))
