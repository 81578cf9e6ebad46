"""Batch checking of feeds and archives: many documents, resumable results, a run report."""

from mtqa.batch.run import ENGINES, BatchConfig, RunResult, run_batch
from mtqa.batch.work import CheckerSpec

__all__ = ["ENGINES", "BatchConfig", "CheckerSpec", "RunResult", "run_batch"]
