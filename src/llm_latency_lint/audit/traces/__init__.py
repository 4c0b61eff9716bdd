"""Production traces joined to call sites: readers per export format (``otlp``, ``logfire``,
``langfuse``, ``langsmith``, dispatched by ``read``), the ``join`` to call sites, ``prices``
(tokens x a price table), and ``traffic`` (what the arrival times say about who waits)."""
