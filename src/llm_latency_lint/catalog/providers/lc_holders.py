"""LangChain helpers built over a model that run it whenever they run (round 18): index creators
and the indexes they return, document parsers that send each blob to a hosted model, and loaders
built over such a parser. ``langchain.py`` types them (per hosted embeddings model, per parser);
``facts.through.held_model`` reads what a constructor is built over (``MODEL_HOLDERS``)."""
from __future__ import annotations

from typing import Callable, Dict, Optional, Tuple

from llm_latency_lint.catalog.providers.spec import FACTORY, SYNC, Operation

# ``LLMImageBlobParser(model=llm)`` asks its chat model to describe every image it parses (PDF
# loaders take it as ``images_parser=``): typed over the model, a site only over a catalogued one.
IMAGE_PARSER_OF = "__image_parser__"
IMAGE_PARSER = "langchain_community.document_loaders.parsers.LLMImageBlobParser[model]"

# LangChain's index helpers (``langchain.indexes``, ``langchain_classic.indexes`` after 1.0): a
# ``VectorstoreIndexCreator(vectorstore_cls=..., embedding=emb)`` embeds every document it loads
# with ``emb`` when it builds the index (``from_loaders`` / ``from_documents``), so it is typed over
# its embeddings like a store (``INDEX_CREATOR_OF``); without ``embedding=`` it is langchain<0.1's
# default, ``OpenAIEmbeddings``. The ``VectorStoreIndexWrapper`` it returns (or one built over a store)
# answers ``query(q, llm=...)`` with a ``RetrievalQA`` chain: a model request whatever the store.
INDEX_MODULES = ("langchain.indexes", "langchain_classic.indexes")
INDEX_CREATOR_OF = "__index_creator__"
INDEX_DEFAULT_EMBEDDINGS = "langchain.embeddings.OpenAIEmbeddings"
INDEX_WRAPPERS = tuple(f"{module}.VectorStoreIndexWrapper" for module in INDEX_MODULES)
_INDEXED = "embeds every loaded document with the creator's embeddings model"
_ANSWERED = "a RetrievalQA chain: embeds the question and asks the llm= model"
INDEX_QUERY_OPERATIONS = {name: Operation(SYNC, note=_ANSWERED) for name in (
    "query", "aquery", "query_with_sources", "aquery_with_sources")}
# The chain asks the model passed as ``llm=`` (langchain<0.1's ``OpenAI()`` where none is): the query
# is that model's request (``langchain.EMBEDDED_THROUGH``), a site only over a hosted one, whatever
# the index was built over (a local ``HuggingFacePipeline`` sends nothing).
INDEX_QUERY_THROUGH = {name: (("llm", -1, "ainvoke" if name.startswith("a") else "invoke"),)
                       for name in INDEX_QUERY_OPERATIONS}
INDEX_CREATOR_OPERATIONS = {method: Operation(SYNC, embedding=True, returns=INDEX_WRAPPERS[0], note=_INDEXED)
                            for method in ("from_loaders", "afrom_loaders", "from_documents", "afrom_documents")}

# Document parsers that send each blob to a hosted model (policy 7: hosted audio is a site):
# ``OpenAIWhisperParser().parse(blob)`` transcribes with OpenAI's ``audio.transcriptions``. The
# ``...Local`` parsers run a model in the process and are no sites. A ``GenericLoader(blob_loader,
# parser)`` runs its parser on every blob it loads (``loader.load()``), so it is typed over the parser
# (``LOADER_OF``) like a store over its embeddings.
_PARSER_MODULES = ("langchain_community.document_loaders.parsers", "langchain.document_loaders.parsers")
_LOADER_MODULES = ("langchain_community.document_loaders", "langchain.document_loaders")
_AUDIO_NOTE = "a hosted speech-to-text request per audio chunk: audio endpoints have no batch equivalent"
WHISPER_PARSERS = tuple(f"{module}.{name}" for module in _PARSER_MODULES
                        for name in ("OpenAIWhisperParser", "AzureOpenAIWhisperParser"))
