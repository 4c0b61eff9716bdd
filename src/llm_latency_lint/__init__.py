"""llm-latency-lint: find LLM API calls nobody waits for, and move them to the batch APIs."""

__version__ = "0.1.0"
