"""Renderers of an evaluation: a terminal table, JSON, and Markdown for docs."""

from __future__ import annotations

import json
import math
from typing import TextIO

from mtqa.evaluate.metrics import Estimate
from mtqa.evaluate.runner import Evaluation, GroupReport

FORMATS = ("table", "json", "markdown")
METRICS = ("pearson", "spearman", "kendall")
# How the word tags were made (``mtqa evaluate --word-tags``, mtqa.evaluate.wordtags).
WORD_RULE_LABEL = {
    "export": "word-tag export (tagger words + major flags)",
    "flags": "tokens any flag touches",
}


def _num(v: float | None, digits: int = 3) -> str:
    return "–" if v is None or math.isnan(v) else f"{v:.{digits}f}"


def _est(e: Estimate | None) -> str:
    if e is None:
        return "–"
    if math.isnan(e.low):
        return _num(e.value)
    return f"{_num(e.value)} [{_num(e.low)}, {_num(e.high)}]"


def group_title(g: GroupReport) -> str:
    split = "" if g.split == "all" else f" · {g.split}"
    return f"{g.dataset} · {g.lang_pair}{split} · inputs {g.inputs} · {g.rows} rows"


def _pair_keys(g: GroupReport) -> list[str]:
    keys: list[str] = []
    for d in g.pairs.values():
        keys = [k for k in d if k.startswith("severity:")]
        break
    return ["all", *keys]


def group_lines(g: GroupReport, markdown: bool) -> list[str]:
    """Rows of text for one group (Markdown table syntax when ``markdown``)."""
    out: list[str] = []

    def table(header: list[str], rows: list[list[str]]) -> None:
        if markdown:
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "|".join("---" for _ in header) + "|")
            out.extend("| " + " | ".join(r) + " |" for r in rows)
        else:
            widths = [max(len(x) for x in col) for col in zip(header, *rows)]
            for r in [header, *rows]:
                out.append("  " + "  ".join(x.ljust(w) for x, w in zip(r, widths)).rstrip())
        out.append("")

    if g.sentence:
        table(
            ["score", "Pearson [95% CI]", "Spearman [95% CI]", "Kendall τ-b [95% CI]"],
            [[name, *(_est(stats.get(m)) for m in METRICS)] for name, stats in g.sentence.items()],
        )
    if g.word is not None:
        w = g.word
        table(
            ["word level (OK/BAD tags)", "MCC", "F1-BAD", "F1-OK", "tokens"],
            [
                [
                    WORD_RULE_LABEL.get(g.word_rule, g.word_rule),
                    _num(w.mcc),
                    _num(w.f1_bad),
                    _num(w.f1_ok),
                    str(w.tokens),
                ]
            ],
        )
    if g.span is not None:
        s = g.span
        table(
            ["span level (characters)", "precision", "recall", "F1", "gold chars", "flagged chars"],
            [
                [
                    "flags vs human spans",
                    _num(s.precision),
                    _num(s.recall),
                    _num(s.f1),
                    str(s.gold_chars),
                    str(s.predicted_chars),
                ]
            ],
        )
    if g.pairs:
        keys = _pair_keys(g)
        table(
            ["pairwise accuracy", *(k.removeprefix("severity:") for k in keys), "pairs"],
            [
                [name, *(_num(float(d.get(k, math.nan))) for k in keys), str(d.get("n", 0))]
                for name, d in g.pairs.items()
            ],
        )
    return out


def write_table(ev: Evaluation, out: TextIO) -> None:
    for g in ev.groups:
        out.write(group_title(g) + "\n")
        out.writelines(line + "\n" for line in group_lines(g, markdown=False))
    out.writelines(f"signature {lp}: {sig}\n" for lp, sig in ev.signatures.items())


def write_markdown(ev: Evaluation, out: TextIO, heading: str = "###") -> None:
    for g in ev.groups:
        out.write(f"{heading} {group_title(g)}\n\n")
        out.writelines(line + "\n" for line in group_lines(g, markdown=True))
    out.writelines(f"Signature ({lp}): `{sig}`\n\n" for lp, sig in ev.signatures.items())


def write_json(ev: Evaluation, out: TextIO) -> None:
    json.dump(ev.to_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_evaluation(ev: Evaluation, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        write_json(ev, out)
    elif fmt == "markdown":
        write_markdown(ev, out)
    elif fmt == "table":
        write_table(ev, out)
    else:
        raise ValueError(f"unknown format {fmt!r}")
