"""False alarms on clean news: flag rates of the default checks on human-translated articles.

    python scripts/clean_rates.py [--part wmt21|wmt22|all|english-dev|english-test] [--with-src] [--show N]
        [--show-major] [--checks ...]

The articles are the human references of ../shared/data/eval/wmt2[12]_da_ru-en_news*.jsonl
(professional English news translated from Russian): rows are grouped into articles by `doc_id`,
references deduplicated by `seg_id` and put in `seg_id` order, one paragraph per segment. Each
article is read the way `mtqa check article.txt` reads a plain-text article (blank-line
paragraphs split into sentences), target only; with `--with-src` the WMT sources are given as the
source article too (paragraph for paragraph), the way `mtqa check --src` reads them.

`--part english-dev` / `english-test` read original English news instead: the English sources of
../shared/data/eval/wmt22_qe_mqm_en-ru.jsonl (its dev split = tuning material, its test split = held
out), grouped into articles by `doc_id`, target only (clean text that is not a translation).

Printed per part (WMT21 = tuning material, WMT22 = held out; never tune on WMT22):
  - share of articles with a major or critical flag (what `--fail-on major` would block; the
    acceptance target of 5% is for target only),
  - share of sentences with any flag, and with a major or critical flag,
  - the same per check/category.
`--show N` prints N flagged sentences per category (use it on WMT21 only); `--show-major` prints
every major or critical flag with its article, sentence and (with `--with-src`) source sentence
(WMT21 only), to read whether each is a false alarm or the human translation's own error.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from mtqa.checks import Languages
from mtqa.io.readers import parse_article
from mtqa.pipeline import Checker
from mtqa.types import SentenceResult

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared/data/eval"
TARGETS = {"articles_major": 0.05, "sentences_any": 0.08, "sentences_any_src": 0.10}


@dataclass(frozen=True)
class Article:
    part: str
    doc_id: str
    ref: str  # paragraphs separated by blank lines
    src: str


ENGLISH_PARTS = {"english-dev": "dev", "english-test": "test"}


def english_articles(part: str) -> list[Article]:
    """Original English news: the English sources of WMT22 QE en-ru (MQM), grouped by document in
    row order; there is no Russian source for them (Russian was the translation)."""
    split = ENGLISH_PARTS[part]
    path = DATA / "wmt22_qe_mqm_en-ru.jsonl"
    if not path.is_file():
        sys.exit(f"clean_rates: {path.name} not under {DATA}")
    docs: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("split") == split and row.get("src"):
                docs[row["doc_id"]].append((int(row["id"].rsplit(".", 1)[1]), row["src"]))
    return [
        Article(part, doc_id, "\n\n".join(" ".join(t.split()) for _, t in sorted(docs[doc_id])), "")
        for doc_id in sorted(docs)
    ]


def articles(part: str) -> list[Article]:
    """Clean articles of one WMT year, in document-id order."""
    if part in ENGLISH_PARTS:
        return english_articles(part)
    docs: dict[str, dict[int, tuple[str, str]]] = defaultdict(dict)
    paths = sorted(glob.glob(str(DATA / f"{part}_da_ru-en_news.part*.jsonl")))
    if not paths:
        sys.exit(f"clean_rates: no {part} files under {DATA}")
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("ref"):
                    docs[row["doc_id"]].setdefault(int(row["seg_id"]), (row["ref"], row["src"]))
    out = []
    for doc_id in sorted(docs):
        segs = [docs[doc_id][k] for k in sorted(docs[doc_id])]
        ref = "\n\n".join(" ".join(r.split()) for r, _ in segs)
        src = "\n\n".join(" ".join(s.split()) for _, s in segs)
        out.append(Article(part, doc_id, ref, src))
    return out


def check(checker: Checker, arts: list[Article], with_src: bool) -> list[list[SentenceResult]]:
    out = []
    for a in arts:
        src = (a.doc_id + ".ru", a.src) if with_src else None
        segments = parse_article(a.ref, a.doc_id, src, None, "ru", "en")
        out.append(checker.check_segments(segments))
    return out


def _major(r: SentenceResult) -> bool:
    return any(f.severity != "minor" for f in r.flags)


def show_majors(arts: list[Article], results: list[list[SentenceResult]]) -> None:
    """Every major or critical flag, with its article, sentence and source sentence."""
    for a, art in zip(arts, results):
        for r in art:
            for f in r.flags:
                if f.severity == "minor":
                    continue
                print(f"  == {a.doc_id} {f.check}/{f.category} [{f.severity}] {f.text!r}", end="")
                print(f" -> {f.suggestion!r}: {f.message}")
                print(f"     MT : {r.segment.mt}")
                if r.segment.src:
                    print(f"     SRC: {r.segment.src}")


def report(
    name: str, results: list[list[SentenceResult]], with_src: bool, show: int
) -> dict[str, float]:
    sents = [r for art in results for r in art]
    n_art, n_sent = len(results), len(sents)
    art_major = sum(any(_major(r) for r in art) for art in results) / n_art
    sent_any = sum(bool(r.flags) for r in sents) / n_sent
    sent_major = sum(_major(r) for r in sents) / n_sent
    mode = "target+source" if with_src else "target only"
    print(f"{name} ({mode}): {n_art} articles, {n_sent} sentences")
    target_art = "" if with_src else f"  (target <= {TARGETS['articles_major']:.0%})"
    print(f"  articles with a major/critical flag {art_major:7.1%}{target_art}")
    target = TARGETS["sentences_any_src" if with_src else "sentences_any"]
    print(f"  sentences with any flag             {sent_any:7.1%}  (target <= {target:.0%})")
    print(f"  sentences with a major/critical flag {sent_major:6.1%}")
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    examples: dict[str, list[str]] = defaultdict(list)
    for art in results:
        arts_seen: set[str] = set()
        for r in art:
            for key in {f"{f.check}/{f.category}" for f in r.flags}:
                by_cat[key][0] += 1
            for key in {f"{f.check}/{f.category}" for f in r.flags if f.severity != "minor"}:
                by_cat[key][1] += 1
                arts_seen.add(key)
            for f in r.flags:
                examples[f"{f.check}/{f.category}"].append(
                    f"[{f.severity}] {f.text!r} -> {f.suggestion!r}: {f.message}\n      | {r.segment.mt}"
                )
        for key in arts_seen:
            by_cat[key][2] += 1
    print(f"  {'check/category':<28} {'sent any':>9} {'sent major':>11} {'art major':>10}")
    for key, (k_any, k_major, k_art) in sorted(by_cat.items(), key=lambda kv: -kv[1][0]):
        print(f"  {key:<28} {k_any / n_sent:9.1%} {k_major / n_sent:11.1%} {k_art / n_art:10.1%}")
    if show:
        rng = random.Random(0)
        for key, lines in sorted(examples.items()):
            print(f"--- {key}: {len(lines)} flags")
            for line in rng.sample(lines, min(show, len(lines))):
                print("   ", line)
    return {"articles_major": art_major, "sentences_any": sent_any, "sentences_major": sent_major}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["wmt21", "wmt22", "all", *ENGLISH_PARTS], default="all")
    parser.add_argument("--with-src", action="store_true", help="also give the WMT sources")
    parser.add_argument(
        "--show", type=int, default=0, help="examples per category (WMT21 or english-dev only)"
    )
    parser.add_argument(
        "--show-major", action="store_true", help="print every major flag (WMT21 only)"
    )
    parser.add_argument("--checks", default=None, help="comma-separated checks (default: mtqa's)")
    args = parser.parse_args()
    checks = args.checks.split(",") if args.checks else None
    checker = Checker(checks=checks, langs=Languages("ru", "en"))
    print(checker.signature)
    parts = ["wmt21", "wmt22"] if args.part == "all" else [args.part]
    modes = [False, True] if args.with_src else [False]
    everything: dict[bool, list[list[SentenceResult]]] = defaultdict(list)
    for part in parts:
        arts = articles(part)
        for with_src in modes:
            if with_src and part in ENGLISH_PARTS:
                print(f"{part}: original English has no Russian source; target only")
                continue
            t0 = time.perf_counter()
            results = check(checker, arts, with_src)
            everything[with_src].extend(results)
            show = args.show if part in ("wmt21", "english-dev") else 0
            report(part.upper(), results, with_src, show)
            if args.show_major and part in ("wmt21", "english-dev"):
                show_majors(arts, results)
            print(f"  ({time.perf_counter() - t0:.1f} s)")
    if len(parts) > 1:
        for with_src in modes:
            report("WMT21+WMT22", everything[with_src], with_src, 0)


if __name__ == "__main__":
    main()
