"""Checks stay near-linear in sentence length: the work is counted, never timed tightly.

Each counting test fails fast (the counter raises past its bound) on the quadratic or cubic code
it replaced; the one timed test puts a generous limit around a large input.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import pytest

from mtqa.checks import Languages, check_class, rules
from mtqa.checks.reference import ReferenceCheck, banded_edit_distance
from mtqa.checks.source import check as source
from mtqa.pipeline import _dedupe, _family
from mtqa.types import SEVERITY_RANK, Flag, Segment

EN = Languages("ru", "en")


class TooMuchWork(Exception):
    pass


def counting(fn: Callable[..., Any], limit: int) -> tuple[Callable[..., Any], list[int]]:
    calls = [0]

    def counted(*args: Any, **kw: Any) -> Any:
        calls[0] += 1
        if calls[0] > limit:
            raise TooMuchWork(f"more than {limit} calls")
        return fn(*args, **kw)

    return counted, calls


def long_text(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars].strip() + "."


def test_list_repeats_compare_items_within_reach(monkeypatch: pytest.MonkeyPatch):
    items = 3000
    goods = ["grain", "steel", "timber", "copper", "cotton", "nickel", "wheat"]
    kinds = ["duties", "quotas", "levies", "tariffs", "bans", "curbs", "fees", "caps", "taxes"]
    mt = ", ".join(f"{goods[i % 7]} {kinds[i % 9]}" for i in range(items)) + "."
    gap = 12
    counted, calls = counting(rules._same_item, limit=items * gap)
    monkeypatch.setattr(rules, "_same_item", counted)
    rules.repeated_list_items(mt, "en", 5.8, gap)
    assert 0 < calls[0] <= items * gap


@pytest.mark.parametrize(
    "mt,flagged",
    [
        ("The EU imposed sanctions, tariffs and sanctions on Russia.", ["sanctions"]),
        ("It bought tanks, guns, planes, ships, drones and tanks.", ["tanks"]),
        ("It bought tanks, guns, planes, ships, drones and rifles.", []),
    ],
)
def test_list_window_keeps_short_lists_whole(mt: str, flagged: list[str]):
    hits = rules.repeated_list_items(mt, "en", 5.8, 12)
    assert [mt[h.start : h.end] for h in hits] == flagged


def test_source_names_are_sought_near_their_place(monkeypatch: pytest.MonkeyPatch):
    rng = random.Random(7)
    cyr = "бвгдклмнпрстфхцчшщ"
    vowels = "аеиоуя"
    names = [
        "".join(rng.choice(cyr) + rng.choice(vowels) for _ in range(3)).title() for _ in range(1500)
    ]
    src = "Сегодня " + " и ".join(names) + " встретились."
    mt = "Today " + " and ".join(f"Zq{n}x".title() for n in range(1500)) + " met."
    found = source.source_names(src, "ru", 4.5)
    # each near MT word is compared with the name and with each of its candidate spellings
    spellings = max(len(source.name_candidates(n.text, n.chinese).spellings) for n in found)
    limit = len(found) * 2 * source._NEAR * (1 + spellings)
    counted, calls = counting(source.name_similarity.__wrapped__, limit=limit)
    monkeypatch.setattr(source, "name_similarity", counted)
    check = source.SourceCheck(None, EN)
    check.run([Segment(index=0, id="1", mt=mt, src=src)])
    assert 0 < calls[0] <= limit


def test_numbers_are_matched_near_their_place(monkeypatch: pytest.MonkeyPatch):
    n = 4000
    src = "Цифры " + ", ".join(str(1000 + i) for i in range(n)) + "."
    mt = "Figures " + ", ".join(str(9000 + i) for i in range(n)) + "."
    limit = 4 * n * 2 * source._NEAR
    counted, calls = counting(source.Item.matches, limit=limit)
    monkeypatch.setattr(source.Item, "matches", counted)
    result = source.SourceCheck(None, EN).run([Segment(index=0, id="1", mt=mt, src=src)])[0]
    assert 0 < calls[0] <= limit
    assert result.scores["source_match"] == 0.0  # no MT number renders a source one


def lev(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(prev[j - 1] + (x != y), prev[j] + 1, row[j - 1] + 1))
        prev = row
    return prev[-1]


@pytest.mark.parametrize("seed", range(5))
def test_banded_edit_distance_is_exact_in_band_and_an_upper_bound_outside(seed: int):
    rng = random.Random(seed)
    for _ in range(200):
        a = [rng.choice("abcd") for _ in range(rng.randint(0, 30))]
        b = [rng.choice("abcd") for _ in range(rng.randint(0, 30))]
        exact = lev(a, b)
        assert banded_edit_distance(a, b, band=40) == exact
        assert exact <= banded_edit_distance(a, b, band=3) <= max(len(a), len(b))


def test_long_ter_skips_sacrebleu_shift_search(monkeypatch: pytest.MonkeyPatch):
    check = ReferenceCheck(None, EN)

    def refuse(*args: Any, **kw: Any) -> Any:
        raise TooMuchWork("TER shift search on a long sentence")

    mt = long_text('a) b) (c ] [d ) " x " « y » ', 4000)
    seg = Segment(index=0, id="1", mt=mt, ref=" ".join(reversed(mt.split())))
    monkeypatch.setattr(check.ter, "sentence_score", refuse)
    ter = check.run([seg])[0].scores["ter"]
    assert 0 < ter <= 100.0
    short = Segment(index=0, id="1", mt="The talks resumed.", ref="Talks resumed.")
    monkeypatch.undo()
    assert (
        check.run([short])[0].scores["ter"]
        == check.ter.sentence_score(short.mt, [short.ref or ""]).score
    )


@pytest.mark.parametrize(
    "unit",
    [
        "sanctions, tariffs and quotas, embargoes, duties, levies and sanctions, ",
        "Mr Zakharova met Peskov and Shoigu, Lavrov and Nebenzya, ",
        "on 5.03.2024 at 17:45 some 1,500 of 23 people paid $4.5 million, ",
    ],
)
def test_default_checks_finish_a_long_sentence(unit: str):
    """50 KB in one sentence: minutes before (cubic list rule, names x words), ~1 s now."""
    src_unit = "Министры Захарова, Песков и Шойгу договорились 5.03.2024 в 17:45 о 1 500 рублях, "
    mt = long_text(unit, 50_000)
    seg = Segment(index=0, id="1", mt=mt, src=long_text(src_unit, 50_000), ref=mt[::-1])
    t0 = time.monotonic()
    for name in ("fluency", "vocabulary", "rules", "source", "reference"):
        check_class(name)(None, EN).run([seg])
    assert time.monotonic() - t0 < 90  # generous: a loaded 2-core machine takes a few seconds


def dedupe_by_definition(flags: list[Flag]) -> list[Flag]:
    """The pairwise definition the pipeline once ran, O(n^2)."""
    ranked = sorted(
        flags, key=lambda f: (-SEVERITY_RANK[f.severity], -f.confidence, f.start - f.end, f.start)
    )
    kept: list[Flag] = []
    for f in ranked:
        if not any(
            _family(k.category) == _family(f.category)
            and ((k.start <= f.start and f.end <= k.end) or (f.start <= k.start and k.end <= f.end))
            for k in kept
        ):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.check))


def random_flags(rng: random.Random, n: int, width: int) -> list[Flag]:
    flags = []
    for _ in range(n):
        start = rng.randint(0, width)
        flags.append(
            Flag(
                start=start,
                end=start + rng.randint(0, 8),
                text="x",
                category=rng.choice(["repetition", "name", "collocation", "mistranslation"]),
                severity=rng.choice(["minor", "major", "critical"]),
                confidence=rng.choice([0.3, 0.5, 0.9]),
                message="m",
                check=rng.choice(["rules", "source"]),
            )
        )
    return flags


@pytest.mark.parametrize("seed", range(5))
def test_flag_dedupe_matches_its_definition(seed: int):
    rng = random.Random(seed)
    for _ in range(300):
        flags = random_flags(rng, rng.randint(0, 30), 40)
        assert _dedupe(flags) == dedupe_by_definition(flags)


def test_flag_dedupe_on_a_sentence_with_many_flags():
    """36,000 flags in one sentence (176 KB list-like text) took ~2 min pairwise; now well under 1 s."""
    flags = random_flags(random.Random(1), 40_000, 200_000)
    t0 = time.monotonic()
    _dedupe(flags)
    assert time.monotonic() - t0 < 30  # generous
