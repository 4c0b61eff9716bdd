"""Rule documentation rendered from the rule classes (the source of docs/rules/*.md)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import List, Optional, Tuple, Type

from llm_latency_lint.rules.base import Rule


def _code_block(code: str) -> str:
    return f"```python\n{code.rstrip()}\n```\n"


def render_rule(rule: Type[Rule]) -> str:
    doc = rule.doc
    parts: List[str] = [
        f"# {rule.code} `{rule.name}`\n",
        f"{rule.summary}.\n",
        f"Default: {'on' if rule.default_enabled else 'off'}.\n",
        "## What it finds\n",
        f"{doc.what}\n",
        "## Why it costs money\n",
        f"{doc.why}\n",
        "## Example\n",
        _code_block(doc.example),
        "## Use instead\n",
        _code_block(doc.use_instead),
        "## Fix safety\n",
        f"{doc.fix_safety}\n",
        "## Options\n",
        f"{doc.options}\n",
        "## Examples checked by the test suite\n",
    ]
    for title, examples in (("Flagged", rule.INVALID), ("Not flagged", rule.VALID)):
        for example in examples:
            parts.append(f"### {title}{': ' + example.note if example.note else ''}\n")
            for name, code in example.files.items():
                parts.append(f"`{name}`\n\n{_code_block(code)}")
    return "\n".join(parts)


# LLM900 is no rule (nothing in the code triggers it): the flake8 plugin reports it instead of crashing.
INTERNAL_ERROR_CODE = "LLM900"


def render_internal_error() -> str:
    """docs/rules/LLM900.md, and what ``explain LLM900`` prints."""
    return "\n".join([
        f"# {INTERNAL_ERROR_CODE} `internal-error`\n",
        "The flake8 plugin could not run: a configuration error or an internal error, reported instead of crashing.\n",
        "Default: on (flake8 only).\n",
        "## What it means\n",
        "flake8 runs the `LLM` plugin inside your editor or CI. When `[tool.llm-latency-lint]` is invalid, or "
        "the analysis fails, the plugin reports one `LLM900` at line 1 of the file with the one-line reason "
        "(`llm-latency-lint config error: ...` or `llm-latency-lint internal error: ...`) instead of raising, "
        "so flake8 and your other plugins keep working. The `llm-latency-lint` command itself reports the "
        "same problems as an error on stderr and exit code 2.\n",
        "## What to do\n",
        "Fix the configuration the message names (run `llm-latency-lint check` to see it), or report the "
        "internal error with the message. To silence it meanwhile: `--extend-ignore LLM900`.\n",
    ])


def render_index(rules) -> str:
    lines = ["# Rules\n", "| code | name | finds | default |", "| --- | --- | --- | --- |"]
    for rule in rules:
        lines.append(
            f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.summary} | {'on' if rule.default_enabled else 'off'} |"
        )
    return "\n".join(lines) + "\n"


def render_providers(providers, coverage: Optional["Coverage"] = None) -> str:
    """docs/providers.md: the SDK catalog as tables, straight from the data, and the survey's ``coverage``."""
    lines = [
        "# Providers\n",
        "Generated from `src/llm_latency_lint/catalog/providers/` by `scripts/gen_rule_docs.py`.\n",
        "A class is matched under any name its package exports it by: a catalogued "
        "`langchain_community.embeddings.OpenAIEmbeddings` is also "
        "`langchain_community.embeddings.openai.OpenAIEmbeddings`, the submodule that defines it (packages "
        "re-export their public classes from `__init__`). The shorter prefix must be catalogued, within the "
        "same top-level package, for a capitalised (class) name, never through a `types` module, and never "
        "for a package the scanned project defines itself (`providers.canonical`).\n",
        "A LangChain vector store built over a hosted embeddings model (`FAISS.from_documents(docs, "
        "embedding=emb)`, `Chroma(embedding_function=emb)`, `FAISS.load_local(path, emb)`) embeds every query "
        "and every added text with it: its `similarity_search*`, `max_marginal_relevance_search`, "
        "`add_texts`/`add_documents` and its retriever's `invoke` are sites, typed "
        "`VectorStore[<embeddings class>]` below, wherever the store is passed. A store over a local model "
        "(`HuggingFaceEmbeddings`) or over a model the code does not show is no site: LangChain has no "
        "default embeddings model (LlamaIndex has one: see its section). Building a store embeds too where "
        "the constructor does: `from_documents`/`from_texts` embed every text, and langchain-qdrant's "
        "`QdrantVectorStore(client, name, embedding=emb)` and `from_existing_collection` embed a probe text to "
        "check the collection (unless `validate_collection_config=False`; `catalog/providers/store_probes.py`); "
        "Chroma's, FAISS's and PGVector's constructors only keep the model. Older stores take the embeddings by "
        "position (`Qdrant(client, name, emb)`, `Pinecone(index, emb, \"text\")`, `FAISS(emb, index, ...)`: "
        "`catalog/providers/store_arguments.py`) or as its bound method (`Qdrant(client, name, emb.embed_query)`): "
        "the store embeds with `emb` all the same.\n",
        "Other LangChain helpers run the hosted model they were built over (`langchain.MODEL_HOLDERS`, typed over "
        "that model as a store is over its embeddings): a `VectorstoreIndexCreator(embedding=emb)` embeds every "
        "document its `from_loaders`/`from_documents` (and `a`-forms) load, with langchain<0.1's default "
        "`OpenAIEmbeddings` where it names none, and the `VectorStoreIndexWrapper` it returns (or one built over a "
        "store) answers `query`/`aquery`/`query_with_sources` with a RetrievalQA chain over the model passed as "
        "`llm=` (the site is that model's request: none over a local one; langchain<0.1's `OpenAI()` where none "
        "is); `OpenAIWhisperParser` / `AzureOpenAIWhisperParser` `parse`/`lazy_parse` send each audio blob to OpenAI's transcription API "
        "(policy 7), and a `GenericLoader(blobs, parser)` or `GenericLoader.from_filesystem(..., parser=...)` built "
        "over one runs it at `load`/`lazy_load`; an `LLMImageBlobParser(model=llm)` asks its chat model to describe "
        "each image it parses; a `SemanticChunker(emb)` (`langchain_experimental.text_splitter`) embeds every "
        "sentence it splits (`create_documents`, `split_text`, `split_documents`, `transform_documents`) to place "
        "its breakpoints. Over a local model (`HuggingFaceEmbeddings`, `OpenAIWhisperParserLocal`, "
        "`HuggingFacePipeline`) they send nothing.\n",
        "Chroma's own client (`catalog/providers/chroma.py`): a collection made or opened with "
        "`embedding_function=ef` (`create_collection`, `get_collection`, `get_or_create_collection`) over a hosted "
        "function (`OpenAIEmbeddingFunction`, Cohere, Google, Vertex, Bedrock, Mistral, Voyage, Jina, Ollama, the "
        "Hugging Face Inference API) embeds client-side: `add`/`upsert`/`update` given `documents=` (or images, "
        "URIs) and `query` given `query_texts=` are sites (`Operation.requires_input`). A call passing "
        "precomputed vectors (`embeddings=`, `query_embeddings=`; Chroma stores any documents given with them "
        "unembedded: `Operation.precomputed`), a collection over "
        "`SentenceTransformerEmbeddingFunction` or Chroma's default ONNX model, or over a function the code does not "
        "show, sends nothing.\n",
        "A LangChain runnable composed around other runnables holds the model they hold "
        "(`catalog/providers/runnables.py`): `RunnableWithMessageHistory(rag_chain, ...)`, `RunnableParallel`, "
        "`RunnableBranch`, `RunnablePassthrough.assign`, `RunnableWithFallbacks`, and the LCEL constructors that take "
        "the model as an argument (`create_stuff_documents_chain(llm, prompt)`, `create_sql_query_chain`, "
        "`create_tool_calling_agent(llm, tools, prompt)` and the other `create_*_agent`s). The facts pass types such a "
        "call as the `|` pipe of its arguments, so its `invoke`/`stream`/`batch` is a site of that model (its "
        "provider the backend) only when an argument holds one: a history wrapper over `prompt | parser` or over a "
        "function is no site. `with_retry`/`with_fallbacks`/`with_config`/`bind` keep the runnable they are called on; "
        "legacy factories (`load_summarize_chain`, `create_retrieval_chain`) and `AgentExecutor` are chains whatever "
        "their arguments show, as are LangMem's `create_memory_manager(model, ...)` and its other factories, whose "
        "model is often a `\"provider:model\"` string (`runnables.MODEL_RUNNABLE_FACTORIES`).\n",
        "A model that runs in the process is no site (`catalog/providers/local_models.py`): LlamaIndex's "
        "`HuggingFaceEmbedding`, `FastEmbedEmbedding`, `HuggingFaceLLM`, `LlamaCPP`, LangChain's `HuggingFaceEmbeddings` "
        "(also behind `CacheBackedEmbeddings.from_bytes_store(emb, store)`, which holds the model it wraps). They are "
        "typed all the same, so a LlamaIndex operation that uses `Settings` (`from_documents`, an engine's `query`) "
        "is no site where every model it uses there runs in the process (`project/li_settings.py`). Which `Settings` "
        "models an operation uses is catalog data (`frameworks.LI_SETTINGS_USED`): an embedding operation "
        "`embed_model`; an engine's `query`, and a `KnowledgeGraphIndex` / `PropertyGraphIndex` built from documents "
        "(the LLM extracts each chunk's triplets or paths), both `llm` and `embed_model`. An `IngestionPipeline` run "
        "embeds with the transformations it was built with (`LI_OWN_MODELS`): `Settings` never removes it. "
        "`Settings` is process state: only assignments in modules some program loads together with the site's module "
        "count (`project/programs.py`), so a demo script setting a local embed model leaves the server beside it on "
        "LlamaIndex's hosted default.\n",
        "Every method that runs a model is a site, the stateful APIs too: Mistral's Agents / Conversations API "
        "(`client.beta.conversations.start` / `append` / `restart`, their `_stream` and `_async` forms, "
        "`run_async`) and Responses API, OpenAI's `responses.compact`, Gemini's `interactions.create`; "
        "methods that only store or read a conversation (`conversations.get_history`, OpenAI's "
        "`conversations.create`) are none. A method named like a container's add (`append`, `add`) on an "
        "SDK client's attribute path (`client.beta.conversations.append(...)`) is the SDK's, not a list's. A module "
        "function spelled with a segment that changes nothing sent (`openai.beta.threads.runs.create` on the "
        "module-level client, called or handed to `asyncio.to_thread`) is the one spelled without it.\n",
        "A receiver of unknown type (an unannotated parameter no caller gives a client, a `self.` or class "
        "attribute set from one, a module global or a call's result that only a library the catalog does not "
        "know builds: `client = gateway.make()`, `get_client().chat.completions.create(...)`) is matched by the "
        "call's shape (`providers.match_shape`) only when the call names its "
        "model with the keyword that provider's API takes (`model=`; Bedrock's `modelId=`): then, in a file "
        "importing an SDK with that operation, that SDK's; else a site of the SDK the project imports, else "
        "of the one provider whose own client has that path where the catalog flags the path distinctive "
        "(`messages.create`: Anthropic, `models.generate_content`: Google; not Mistral's `chat.complete` or "
        "`ocr.process`, which need `mistralai` imported), else, for a path of OpenAI's API that many SDKs "
        "copy, of `openai-compatible` (OpenAI's Batch API applies only if the client points at "
        "api.openai.com). The prefilter keeps such a file for the path's text (`.chat.completions.create(`); "
        "the evidence says the type was inferred from the call shape. A Twilio `client.messages.create(to=..., "
        "body=...)` names no model and is no site, even in a file importing `anthropic`. Of one-segment "
        "methods only the AWS operation names of a client made per service count (Bedrock's `converse`, "
        "`invoke_model` with `modelId=`, not `model=`), and a method a provider flags distinctive where the "
        "code imports that provider (the legacy Gemini SDK's `embed_content`); others (`chat`, `generate`, "
        "Bedrock's agent operations, which name no model) need a typed receiver. A receiver typed only as "
        "SDK objects the catalog has no such operation for (`ChatOpenAI().chat.completions.create(model=...)`) "
        "is matched by the path's shape too, for a model request only, and the evidence names the type it had. "
        "A request unpacked from a mapping "
        "(`create(**params)`) names its model when a dict literal, `dict(...)` or parameter default in the "
        "same function holds the keyword; the evidence says the model came from the unpacked mapping.\n",
        "| provider | batch API | discount | source |",
        "| --- | --- | --- | --- |",
    ]
    for p in providers:
        discount = f"{round(p.discount * 100)}%" if p.batch_supported else "none"
        lines.append(f"| {p.label} (`{p.id}`) | {p.batch_api if p.batch_supported else p.no_batch_reason} | {discount} | {p.discount_source} |")
    for p in providers:
        lines += ["", f"## {p.label}", ""]
        if p.clients:
            lines.append("Clients: " + ", ".join(f"`{c}`" for c in p.clients) + "\n")
        per_model = bool(p.model_families)  # ``llm.get_model#openai``: listed once, as ``llm.get_model#<provider>``
        groups = [("client", p.operations), *[(f"`{c}`", ops) for c, ops in _one_per_kind(p.client_operations, per_model)],
                  ("module", p.module_functions)]
        lines += ["| on | operation | kind | batch endpoint | note |", "| --- | --- | --- | --- | --- |"]
        for where, ops in groups:
            for name, op in ops.items():
                note = op.note or ("not batchable" if not op.batchable else "")
                if op.embedding:
                    note = ("embedding; " + note).rstrip("; ")
                lines.append(f"| {where} | `{name}` | {op.kind} | {op.endpoint or ''} | {note} |")
        for client, reason in p.client_refusals.items():
            lines.append(f"\n`{client}`: {reason}")
        classes = [(c, b) for c, b in p.backends.items() if "[" not in c and not (per_model and "#" in c)]
        if classes:
            lines += ["", "Each model class calls one provider, whose batch API a scheduled call can move to:", "",
                      "| model class | provider |", "| --- | --- |"]
            lines += [f"| `{client}` | `{backend}` |" for client, backend in classes]
        if per_model:
            lines += ["", "A literal model id passed to " + ", ".join(f"`{f}`" for f in p.model_factories)
                      + " names the provider (`<provider>` above; first matching prefix, none: no backend): "
                      + ", ".join(f"`{prefix}` {pid or 'none'}" for prefix, pid in p.model_families) + "."]
    from llm_latency_lint.catalog.providers import wrappers

    lines += ["", "## Wrapper packages", "", (wrappers.__doc__ or "").strip()]
    return "\n".join(lines + _raw_http() + (_coverage(coverage) if coverage else [])) + "\n"


