"""`mtqa check`: score a translated article or sentence list, report, and optionally gate."""

from __future__ import annotations

from typing import Annotated

import typer

from mtqa.commands.options import (
    CalibrationOpt,
    ChecksOpt,
    ColorOpt,
    FormatOpt,
    OutputOpt,
    SrcLangOpt,
    TgtLangOpt,
    ThreadsOpt,
    apply_threads,
    check_format,
    fail,
    output_stream,
    user_errors,
)
from mtqa.gate import Gate
from mtqa.io.decode import DEFAULT_MAX_LINE_CHARS
from mtqa.io.readers import FORMATS as INPUT_FORMATS
from mtqa.io.readers import ReadOptions, read_segments
from mtqa.report import render
from mtqa.types import SEVERITIES


def check(
    path: Annotated[str, typer.Argument(help="Translated text: a file, or - for standard input.")],
    lines: Annotated[
        bool, typer.Option("--lines", help="One sentence per line (no sentence splitting).")
    ] = False,
    input_format: Annotated[
        str,
        typer.Option(
            "--input-format",
            help=f"Input format: {', '.join(INPUT_FORMATS)} (auto: by extension; .tsv .csv .jsonl, "
            "else a plain-text article).",
        ),
    ] = "auto",
    src: Annotated[
        str | None, typer.Option("--src", help="Source text aligned with the input (lines or paragraphs).")
    ] = None,
    ref: Annotated[
        str | None, typer.Option("--ref", help="Reference translation aligned with the input.")
    ] = None,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    checks: ChecksOpt = None,
    calibration: CalibrationOpt = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            help="Gate: exit 1 when the document quality (0-100) is below this value.",
            min=0,
            max=100,
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Gate: exit 1 when any flag has this severity or worse (minor, major, critical).",
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    color: ColorOpt = None,
    max_line_chars: Annotated[
        int, typer.Option("--max-line-chars", help="Reject input lines longer than this.", min=1)
    ] = DEFAULT_MAX_LINE_CHARS,
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            help="Reference model (alias such as opus-mt or gpt2, hub id present locally, or a "
            "folder; {src}/{tgt} are filled in): adds the neural checks that fit it. Repeatable.",
        ),
    ] = None,
    device: Annotated[
        str, typer.Option("--device", help="Where --model runs: cpu, cuda or auto.")
    ] = "auto",
    threads: ThreadsOpt = None,
) -> None:
    """Score each sentence of a machine translation and flag garbled phrases.

    Exit status: 0 when the report was written and the gate (if any) passed; 1 when the gate
    failed (--fail-under, --fail-on); 2 for bad input or options.
    """
    fmt = check_format(fmt)
    if fail_on is not None and fail_on.lower() not in SEVERITIES:
        raise fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    gate = Gate(fail_under=fail_under, fail_on=fail_on.lower() if fail_on else None)  # type: ignore[arg-type]
    with user_errors():
        apply_threads(threads)
        from mtqa.calibration import load_calibration
        from mtqa.checks import Check, Languages
        from mtqa.pipeline import Checker

        opts = ReadOptions(
            fmt="lines" if lines else input_format.lower(),
            src_path=src,
            ref_path=ref,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            max_line_chars=max_line_chars,
        )
        segments = read_segments(path, opts)
        names = [c.strip() for c in checks.split(",") if c.strip()] if checks else None
        langs = Languages(src=src_lang, tgt=tgt_lang)
        extra: list[Check] = []
        if model:
            from mtqa.checks.neural import model_checks

            names, extra = model_checks(model, device, langs, segments, names)
        checker = Checker(
            checks=names,
            langs=langs,
            calibration=load_calibration(calibration) if calibration else None,
            extra=extra,
        )
        doc = checker.check_document(segments)
        with output_stream(output) as out:
            render(doc, fmt, out, color=color)
    verdict = gate.judge(doc)
    if not verdict.passed:
        typer.echo(f"mtqa: gate failed: {verdict.reason}", err=True)
        raise typer.Exit(1)