LOADER_OF = "__generic_loader__"
_PARSE_OPERATIONS = {name: Operation(SYNC, batchable=False, note=_AUDIO_NOTE) for name in ("parse", "lazy_parse")}
_LOAD_OPERATIONS = {name: Operation(SYNC, batchable=False, note=_AUDIO_NOTE) for name in (
    "load", "lazy_load", "aload", "alazy_load", "load_and_split")}

# ``SemanticChunker(emb)`` (``langchain_experimental.text_splitter``) embeds every sentence it splits
# with ``emb`` to find the breakpoints: typed over its embeddings like a store (``CHUNKER_OF``), so
# only a chunker over a hosted model splits with a request; one over ``HuggingFaceEmbeddings`` or a
# model the code does not show sends none.
CHUNKER_MODULES = ("langchain_experimental.text_splitter",)
CHUNKER_OF = "__semantic_chunker__"
_CHUNKED = "embeds every sentence with the chunker's embeddings model to place the breakpoints"
CHUNKER_OPERATIONS = {name: Operation(SYNC, embedding=True, note=_CHUNKED) for name in (
    "create_documents", "split_text", "split_documents", "transform_documents", "atransform_documents")}

# Objects built over a model that run it whenever they run, typed over that model (``facts.through
# .held_model``): (module prefixes, the class or class method, the keyword and position (-1: keyword
# only) of the model, the model when the call passes none ("": none), the marker operation).
MODEL_HOLDERS: Tuple[Tuple[Tuple[str, ...], str, str, int, str, str], ...] = (
    (INDEX_MODULES, "VectorstoreIndexCreator", "embedding", -1, INDEX_DEFAULT_EMBEDDINGS, INDEX_CREATOR_OF),
    (_LOADER_MODULES, "GenericLoader", "blob_parser", 1, "", LOADER_OF),
    (_LOADER_MODULES, "GenericLoader.from_filesystem", "parser", -1, "", LOADER_OF),
    (_PARSER_MODULES, "LLMImageBlobParser", "model", -1, "", IMAGE_PARSER_OF),
    (CHUNKER_MODULES, "SemanticChunker", "embeddings", 0, "", CHUNKER_OF),
)


def holder(qualified: str) -> Optional[Tuple[str, int, str, str]]:
    """(keyword, position, default model, marker) of the ``MODEL_HOLDERS`` entry ``qualified`` names,
    imported from its package or the submodule that defines it."""
    for modules, name, keyword, position, default, marker in MODEL_HOLDERS:
        module, dot, rest = qualified.partition(f".{name}")
        if dot and not rest and any(module == m or module.startswith(f"{m}.") for m in modules):
            return keyword, position, default, marker
    return None


def index_creator(embeddings: str) -> str:
    return f"langchain.indexes.VectorstoreIndexCreator[{embeddings}]"


def chunker(embeddings: str) -> str:
    return f"langchain_experimental.text_splitter.SemanticChunker[{embeddings}]"


def loader(parser: str) -> str:
    return f"langchain_community.document_loaders.GenericLoader[{parser}]"


def parsers() -> Dict[str, Dict[str, Operation]]:
    """Per hosted parser: its own operations, and those of a loader built over it."""
    return {**{name: {**_PARSE_OPERATIONS, LOADER_OF: Operation(FACTORY, returns=loader(name))}
               for name in WHISPER_PARSERS},
            **{loader(name): _LOAD_OPERATIONS for name in WHISPER_PARSERS},
            IMAGE_PARSER: {name: Operation(SYNC, note="asks the chat model to describe each image")
                           for name in ("parse", "lazy_parse")}}


# What is typed over a hosted embeddings model besides its stores: (marker, type, its operations).
OVER_EMBEDDINGS: Tuple[Tuple[str, Callable[[str], str], Dict[str, Operation]], ...] = (
    (INDEX_CREATOR_OF, index_creator, INDEX_CREATOR_OPERATIONS),
    (CHUNKER_OF, chunker, CHUNKER_OPERATIONS),
)
