"""Write mtqa's word tags (OK/BAD per MT token) for a shared-task scorer.

    python scripts/export_word_tags.py rows.jsonl -o tags.txt                 # default checks
    python scripts/export_word_tags.py rows.jsonl --no-src --format jsonl -o tags.jsonl
    python scripts/export_word_tags.py rows.jsonl --rule flags -o tags.txt    # the old mapping

``rows.jsonl`` has the schema of ``mtqa evaluate`` (``mt``, optional ``id``, ``src``, ``ref``,
``mt_tok``); tokens are the row's ``mt_tok`` (the official tokenisation) or, when absent, the MT
split on whitespace. ``--format tags`` writes one line per row, the row's tags separated by
spaces (the word part of the WMT QE ``.tags`` files, no gap tags); ``--format jsonl`` one object
per row with ``id``, ``mt_tok`` and ``mt_tags``. The rule is ``mtqa.evaluate.wordtags``
(``export``: the word tagger's words at its threshold and flags at major or worse). Human labels
in the file, if any, are not read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqa.evaluate.dataset import read_rows
from mtqa.evaluate.runner import Settings, score_rows
from mtqa.evaluate.wordtags import EXPORT, RULES, tag_lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--checks", default=None, help="check names, comma-separated (default set)")
    ap.add_argument("--no-src", action="store_true", help="hide the source from the checks")
    ap.add_argument("--no-ref", action="store_true", help="hide the reference from the checks")
    ap.add_argument("--rule", choices=RULES, default=EXPORT)
    ap.add_argument("--format", choices=("tags", "jsonl"), default="tags")
    ap.add_argument("-o", "--output", type=Path, default=None)
    args = ap.parse_args(argv)
    rows = read_rows(args.file)
    settings = Settings(
        checks=tuple(args.checks.split(",")) if args.checks else None,
        use_src=not args.no_src,
        use_ref=not args.no_ref,
        resamples=0,
    )
    results = {}
    for scored in score_rows(rows, settings).values():
        results.update({id(r): res for r, res in zip(scored.rows, scored.results)})
    lines = tag_lines(rows, [results[id(r)] for r in rows], args.rule, args.format)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        out.writelines(line + "\n" for line in lines)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
