"""The Ray engine: Ray Data reads units on the cluster and an actor pool checks the documents.

Each actor builds one Checker (its models load once per actor). Inputs are listed by the driver;
each file, archive or URL is read by a Ray task where the data lives (shared storage on a cluster),
documents flow in small batches through the actors, and results come back to the driver in input
order, where they are appended exactly as the local engine does — same rows, same resume.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from typing import Any

from mtqa.batch.work import CheckerSpec, Outcome, process
from mtqa.deps import install_hint
from mtqa.errors import MtqaError
from mtqa.io.sources import SourceOptions
from mtqa.io.sources.archives import Reader, Unit

DOCS_PER_BATCH = 8


class _ReadUnits:
    """Turns batches of units into batches of pickled documents, leaving out completed ones."""

    def __init__(self, opts: SourceOptions, done: frozenset[str]) -> None:
        self.opts = opts
        self.done = done

    def __call__(self, batch: dict[str, Any]) -> Iterator[dict[str, list[Any]]]:
        reader = Reader(self.opts)
        docs: list[bytes] = []
        skipped: list[bool] = []
        for location, rel, explicit in zip(batch["location"], batch["rel"], batch["explicit"]):
            for doc in reader.read_unit_safely(Unit(str(location), str(rel), bool(explicit))):
                is_done = doc.doc_id in self.done
                docs.append(b"" if is_done else pickle.dumps(doc))
                skipped.append(is_done)
                if len(docs) >= DOCS_PER_BATCH:
                    yield {"doc": docs, "skipped": skipped}
                    docs, skipped = [], []
        if docs:
            yield {"doc": docs, "skipped": skipped}


class _CheckActor:
    """One per actor: holds a Checker and turns pickled documents into pickled outcomes."""

    def __init__(self, spec: CheckerSpec) -> None:
        self.checker = spec.build()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        out: list[bytes] = []
        for data, skipped in zip(batch["doc"], batch["skipped"]):
            if skipped:
                out.append(b"")
            else:
                out.append(pickle.dumps(process(pickle.loads(data), self.checker)))
        return {"outcome": out}


def run_ray(
    units: list[Unit],
    opts: SourceOptions,
    spec: CheckerSpec,
    done: set[str],
    workers: int,
    address: str | None,
    sink: Callable[[Outcome], None],
) -> None:
    try:
        import ray
        import ray.data
    except ImportError:
        raise MtqaError(f"--engine ray needs Ray: {install_hint('batch')}") from None
    if not any(not u.ignored for u in units):
        return
    started_here = False
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        started_here = True
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # results are appended in input order
        ctx.enable_progress_bars = False
        items = [
            {"location": u.location, "rel": u.rel, "explicit": u.explicit}
            for u in units
            if not u.ignored  # hidden files and --src-pattern sources
        ]
        dataset = (
            ray.data.from_items(items, override_num_blocks=min(len(items), 200))
            .map_batches(_ReadUnits(opts, frozenset(done)), batch_size=1)
            .map_batches(
                _CheckActor,
                fn_constructor_args=(spec,),
                batch_size=DOCS_PER_BATCH,
                compute=ray.data.ActorPoolStrategy(size=workers),
            )
        )
        for row in dataset.iter_rows():
            data = row["outcome"]
            if not data:
                sink(Outcome("", b"", {}, 0, skipped=True))
            else:
                sink(pickle.loads(data))
    finally:
        if started_here and not address:
            ray.shutdown()
