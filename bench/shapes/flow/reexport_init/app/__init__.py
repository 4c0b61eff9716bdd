from .services.summary import Summarizer

__all__ = ["Summarizer"]