def _one_per_kind(client_operations, per_model: bool = False):
    """Types made per model (``VectorStore[<embeddings class>]``) are listed once, as ``VectorStore[E]``."""
    seen = set()
    for client, ops in client_operations.items():
        name = client.split("[", 1)[0] + "[E]" if "[" in client else client
        name = name.partition("#")[0] + "#<provider>" if per_model and "#" in name else name
        if name not in seen:
            seen.add(name)
            yield name, ops


@dataclass(frozen=True)
class CoverageRow:
    snippet: str  # file in bench/shapes/snippets
    library: str
    expected: int  # sites its ``# expect:`` markers name
    before: int  # found before the catalog was widened from the survey
    after: int  # found now


@dataclass(frozen=True)
class Coverage:
    """The survey of canonical usage as recorded: benchmark data, so it lives in ``bench/shapes/record.json``
    (written by ``bench/shapes/survey.py --record``, checked against the snippets by the tests)."""

    summary: str
    command: str
    corpus: str  # the dev corpus re-scored before -> after, one sentence
    unexpected_before: int  # sites on lines no snippet marks
    unexpected_after: int
    gaps: Tuple[str, ...]  # shapes still missed, and why
    rows: Tuple[CoverageRow, ...]

    @classmethod
    def from_json(cls, text: str) -> "Coverage":
        data = json.loads(text)
        return cls(**{**data, "gaps": tuple(data["gaps"]), "rows": tuple(CoverageRow(**row) for row in data["rows"])})

    def to_json(self) -> str:
        """One line a row, so that a changed figure is a one-line diff."""
        head = {key: value for key, value in asdict(self).items() if key != "rows"}
        rows = ",\n  ".join(json.dumps(asdict(row), ensure_ascii=False) for row in self.rows)
        fields = json.dumps(head, indent=1, ensure_ascii=False).rstrip("}").rstrip()
        return fields + ',\n "rows": [\n  ' + rows + "\n ]\n}\n"


