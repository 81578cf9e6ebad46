"""`mtqa calibrate`: fit how the checks combine into quality, from human-labelled JSONL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mtqa.commands.evaluate import parse_checks
from mtqa.commands.options import (
    ChecksOpt,
    fail,
    user_errors,
)


def calibrate(
    train: Annotated[
        list[Path],
        typer.Argument(
            help="Training JSONL (rows of split 'train' or without a split).", dir_okay=False
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Write the calibration file here.", dir_okay=False)
    ],
    dev: Annotated[
        list[Path] | None,
        typer.Option(
            "--dev",
            help="Dev JSONL, measured and never trained on (repeatable): rows of split 'dev'; in "
            "files without splits, a fixed quarter of the source sentences, which is never "
            "trained on even when not given here.",
            dir_okay=False,
        ),
    ] = None,
    modes: Annotated[
        str,
        typer.Option(
            "--modes",
            help="Input modes to fit, comma-separated (those the data lacks are skipped).",
        ),
    ] = "mt,mt+src,mt+ref,mt+src+ref",
    checks: ChecksOpt = None,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample", help="At most N training rows per dataset, drawn deterministically.", min=10
        ),
    ] = None,
    dev_sample: Annotated[
        int | None,
        typer.Option(
            "--dev-sample", help="At most N dev rows per dataset, drawn deterministically.", min=10
        ),
    ] = None,
    base: Annotated[
        Path | None,
        typer.Option(
            "--base",
            help="Start from this calibration file: keep its check thresholds and the modes not "
            "refitted (default: the shipped one).",
            dir_okay=False,
        ),
    ] = None,
    pairs: Annotated[
        list[Path] | None,
        typer.Option(
            "--pairs",
            help="JSONL of garbled translations with their clean twins (fields mt, clean, src; "
            "repeatable; no test splits): the flag floors and caps are chosen on them so that "
            "garbled translations score below clean ones.",
            dir_okay=False,
        ),
    ] = None,
    pair_sample: Annotated[
        int | None,
        typer.Option(
            "--pairs-sample",
            help="At most N garbled/clean pairs per dataset, drawn deterministically.",
            min=10,
        ),
    ] = None,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            help="Draws the row samples and the cross-validation folds (refits with other seeds "
            "show how stable the fit is).",
        ),
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Learn the combination of check scores and flags into quality from human DA labels.

    Official test splits (test, test20, test21, …) are never read into the fit. The same data and
    options always give the same file.
    """
    mode_list = tuple(m.strip() for m in modes.split(",") if m.strip())
    if not mode_list:
        raise fail("--modes needs at least one mode")
    names = parse_checks(checks)
    with user_errors():
        from mtqa.calibration import load_calibration
        from mtqa.errors import MtqaError
        from mtqa.evaluate.calibrate import calibrate as fit

        base_cal = load_calibration(base) if base else load_calibration()
        data = fit(
            train,
            dev or [],
            modes=mode_list,
            checks=names,
            sample=sample,
            dev_sample=dev_sample,
            base=base_cal,
            progress=None if quiet else (lambda msg: typer.echo(f"mtqa: {msg}", err=True)),
            pair_paths=pairs or (),
            pair_sample=pair_sample,
            seed=seed,
        )
        data["about"] = (
            "Check thresholds as set by the check authors; the combination into quality learned "
            "by `mtqa calibrate` from human direct assessments (see `made` for data and dev "
            "results per input mode). quality ≈ the expected raw DA score (0-100)."
        )
        try:
            out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as e:
            raise MtqaError(f"cannot write {out}: {e.strerror}") from None
        if not quiet:
            typer.echo(f"mtqa: wrote {out}", err=True)
