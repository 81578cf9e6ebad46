"""A Russian→English lemma lexicon mined from parallel sentences by co-occurrence.

For every sentence pair the sets of Russian and English content lemmas are counted; a pair of
lemmas (r, e) is kept when it co-occurs at least ``min_count`` times and its Dice coefficient
2·c(r,e) / (c(r) + c(e)) is at least ``min_dice``, at most ``per_source`` partners per Russian
lemma. This finds free but regular renderings a dictionary lacks (e.g. verbs rendered by
phrasal verbs). The shipped file (``mtqa/data/lexicon/ru-en.tsv.gz``) is built by
``scripts/mine_lexicon.py`` from MLQE-PE ru-en *train* (CC0); see that folder's README.
"""

from __future__ import annotations

import gzip
import hashlib
from collections import Counter
from collections.abc import Iterable
from importlib import resources

import regex

from mtqa.lexicon.lemmas import en_lemmas, ru_lemmas

SHIPPED = "ru-en.tsv.gz"
_WORD = regex.compile(r"\p{L}+(?:['\-]\p{L}+)*")


def _ru_keys(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text):
        lem = ru_lemmas(w)
        if lem and lem[0].pos not in ("FUNC",) and len(w) > 1:
            out.add(lem[0].lemma)
    return out


def _en_keys(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text):
        lem = en_lemmas(w)
        if lem and lem[0].pos not in ("FUNC",) and len(w) > 1:
            out.add(lem[0].lemma)
    return out


def mine(
    pairs: Iterable[tuple[str, str]],
    *,
    min_count: int = 2,
    min_dice: float = 0.25,
    per_source: int = 4,
) -> list[tuple[str, str, float, int]]:
    """(ru lemma, en lemma, Dice, co-occurrence count), sorted by Russian lemma then Dice."""
    c_ru: Counter[str] = Counter()
    c_en: Counter[str] = Counter()
    c_pair: Counter[tuple[str, str]] = Counter()
    for src, tgt in pairs:
        rs, es = _ru_keys(src), _en_keys(tgt)
        c_ru.update(rs)
        c_en.update(es)
        c_pair.update((r, e) for r in rs for e in es)
    best: dict[str, list[tuple[float, str, int]]] = {}
    for (r, e), n in c_pair.items():
        if n < min_count:
            continue
        dice = 2.0 * n / (c_ru[r] + c_en[e])
        if dice >= min_dice:
            best.setdefault(r, []).append((dice, e, n))
    out = []
    for r in sorted(best):
        for dice, e, n in sorted(best[r], reverse=True)[:per_source]:
            out.append((r, e, round(dice, 3), n))
    return out


def write_tsv(rows: list[tuple[str, str, float, int]], path: str) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# ru_lemma\ten_lemma\tdice\tcount\n")
        for r, e, d, n in rows:
            f.write(f"{r}\t{e}\t{d}\t{n}\n")


def maps_from_tsv(raw: bytes) -> dict[str, dict[str, tuple[str, ...]]]:
    links: dict[str, list[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        r, e, *_ = line.split("\t")
        links.setdefault(r, []).append(e)
    return {"links": {k: tuple(v) for k, v in links.items()}, "renders": {}, "phrases": {}}


def load_mined() -> tuple[str, dict[str, dict[str, tuple[str, ...]]]] | None:
    """("mined:<hash>", maps) of the shipped lexicon, or None when it is not installed."""
    try:
        raw = resources.files("mtqa.data").joinpath("lexicon").joinpath(SHIPPED).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    digest = hashlib.sha1(raw).hexdigest()[:8]
    return f"mined:{digest}", maps_from_tsv(raw)
