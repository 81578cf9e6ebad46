"""Does sentence splitting survive line wrapping? (headings vs wrapped lines, issue 14.7)

    python scripts/split_wrapped.py [--file wmt21_da_ru-en_news] [--docs 150] [--widths 40,60,72,100]

Joins the reference sentences of each document of a WMT DA file (../shared/data/eval) into one
paragraph, wraps it at each width with textwrap (never inside a word or at a hyphen) and counts the
documents whose sentences differ from those of the unwrapped paragraph: a wrapped sentence must
stay one sentence, so every difference is a line taken for a heading.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtqa.text import split_sentences

EVAL = ROOT.parent / "shared" / "data" / "eval"


def documents(name: str, limit: int) -> list[str]:
    refs: dict[str, list[str]] = {}
    for part in sorted(EVAL.glob(f"{name}*.jsonl")):
        for line in part.open(encoding="utf-8"):
            row = json.loads(line)
            ref, doc = row.get("ref"), row.get("doc_id")
            if ref and doc and ref not in refs.setdefault(doc, []):
                refs[doc].append(ref)
    return [" ".join(r) for r in list(refs.values())[:limit]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default="wmt21_da_ru-en_news")
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--widths", default="40,60,72,100")
    args = ap.parse_args()
    docs = documents(args.file, args.docs)
    if not docs:
        sys.exit(f"no documents in {EVAL}/{args.file}*.jsonl")
    sentences = sum(len(split_sentences(d)) for d in docs)
    print(f"{args.file}: {len(docs)} documents, {sentences} sentences unwrapped")
    for width in (int(w) for w in args.widths.split(",")):
        wrong = []
        for text in docs:
            flat = [s for _, s in split_sentences(text)]
            wrapped = textwrap.fill(text, width, break_on_hyphens=False, break_long_words=False)
            got = [" ".join(s.split()) for _, s in split_sentences(wrapped)]
            if got != flat:
                wrong.append(next((g for g, f in zip(got, flat) if g != f), "?"))
        print(f"width {width:>3}: {len(wrong)}/{len(docs)} documents split differently")
        for example in wrong[:3]:
            print(f"    cut after: {example[:100]!r}")


if __name__ == "__main__":
    main()
