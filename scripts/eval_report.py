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
from mtqa.evaluate.runner import QUALITY, GroupReport, Settings, evaluate_rows  # noqa: E402

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


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "eval")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "results.md")
    ap.add_argument("--sample", type=int, default=500, help="rows per dataset split (default 500)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--bootstrap", type=int, default=1000, help="resamples for quality's intervals")
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
    wall = time.perf_counter() - start

    out: list[str] = [
        "# mtqa against human judgements",
        "",
        "Generated by `scripts/eval_report.py` — do not edit by hand; every number below comes "
        "from that script. Rerun:",
        "",
        "```",
        f".venv/bin/python scripts/eval_report.py --sample {args.sample} --jobs {args.jobs} "
        f"--bootstrap {args.bootstrap}",
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
        f"{len(jobs)} jobs (dataset × inputs) on {args.jobs} worker processes: {wall:.0f} s wall "
        f"clock ({platform.python_implementation()} {platform.python_version()}, {cpu} CPUs "
        "visible, shared with other work).",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(out), encoding="utf-8")
    print(f"eval_report: wrote {args.out} in {wall:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
