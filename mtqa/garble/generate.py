"""The seeded generator: clean pairs in, garbled (and some clean) translations out."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from mtqa.errors import MtqaError
from mtqa.garble.families import FAMILIES
from mtqa.garble.senses import SenseSource, default_senses
from mtqa.garble.types import Garble, Pair
from mtqa.garble.words import words


@dataclass(frozen=True)
class Sample:
    """One generated row: a garbled translation, or the clean one (``garble`` is None)."""

    pair: Pair
    garble: Garble | None

    @property
    def mt(self) -> str:
        return self.garble.mt if self.garble else self.pair.mt


def resolve_families(families: Iterable[str] | None) -> tuple[str, ...]:
    names = tuple(families) if families is not None else tuple(FAMILIES)
    unknown = [f for f in names if f not in FAMILIES]
    if unknown:
        raise MtqaError(
            f"unknown garble families: {', '.join(unknown)} (known: {', '.join(FAMILIES)})"
        )
    return names


def generate(
    pairs: Iterable[Pair],
    seed: int,
    families: Sequence[str] | None = None,
    senses: SenseSource | None = None,
    clean_share: float = 0.0,
) -> Iterator[Sample]:
    """One sample per pair, in input order, the same for the same seed and inputs.

    A share ``clean_share`` of the pairs is kept clean. Every other pair gets one error, from
    the family used least so far among those that apply to it (so rare families are not
    starved); a pair no family applies to is yielded clean too (``garble`` None) - nothing is
    dropped silently.
    """
    names = resolve_families(families)
    senses = senses or default_senses()
    rng = random.Random(seed)
    used: Counter[str] = Counter()
    for pair in pairs:
        if not pair.mt.strip() or rng.random() < clean_share:
            yield Sample(pair, None)
            continue
        order = sorted(names, key=lambda f: (used[f], rng.random()))
        found = None
        for name in order:
            found = FAMILIES[name](pair, rng, senses)
            if found is not None:
                used[name] += 1
                break
        yield Sample(pair, found)


def word_tags(mt: str, garble: Garble | None) -> tuple[list[str], list[str]]:
    """MLQE-PE-style whitespace tokens of ``mt`` and an OK/BAD tag each (BAD: overlaps a span)."""
    tokens, tags = [], []
    pos = 0
    for tok in mt.split():
        start = mt.index(tok, pos)
        end = start + len(tok)
        pos = end
        bad = garble is not None and any(s.start < end and start < s.end for s in garble.spans)
        tokens.append(tok)
        tags.append("BAD" if bad else "OK")
    return tokens, tags


def to_row(sample: Sample, id: str, split: str) -> dict[str, object]:
    """A row in the shared-data schema (MLQE-PE fields plus ``family``/``clean``)."""
    g = sample.garble
    tokens, tags = word_tags(sample.mt, g)
    return {
        "id": id,
        "lang_pair": "ru-en",
        "split": split,
        "src": sample.pair.src,
        "mt": sample.mt,
        "clean": sample.pair.mt,
        "ref": None,
        "score": None,
        "mt_tok": " ".join(tokens),
        "mt_tags": " ".join(tags),
        "spans": [s.to_dict() for s in g.spans] if g else [],
        "family": g.family if g else None,
        "note": g.note if g else "",
        "source_id": sample.pair.id,
    }


def content_word_count(text: str) -> int:
    return len(words(text))
