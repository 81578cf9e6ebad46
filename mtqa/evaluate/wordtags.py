"""Word tags for the shared-task scorers: OK/BAD per MT token from one sentence's result.

The flags a user sees are chosen for precision on clean news: the calibration hides the neural
model's less confident words (its confidence floor) and minor flags say "worth a look", not "a
post-editor would change this word". Word-level scorers (MLQE-PE / WMT QE word tags, MCC) want
the other trade-off, so the export has its own rule (``EXPORT``, the default of ``mtqa
evaluate``):

- a token is BAD when a word tagger tags it at its own word-level threshold
  (``SentenceResult.word_tags``: the ``qe`` check's words, punctuation included, at the model's
  threshold, which is its best word MCC on ru-en dev), or when a reported flag of severity
  ``major`` or worse touches it;
- minor flags of the other checks do not make tokens BAD: on ru-en dev the tokens under them
  were BAD in the gold tags no more often than tokens in general (docs/evaluation.md).

``FLAGS`` is the earlier mapping (any reported flag touching a token). ``AUTO``, the default of
``mtqa evaluate``, follows the convention of the gold tags: ``EXPORT`` for tags made from
post-edits (rows with an HTER: MLQE-PE / WMT20-21 QE, the convention the ``qe`` model's word head
was trained on, where about a fifth of the tokens are BAD), ``FLAGS`` for tags made from expert
error annotation (MQM: WMT22/23 QE, where 2-8% are BAD and only errors an annotator marked
count). All rules leave sentence ``quality`` and the reported flags as they are.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from mtqa.evaluate.dataset import EvalRow
from mtqa.evaluate.metrics import tags_from_spans, token_offsets
from mtqa.types import SEVERITY_RANK, SentenceResult

EXPORT = "export"
FLAGS = "flags"
AUTO = "auto"
RULES = (AUTO, EXPORT, FLAGS)
# Reported flags at or above this severity make their tokens BAD in the export.
MIN_SEVERITY = "major"


def resolve(rule: str, rows: Sequence[EvalRow]) -> str:
    """The rule ``AUTO`` stands for on ``rows``: ``EXPORT`` when every row's tags come from a
    post-edit (it has an HTER), else ``FLAGS``; any other rule is itself."""
    if rule != AUTO:
        return rule
    return EXPORT if rows and all(r.hter is not None for r in rows) else FLAGS


def bad_spans(result: SentenceResult, rule: str = EXPORT) -> list[tuple[int, int]]:
    """The character spans of ``result.segment.mt`` whose tokens the ``rule`` tags BAD (``AUTO``
    needs the rows: :func:`resolve` it first)."""
    if rule == FLAGS:
        return [(f.start, f.end) for f in result.flags]
    if rule != EXPORT:
        raise ValueError(f"unknown word-tag rule {rule!r} (known: {', '.join(RULES)})")
    floor = SEVERITY_RANK[MIN_SEVERITY]
    spans = [(w.start, w.end) for w in result.word_tags]
    spans.extend((f.start, f.end) for f in result.flags if SEVERITY_RANK[f.severity] >= floor)
    return spans


def word_tags(result: SentenceResult, tokens: Sequence[str], rule: str = EXPORT) -> list[bool]:
    """True (BAD) or False (OK) for each of ``tokens``, the scorer's own tokenisation of the
    sentence's MT; a token that cannot be located in the MT is OK."""
    offsets = token_offsets(result.segment.mt, tokens)
    return tags_from_spans(offsets, bad_spans(result, rule))


def row_tokens(row: EvalRow) -> tuple[str, ...]:
    """The scorer's tokens of a row: its official ``mt_tok``, else the MT split on whitespace."""
    return row.mt_tok if row.mt_tok is not None else tuple(row.mt.split())


def tag_lines(
    rows: Sequence[EvalRow],
    results: Sequence[SentenceResult],
    rule: str = EXPORT,
    fmt: str = "tags",
) -> list[str]:
    """One line per row: ``tags`` gives its OK/BAD tags separated by spaces (the word part of the
    WMT QE ``.tags`` files), ``jsonl`` an object with ``id``, ``mt_tok`` and ``mt_tags``."""
    if fmt not in ("tags", "jsonl"):
        raise ValueError(f"unknown word-tag format {fmt!r} (known: tags, jsonl)")
    rule = resolve(rule, rows)
    lines = []
    for row, res in zip(rows, results, strict=True):
        tokens = row_tokens(row)
        tags = ["BAD" if bad else "OK" for bad in word_tags(res, tokens, rule)]
        if fmt == "tags":
            lines.append(" ".join(tags))
        else:
            obj = {"id": row.id, "mt_tok": " ".join(tokens), "mt_tags": " ".join(tags)}
            lines.append(json.dumps(obj, ensure_ascii=False))
    return lines
