"""Human-labelled rows in the JSONL schema of the shared evaluation data (see its README).

One JSON object per line with ``mt`` and optional ``id``, ``lang_pair``, ``split``, ``src``,
``ref``, ``score``, ``hter``, ``da_mean``, ``spans``, ``mt_tok``/``mt_tags`` and, for contrastive
files, ``mt_good``/``perturbation``/``severity``. Rows of official test splits can be dropped
while reading, before anything is kept, so fitting code never sees them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.errors import InputError

# Official test splits: evaluation only, never fitting or choosing settings.
# "synthetic-test": the garbles scripts/make_garbles.py makes from WMT22 references.
TEST_SPLITS = frozenset({"test", "test20", "test21", "test22", "test23", "synthetic-test"})

GoldSpan = tuple[int, int, str | None]


@dataclass(frozen=True)
class EvalRow:
    id: str
    dataset: str
    lang_pair: str
    split: str
    mt: str
    src: str | None = None
    ref: str | None = None
    score: float | None = None
    hter: float | None = None
    da_mean: float | None = None  # raw 0-100 DA mean (``da_mean``, or ``da_raw`` in WMT DA files)
    spans: tuple[GoldSpan, ...] | None = None
    mt_tok: tuple[str, ...] | None = None
    mt_tags: tuple[bool, ...] | None = None  # True = BAD
    mt_good: str | None = None
    perturbation: str | None = None
    severity: str | None = None
    doc_id: str | None = None


def dataset_name(path: str | Path) -> str:
    """The file name without ``.jsonl`` and without a ``.partN`` suffix (parts form one dataset)."""
    name = Path(path).name
    name = re.sub(r"\.jsonl$", "", name)
    return re.sub(r"\.part\d+$", "", name)


def is_test_split(split: str | None) -> bool:
    return split is not None and split.lower() in TEST_SPLITS


def _text(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: field {key!r} must be a string or null")
    return value if value.strip() else None


def _number(obj: dict[str, Any], key: str, where: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{where}: field {key!r} must be a number or null")
    return float(value)


def _spans(obj: dict[str, Any], mt: str, where: str) -> tuple[GoldSpan, ...] | None:
    value = obj.get("spans")
    if value is None:
        return None
    if not isinstance(value, list):
        raise InputError(f"{where}: field 'spans' must be a list or null")
    out = []
    for span in value:
        try:
            start, end = int(span["start"]), int(span["end"])
        except (TypeError, KeyError, ValueError):
            raise InputError(f"{where}: each span needs integer 'start' and 'end'") from None
        if not 0 <= start <= end <= len(mt):
            raise InputError(f"{where}: span {start}-{end} is outside mt (length {len(mt)})")
        severity = span.get("severity")
        out.append((start, end, severity if isinstance(severity, str) else None))
    return tuple(out)


def parse_row(obj: Any, dataset: str, where: str, twin: str = "mt_good") -> EvalRow:
    """One row; ``twin`` names the field that holds the good twin of a contrastive row."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object")
    mt = obj.get("mt")
    if not isinstance(mt, str):
        raise InputError(f"{where}: field 'mt' (a string) is required")
    tokens = tags = None
    if isinstance(obj.get("mt_tok"), str):  # kept without tags too: the word-tag export reads it
        tokens = tuple(obj["mt_tok"].split())
    if tokens is not None and isinstance(obj.get("mt_tags"), str):
        tag_list = obj["mt_tags"].split()
        if len(tag_list) != len(tokens):
            raise InputError(f"{where}: mt_tags has {len(tag_list)} tags for {len(tokens)} tokens")
        tags = tuple(t.upper() == "BAD" for t in tag_list)
    return EvalRow(
        id=str(obj.get("id", where)),
        dataset=dataset,
        lang_pair=str(obj.get("lang_pair") or "ru-en"),
        split=str(obj.get("split") or "all"),
        mt=mt,
        src=_text(obj, "src", where),
        ref=_text(obj, "ref", where),
        score=_number(obj, "score", where),
        hter=_number(obj, "hter", where),
        da_mean=_number(obj, "da_mean", where)
        if "da_mean" in obj
        else _number(obj, "da_raw", where),
        spans=_spans(obj, mt, where),
        mt_tok=tokens,
        mt_tags=tags,
        mt_good=_text(obj, twin, where),
        perturbation=_text(obj, "perturbation", where),
        severity=_text(obj, "severity", where),
        doc_id=_text(obj, "doc_id", where),
    )


def read_rows(
    path: str | Path,
    *,
    drop_test: bool = False,
    splits: Iterable[str] | None = None,
    twin: str = "mt_good",
) -> list[EvalRow]:
    """Rows of one JSONL file. ``drop_test`` skips official test splits unparsed; ``splits`` keeps
    only those splits (rows without a split count as 'all'); ``twin``: the field read as a
    row's good twin (``mt_good``; ``clean`` in scripts/make_garbles.py's files)."""
    p = Path(path)
    keep = None if splits is None else frozenset(splits)
    try:
        handle = open(p, encoding="utf-8")  # noqa: SIM115 - closed by the `with handle` below
    except OSError as e:
        raise InputError(f"cannot read {p}: {e.strerror}") from None
    rows: list[EvalRow] = []
    name = dataset_name(p)
    with handle:
        try:
            for n, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{p.name}:{n}"
                try:
                    obj = json.loads(line)
                except ValueError:
                    raise InputError(f"{where}: not valid JSON") from None
                split = obj.get("split") if isinstance(obj, dict) else None
                split = str(split) if split else "all"
                if drop_test and is_test_split(split):
                    continue  # before parsing: nothing of a test row is kept
                if keep is not None and split not in keep:
                    continue
                rows.append(parse_row(obj, name, where, twin))
        except UnicodeDecodeError:
            raise InputError(f"{p}: not UTF-8 text") from None
    return rows


def subsample(rows: Sequence[EvalRow], limit: int | None, *, seed: int = 0) -> list[EvalRow]:
    """At most ``limit`` rows chosen by a hash of (seed, id): deterministic, order kept.

    Contrastive rows are never split from their twin because the twin lives in the same row.
    """
    if limit is None or len(rows) <= limit:
        return list(rows)

    def key(row: EvalRow) -> str:
        return hashlib.sha256(f"{seed}:{row.id}".encode()).hexdigest()

    chosen = set(sorted(range(len(rows)), key=lambda i: key(rows[i]))[:limit])
    return [r for i, r in enumerate(rows) if i in chosen]
