from contextvars import ContextVar

current_client: ContextVar = ContextVar("current_client")
