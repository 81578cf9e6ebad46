"""Omitted source names (mtqa.checks.source.omission): flag rates on clean pairs, recall on garbles.

    PYTHONPATH=$PWD python scripts/omission_rates.py [--show N] [--test]

Tuning material (the default): WMT21 DA ru-en src/ref (one row per segment), MLQE-PE ru-en
train+dev src/pe and 3,000 sampled WMT21 src/mt rows (real MT, to see what fires there) for the
flag rate; name-drop garbles of the WMT21 references for recall: from each reference that gets no
flag, the rendering of one judged source name (with the capitalised words around it) is deleted
and the source kept; recall is printed overall and per kind of name.

``--test`` reads the WMT22 DA ru-en references instead (a TEST split: run it once, report it,
never tune on it): the flag rate on src/ref and recall on their name-drop garbles.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import regex

from mtqa.checks.source.names import name_candidates, source_names
from mtqa.checks.source.omission import missing_names, name_kind
from mtqa.lexicon.lookup import Lexicon, load_lexicon

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data"
WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
LEFT = regex.compile(r"(\p{Lu}[\p{L}\p{M}.]*)[ \-]$")
RIGHT = regex.compile(r"[ \-](\p{Lu}[\p{L}\p{M}'’]*)")


def lexicon() -> Lexicon:
    return load_lexicon()


def wmt(year: str, field: str) -> Iterator[tuple[str, str]]:
    """(src, field) rows of a WMT DA year: references once per segment, MT per row."""
    seen = set()
    for p in sorted(glob.glob(str(DATA / f"eval/{year}_da_ru-en_news.part*.jsonl"))):
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            k = (r["doc_id"], r["seg_id"]) if field == "ref" else r["id"]
            if k in seen or not r.get(field):
                continue
            seen.add(k)
            yield r["src"], r[field]


def mlqe() -> Iterator[tuple[str, str]]:
    paths = sorted(glob.glob(str(DATA / "train/mlqe_pe_ru-en.train.part*.jsonl")))
    for p in [*paths, str(DATA / "eval/mlqe_pe_ru-en.jsonl")]:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("split") in ("train", "dev"):
                yield r["src"], r["pe"]


def flag_rate(name: str, rows: list[tuple[str, str]], show: int) -> None:
    t = time.time()
    hits = [(s, m, f) for s, m in rows if (f := missing_names(s, m, lexicon))]
    print(
        f"{name}: {len(rows)} rows, flagged {len(hits)} = {len(hits) / len(rows):.2%}"
        f" ({time.time() - t:.0f} s)"
    )
    for src, mt, found in hits[:show]:
        where = [(x.name, mt[x.start : x.end][:30]) for x in found]
        print("   ", where, "|", src[:160], "|", mt[:160])


def drop_name(src: str, ref: str) -> tuple[str, str] | None:
    """The reference without the rendering of its first judged source name (and the capitalised
    words joined to it), and the name's kind; None when no such name is spelled in it."""
    for n in source_names(src, "ru", 4.5):
        kind = name_kind(n.text)
        if not n.required or kind is None or n.text.isascii():
            continue
        cands = name_candidates(n.text)
        spans = [m for m in WORD.finditer(ref) if m.group()[:1].isupper()]
        spans = [m for m in spans if cands.rendered_by(m.group())]
        if not spans:
            continue
        out = ref
        for m in reversed(spans):
            a, b = m.start(), m.end()
            while (left := LEFT.search(out[:a])) is not None:
                a = left.start()
            while (right := RIGHT.match(out[b:])) is not None:
                b += right.end()
            out = out[:a] + out[b:].lstrip()
        return out, kind
    return None


def recall(name: str, rows: list[tuple[str, str]]) -> None:
    per_kind: dict[str, list[int]] = {}
    for src, ref in rows:
        if missing_names(src, ref, lexicon):
            continue
        garble = drop_name(src, ref)
        if garble is None:
            continue
        counts = per_kind.setdefault(garble[1], [0, 0])
        counts[0] += 1
        counts[1] += bool(missing_names(src, garble[0], lexicon))
    total = sum(c[0] for c in per_kind.values())
    found = sum(c[1] for c in per_kind.values())
    kinds = ", ".join(f"{k} {c[1]}/{c[0]}" for k, c in sorted(per_kind.items()))
    print(f"name-drop garbles ({name}): {found}/{total} = {found / max(1, total):.1%} ({kinds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="flagged examples per set")
    parser.add_argument("--test", action="store_true", help="WMT22 (test split: once)")
    args = parser.parse_args()
    if args.test:
        refs = list(wmt("wmt22", "ref"))
        flag_rate("WMT22 src/ref", refs, 0)
        recall("WMT22 refs", refs)
        return
    refs = list(wmt("wmt21", "ref"))
    mt_rows = list(wmt("wmt21", "mt"))
    random.Random(1).shuffle(mt_rows)
    flag_rate("WMT21 src/ref", refs, args.show)
    flag_rate("MLQE-PE train+dev src/pe", list(mlqe()), args.show)
    flag_rate("WMT21 src/mt (3,000 sampled)", mt_rows[:3000], args.show)
    recall("WMT21 refs", refs)


if __name__ == "__main__":
    main()
