"""`mtqa serve`: the checker behind HTTP for publishing pipelines (needs the ``serve`` extra)."""

from mtqa.serve.service import CheckService, Limits

__all__ = ["CheckService", "Limits"]