def _coverage(coverage: Coverage) -> List[str]:
    """The survey of canonical usage: before -> after, per library."""
    expected = sum(row.expected for row in coverage.rows)
    before, after = sum(row.before for row in coverage.rows), sum(row.after for row in coverage.rows)
    lines = ["", "## Coverage of canonical usage", "", coverage.summary, "",
             f"Printed by `{coverage.command}` (`--record` writes the figures to `bench/shapes/record.json`). "
             f"Sites found / expected: **{before}/{expected} "
             f"({before / expected:.3f}) before, {after}/{expected} ({after / expected:.3f}) after**; sites on "
             f"lines no snippet marks: {coverage.unexpected_before} before, {coverage.unexpected_after} after.", "",
             "| library (snippet) | expected | before | after |", "| --- | --- | --- | --- |"]
    lines += [f"| {row.library} | {row.expected} | {row.before} | {row.after} |" for row in coverage.rows]
    lines += ["", coverage.corpus + ".", "", "Still missed:", ""] + [f"- {gap}" for gap in coverage.gaps]
    return lines


def _raw_http() -> List[str]:
    """The raw-HTTP tables (``catalog/providers/http.py``): which POSTs are LLM requests."""
    from llm_latency_lint.catalog.providers import all_providers, endpoints, http

    batch = {p.id: p.batch_api if p.batch_supported else "none" for p in all_providers()}
    lines = ["", "## Raw HTTP", "", (http.__doc__ or "").strip(), "", (endpoints.__doc__ or "").strip(), "",
             "| host (part of the URL) | provider | batch API |",
             "| --- | --- | --- |"]
    lines += [f"| `{host}` | `{pid}` | {batch.get(pid, 'none')} |" for host, pid in http.HOSTS]
    lines += ["", "| a word in the name of a URL set elsewhere | provider |", "| --- | --- |"]
    lines += [f"| `{word}` | `{pid}` |" for word, pid in http.HOST_HINTS]
    lines += ["", "| path ends with | providers | on another host | kind | batch endpoint | note |",
              "| --- | --- | --- | --- | --- | --- |"]
    for spec in http.PATHS:
        other = "any host" if spec.any_host else ("with an LLM body" if spec.body_keys else "")
        note = spec.op.note or ("not batchable" if not spec.op.batchable else "")
        lines.append(f"| `{spec.suffix}` | {', '.join(spec.providers) or 'any known'} | {other} | {spec.op.kind} | "
                     f"{spec.op.endpoint or ''} | {note} |")
    lines += ["", f"An LLM body has `{http.LLM_BODY[0]}` and one of " + ", ".join(f"`{k}`" for k in http.LLM_BODY[1])
              + ", and none of " + ", ".join(f"`{k}`" for k in sorted(http.RECORD_KEYS))
              + " (a body holding the answer records an exchange made elsewhere)"
              + f". A path segment matching `{http.MODEL_SEGMENT.pattern}` names a model (provider `{http.GATEWAY}`)."]
    return lines


def render_discounts(table) -> str:
    """docs/discounts.md: the batch discount table the audit's savings use, straight from the data."""
    lines = [
        "# Batch discounts\n",
        "Generated from `src/llm_latency_lint/catalog/discounts.py` by `scripts/gen_rule_docs.py`. `audit` multiplies "
        "batch-eligible spend by these rates; override any of them in `[tool.llm-latency-lint.discounts]`. "
        "*Unverified* rates were not read on the provider's own page (or the page says \"up to\"); reports "
        "say so wherever they use one.\n",
        "| provider | discount | verified | source | read on | note |",
        "| --- | ---: | --- | --- | --- | --- |",
    ]
    for d in table.values():
        lines.append(
            f"| `{d.provider}` | {d.rate * 100:g}% | {'yes' if d.verified else '**no**'} | <{d.source}> | {d.checked} | {d.note} |"
        )
    return "\n".join(lines) + "\n"
