"""What a batch found, built up one document at a time in constant memory (except per group).

Fed the last row of every document (summary or error), from this run and from the part of the
results file a resumed run kept, so the report always covers the whole results file.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import Any

from mtqa.batch.results import display_name

WORST_DOCS = 10
ERROR_EXAMPLES = 20
WITHOUT_SOURCE_EXAMPLES = 10
BINS = 10  # score distribution: 0-10, 10-20, ... 90-100


class BatchReport:
    def __init__(self) -> None:
        self.documents = 0
        self.failed = 0
        self.sentences = 0
        self.flagged_sentences = 0
        self.histogram = [0] * (BINS)
        self._quality_points = [
            0
        ] * 1001  # tenth-of-a-point histogram, for the median and quartiles
        self._worst: list[tuple[float, int, dict[str, Any]]] = []  # max-heap by -quality
        self.categories: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.groups: dict[str, list[float]] = {}  # group -> [documents, quality sum, sentences]
        self.errors: list[dict[str, str]] = []
        self.errors_by_stage: Counter[str] = Counter()
        self.without_source = 0  # checked alone: the source asked for was not found
        self.without_source_examples: list[str] = []

    def add(self, row: dict[str, Any]) -> None:
        self.documents += 1
        if (row.get("meta") or {}).get("source_missing"):
            self.without_source += 1
            if len(self.without_source_examples) < WITHOUT_SOURCE_EXAMPLES:
                self.without_source_examples.append(display_name(row))
        if row.get("row") == "error":
            self.failed += 1
            self.errors_by_stage[str(row.get("stage"))] += 1
            if len(self.errors) < ERROR_EXAMPLES:
                self.errors.append({"doc_id": row["doc_id"], "error": str(row.get("error"))})
            return
        summary = row.get("summary") or {}
        self.sentences += int(summary.get("sentences") or 0)
        self.flagged_sentences += int(summary.get("flagged_sentences") or 0)
        self.categories.update(summary.get("categories") or {})
        self.severities.update(summary.get("flags") or {})
        quality = summary.get("quality")
        if quality is None:
            return
        q = float(quality)
        self.histogram[min(BINS - 1, int(q // (100 / BINS)))] += 1
        self._quality_points[max(0, min(1000, round(q * 10)))] += 1
        entry = {
            "doc_id": row["doc_id"],
            "source": row.get("source"),
            "name": display_name(row),
            "quality": q,
            "sentences": summary.get("sentences"),
            "min_quality": summary.get("min_quality"),
        }
        item = (-q, -self.documents, entry)
        if len(self._worst) < WORST_DOCS:
            heapq.heappush(self._worst, item)
        elif item > self._worst[0]:
            heapq.heapreplace(self._worst, item)
        g = self.groups.setdefault(str(row.get("group") or ""), [0, 0.0, 0])
        g[0] += 1
        g[1] += q
        g[2] += int(summary.get("sentences") or 0)

    def _quantile(self, p: float) -> float | None:
        n = sum(self._quality_points)
        if not n:
            return None
        target = p * (n - 1)
        seen = 0
        for value, count in enumerate(self._quality_points):
            seen += count
            if seen > target:
                return value / 10
        return 100.0

    def worst(self) -> list[dict[str, Any]]:
        """Lowest quality first; ties in reading order."""
        return [e for _, _, e in sorted(self._worst, reverse=True)]

    def to_dict(self, run: dict[str, Any] | None = None) -> dict[str, Any]:
        scored = sum(self.histogram)
        width = 100 // BINS
        return {
            "run": run or {},
            "documents": self.documents,
            "failed": self.failed,
            "sentences": self.sentences,
            "flagged_sentences": self.flagged_sentences,
            "quality": {
                "mean": round(sum(g[1] for g in self.groups.values()) / scored, 2)
                if scored
                else None,
                "p25": self._quantile(0.25),
                "median": self._quantile(0.5),
                "p75": self._quantile(0.75),
                "distribution": {
                    f"{i * width}-{(i + 1) * width}": n for i, n in enumerate(self.histogram)
                },
            },
            "worst_documents": self.worst(),
            "flag_categories": dict(self.categories.most_common()),
            "flag_severities": dict(self.severities),
            "groups": {
                name: {
                    "documents": int(g[0]),
                    "mean_quality": round(g[1] / g[0], 2),
                    "sentences": int(g[2]),
                }
                for name, g in sorted(self.groups.items())
            },
            "errors": {"by_stage": dict(self.errors_by_stage), "examples": self.errors},
            "without_source": {
                "documents": self.without_source,
                "examples": self.without_source_examples,
            },
        }


def write_terminal(report: dict[str, Any], out: Any, *, color: bool | None = None) -> None:
    """The report as a few short tables for a terminal (``out`` is a text stream)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, force_terminal=color, no_color=color is False, highlight=False)
    run = report.get("run") or {}
    q = report["quality"]
    console.print(
        f"[bold]mtqa batch[/]: {report['documents']:,} documents in the results "
        f"({run.get('done', 0):,} checked now, {run.get('skipped', 0):,} skipped as already done, "
        f"{report['failed']:,} failed), {report['sentences']:,} sentences, "
        f"{report['flagged_sentences']:,} flagged"
    )
    untried = int(run.get("failed_untried") or 0)
    if untried:
        console.print(
            f"{untried:,} document(s) failed in an earlier run and were not tried again "
            "(rerun with --retry-failed)"
        )
    if run.get("ignored"):
        examples = ", ".join(run.get("ignored_examples") or [])
        console.print(
            f"{run['ignored']:,} file(s) ignored as not documents: {examples}", markup=False
        )
    missing = report.get("without_source") or {}
    if missing.get("documents"):
        console.print(
            f"{missing['documents']:,} document(s) checked without a source (none found where "
            f"--src-pattern, --src-tree or --src-field said): {', '.join(missing['examples'])}",
            markup=False,
        )
    if run.get("malformed_lines"):
        console.print(
            f"{run['malformed_lines']:,} line(s) of the results file are not mtqa rows; left in place"
        )
    if q["median"] is not None:
        console.print(
            f"document quality: mean {q['mean']}, quartiles {q['p25']} / {q['median']} / {q['p75']}"
        )
        dist = Table(title="Document quality", title_justify="left", box=None)
        dist.add_column("quality")
        dist.add_column("documents", justify="right")
        dist.add_column("")
        top = max(q["distribution"].values()) or 1
        for band, n in q["distribution"].items():
            dist.add_row(band, f"{n:,}", "#" * round(30 * n / top))
        console.print(dist)
    if report["worst_documents"]:
        worst = Table(title="Worst documents", title_justify="left", box=None)
        for col in ("quality", "worst sentence", "sentences", "document"):
            worst.add_column(col, justify="right" if col != "document" else "left")
        for d in report["worst_documents"]:
            worst.add_row(
                f"{d['quality']:.1f}",
                str(d.get("min_quality")),
                str(d.get("sentences")),
                str(d.get("name") or d.get("source")),
            )
        console.print(worst)
    if report["flag_categories"]:
        cats = Table(title="Most frequent flag categories", title_justify="left", box=None)
        cats.add_column("category")
        cats.add_column("flags", justify="right")
        for name, n in list(report["flag_categories"].items())[:10]:
            cats.add_row(name, f"{n:,}")
        console.print(cats)
    groups = report["groups"]
    if len(groups) > 1:
        table = Table(title="By feed / folder", title_justify="left", box=None)
        for col in ("mean quality", "documents", "sentences", "feed / folder"):
            table.add_column(col, justify="left" if col == "feed / folder" else "right")
        ranked = sorted(groups.items(), key=lambda kv: kv[1]["mean_quality"])
        for name, g in ranked[:20]:
            table.add_row(
                f"{g['mean_quality']:.1f}", f"{g['documents']:,}", f"{g['sentences']:,}", name
            )
        if len(ranked) > 20:
            table.caption = f"the 20 lowest of {len(ranked):,}; all are in --report"
        console.print(table)
    examples = report["errors"]["examples"]
    if examples:
        console.print(f"[bold]errors[/] ({report['failed']:,}; first {len(examples)}):")
        for e in examples[:5]:
            console.print(f"  {e['error']}", markup=False)
