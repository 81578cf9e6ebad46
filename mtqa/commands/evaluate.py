"""`mtqa evaluate`: measure the checks against human judgements in labelled JSONL files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mtqa.commands.options import (
    CalibrationOpt,
    ChecksOpt,
    DeviceOpt,
    ModelOpt,
    OutputOpt,
    fail,
    output_stream,
    parse_checks,
    user_errors,
)

EVAL_FORMATS = ("table", "json", "markdown")

# Fields of a labelled row that hold a human judgement; a file with none of them cannot be evaluated.
HUMAN_FIELDS = ("score", "hter", "da_mean", "mt_tags", "spans", "mt_good")


def has_human_judgement(row: object) -> bool:
    return any(getattr(row, f, None) is not None for f in HUMAN_FIELDS)


def evaluate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Labelled JSONL files (the schema of the shared evaluation data).", dir_okay=False
        ),
    ],
    checks: ChecksOpt = None,
    model: ModelOpt = None,
    device: DeviceOpt = "auto",
    no_src: Annotated[
        bool, typer.Option("--no-src", help="Hide the source from the checks (a feed without it).")
    ] = False,
    no_ref: Annotated[
        bool, typer.Option("--no-ref", help="Hide the reference from the checks.")
    ] = False,
    split: Annotated[
        list[str] | None,
        typer.Option("--split", help="Only rows of this split (repeatable), e.g. dev or test20."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only the first N rows of each file.", min=1)
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample",
            help="At most N rows per dataset and split, drawn deterministically (hash of row id).",
            min=1,
        ),
    ] = None,
    resamples: Annotated[
        int,
        typer.Option("--bootstrap", help="Bootstrap resamples for 95% intervals (0: none).", min=0),
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed for sampling and bootstrap.")] = 0,
    calibration: CalibrationOpt = None,
    word_tags: Annotated[
        str,
        typer.Option(
            "--word-tags",
            help="How results become word tags: export (the word tagger's words and flags at "
            "major or worse), flags (any flag touching a token) or auto (export for tags made "
            "from post-edits, flags for tags made from MQM error annotation).",
            case_sensitive=False,
        ),
    ] = "auto",
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=f"Output format: {', '.join(EVAL_FORMATS)}.",
            case_sensitive=False,
        ),
    ] = "table",
    output: OutputOpt = None,
) -> None:
    """Measure the checks against human judgements in labelled files.

    Correlates quality and each check's scores with human scores, compares flags with human word
    tags and spans, and counts how often a good translation beats its perturbed twin.

    Exit status: 0 when the report was written, 2 for bad input or options.
    """
    fmt = fmt.lower()
    if fmt not in EVAL_FORMATS:
        raise fail(f"unknown format {fmt!r} (choose from {', '.join(EVAL_FORMATS)})")
    from mtqa.evaluate.wordtags import RULES

    word_tags = word_tags.lower()
    if word_tags not in RULES:
        raise fail(f"unknown --word-tags rule {word_tags!r} (choose from {', '.join(RULES)})")
    listed = parse_checks(checks)
    names = tuple(listed) if listed is not None else None
    with user_errors():
        from mtqa.calibration import load_calibration, shipped_calibration
        from mtqa.checks import check_class, select_checks
        from mtqa.errors import InputError
        from mtqa.evaluate.dataset import EvalRow, read_rows, subsample
        from mtqa.evaluate.render import render_evaluation
        from mtqa.evaluate.runner import Settings, evaluate_rows

        for name in select_checks(names).names if names else ():
            check_class(name)  # an unknown name is an error before any file is read
        rows: list[EvalRow] = []
        for path in files:
            file_rows = read_rows(path, splits=split)
            rows.extend(file_rows[:limit] if limit else file_rows)
        if sample is not None:
            groups: dict[tuple[str, str], list[EvalRow]] = {}
            for r in rows:
                groups.setdefault((r.dataset, r.split), []).append(r)
            rows = [r for g in groups.values() for r in subsample(g, sample, seed=seed)]
        if not rows:
            raise InputError("no rows to evaluate (check the files and --split)")
        if not any(has_human_judgement(r) for r in rows):
            raise InputError(
                f"no human judgements in the {len(rows)} rows: each row needs one of the fields "
                f"{', '.join(HUMAN_FIELDS)} (to check unlabelled text, use mtqa check)"
            )
        settings = Settings(
            checks=names,
            models=tuple(model or ()),
            device=device,
            use_src=not no_src,
            use_ref=not no_ref,
            resamples=resamples,
            seed=seed,
            word_tags=word_tags,
        )
        cal = (
            load_calibration(calibration)
            if calibration
            else shipped_calibration(select_checks(names).names)
        )
        result = evaluate_rows(rows, settings, cal)
        with output_stream(output) as out:
            render_evaluation(result, fmt, out)
