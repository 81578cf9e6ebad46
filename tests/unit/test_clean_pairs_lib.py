"""scripts/clean_pairs.py: the WMT21 parts and the flagged-pair count the rate scripts share
(collocation_rates.py, support_rates.py, calque_flags.py)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from mtqa.types import Flag
from scripts.clean_pairs import WMT21_PARTS, count_flagged, wmt21_parts, wmt21_rows


def _row(i: int, score: float | None, ref: str | None = "same ref") -> dict:
    return {"src": f"src {i % 3}", "mt": f"mt {i}", "ref": ref, "score": score}


ROWS = [_row(i, s) for i, s in enumerate([0.9, -0.9, 0.6, -0.5, None, 0.1, 1.2, -2.0])]


def test_references_are_distinct_and_sorted() -> None:
    [(label, refs)] = wmt21_parts(ROWS, 10, ["refs"])
    assert label == WMT21_PARTS["refs"]
    assert refs == [("src 0", "same ref"), ("src 1", "same ref"), ("src 2", "same ref")]


@pytest.mark.parametrize(
    ("part", "mts"),
    [
        ("high", {"mt 0", "mt 2", "mt 6"}),  # z >= 0.6
        ("low", {"mt 1", "mt 7"}),  # z < -0.5 (-0.5 itself is not low)
    ],
)
def test_rated_outputs_by_da(part: str, mts: set[str]) -> None:
    [(_, pairs)] = wmt21_parts(ROWS, 10, [part])
    assert {mt for _, mt in pairs} == mts


def test_the_draw_is_the_scripts_one_generator_in_part_order() -> None:
    # What collocation_rates.py and support_rates.py drew before they shared this: one
    # Random(0), the high outputs shuffled first, then the low ones.
    rows = [_row(i, 1.0 if i % 2 else -1.0) for i in range(40)]
    rng = random.Random(0)
    high = [(r["src"], r["mt"]) for r in rows if r["score"] >= 0.6]
    rng.shuffle(high)
    low = [(r["src"], r["mt"]) for r in rows if r["score"] < -0.5]
    rng.shuffle(low)
    got = dict(wmt21_parts(rows, 5))
    assert got[WMT21_PARTS["high"]] == high[:5]
    assert got[WMT21_PARTS["low"]] == low[:5]
    assert list(got) == list(WMT21_PARTS.values())


def _flag(start: int) -> Flag:
    return Flag(start, start + 1, "x", "name", "minor", 0.5, "m", "vocabulary")


def test_count_flagged_counts_items_and_sees_every_flag() -> None:
    flags = {"a": [], "b": [_flag(0), _flag(2)], "c": [_flag(1)]}
    seen: list[tuple[str, int]] = []
    n, flagged = count_flagged(
        ["a", "b", "c"], flags.__getitem__, lambda k, f: seen.append((k, f.start))
    )
    assert (n, flagged) == (3, 2)
    assert seen == [("b", 0), ("b", 2), ("c", 1)]


def test_wmt21_rows_reads_every_part_in_order(tmp_path: Path) -> None:
    for part, ids in ((2, [3]), (1, [1, 2])):
        lines = [json.dumps({"id": i}) for i in ids]
        (tmp_path / f"wmt21_da_ru-en_news.part{part}.jsonl").write_text("\n".join(lines) + "\n\n")
    (tmp_path / "wmt22_da_ru-en_news.part1.jsonl").write_text('{"id": 9}\n')
    assert [r["id"] for r in wmt21_rows(tmp_path)] == [1, 2, 3]
