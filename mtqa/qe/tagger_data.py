"""Training rows for the garble tagger: synthetic garbles and their clean twins, split by source.

The tagger learns word tags only from scripts/make_garbles.py rows: a garbled row is BAD on its
labelled spans, and its clean twin (the same source with the uncorrupted translation) is all OK,
so the only difference the model can learn is the error itself. Rows are split by their source
pair, never by row, so no clean twin of a dev garble is trained on:

- ``news``: every row whose ``source_id`` starts with one of ``news_prefixes`` (WMT21 DA): the
  clean news references on which the flag threshold is fixed, and their garbles;
- ``dev``: a share of the other sources, chosen by a stable hash of the source text;
- ``train``: the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

Row = dict[str, Any]


def clean_twin(row: Row) -> Row:
    """The uncorrupted translation of ``row`` as a row of its own, every word OK."""
    clean = row["clean"]
    n = len(clean.split())
    return {
        "id": f"{row['source_id']}.clean",
        "lang_pair": row.get("lang_pair", "ru-en"),
        "split": row.get("split", "synthetic"),
        "src": row["src"],
        "mt": clean,
        "clean": clean,
        "ref": None,
        "score": None,
        "mt_tok": clean,
        "mt_tags": " ".join(["OK"] * n),
        "spans": [],
        "family": None,
        "note": "",
        "source_id": row["source_id"],
    }


def with_twins(rows: Iterable[Row]) -> list[Row]:
    """Each distinct garbled row once, plus one clean twin per source (garbled rows first,
    in input order, then the twins)."""
    garbled: list[Row] = []
    seen: set[tuple[str, str]] = set()
    twins: dict[str, Row] = {}
    for row in rows:
        if row["source_id"] not in twins:
            twins[row["source_id"]] = clean_twin(row)
        key = (row["source_id"], row["mt"])
        if row.get("family") and row["mt"] != row["clean"] and key not in seen:
            seen.add(key)
            garbled.append(row)
    return garbled + list(twins.values())


def in_dev_share(src: str, share: float) -> bool:
    """Whether a source falls in the dev share (a stable hash of its text)."""
    return int(hashlib.md5(src.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def split_rows(
    rows: Iterable[Row], dev_share: float, news_prefixes: Sequence[str] = ("wmt21",)
) -> dict[str, list[Row]]:
    """{'train', 'dev', 'news'}: the rows with their twins, split by source as described above."""
    parts: dict[str, list[Row]] = {"train": [], "dev": [], "news": []}
    for row in with_twins(rows):
        if row["source_id"].startswith(tuple(news_prefixes)):
            parts["news"].append(row)
        elif in_dev_share(row["src"], dev_share):
            parts["dev"].append(row)
        else:
            parts["train"].append(row)
    return parts


def found_and_flagged(
    families: Sequence[str | None], top_bad: Sequence[float], top_any: Sequence[float], t: float
) -> tuple[dict[str, tuple[int, int]], float]:
    """At threshold ``t``: per family (found, total) of garbled rows (found: a word of the span
    at or above ``t``, ``top_bad`` the highest such probability), and the share of clean rows
    (family None) with any word at or above ``t`` (``top_any``)."""
    per: dict[str, list[int]] = {}
    clean = [p for f, p in zip(families, top_any) if f is None]
    for f, p in zip(families, top_bad):
        if f is None:
            continue
        hit = per.setdefault(f, [0, 0])
        hit[0] += int(p >= t)
        hit[1] += 1
    flagged = sum(p >= t for p in clean) / len(clean) if clean else 0.0
    return {f: (a, b) for f, (a, b) in sorted(per.items())}, flagged


def gate_threshold(clean_top: Sequence[float], max_flagged: float) -> float:
    """The lowest threshold that flags at most ``max_flagged`` of the clean rows (a row is
    flagged when its highest word probability reaches the threshold)."""
    ranked = sorted(clean_top, reverse=True)
    allowed = int(max_flagged * len(ranked))  # this many clean rows may reach it
    if allowed >= len(ranked):
        return 0.0
    # Just above the (allowed+1)-th highest: that row and every lower one stay unflagged.
    return float(ranked[allowed]) + 1e-6
