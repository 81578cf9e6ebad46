"""`mtqa check`: score a translated article or sentence list, report, and optionally gate."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from mtqa.commands.options import (
    CalibrationOpt,
    ChecksOpt,
    ColorOpt,
    DeviceOpt,
    DictionaryOpt,
    FormatOpt,
    ModelOpt,
    OutputOpt,
    SrcLangOpt,
    TgtLangOpt,
    ThreadsOpt,
    apply_threads,
    fail,
    output_format,
    output_stream,
    parse_checks,
    require_cache_folder,
    require_check_inputs,
    user_errors,
)
from mtqa.gate import Gate
from mtqa.io.decode import DEFAULT_MAX_LINE_CHARS
from mtqa.io.readers import FORMATS as INPUT_FORMATS, ReadOptions, detect_format, read_segments
from mtqa.io.src_pattern import check_pattern, source_path
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
        str | None,
        typer.Option("--src", help="Source text aligned with the input (lines or paragraphs)."),
    ] = None,
    src_pattern: Annotated[
        str | None,
        typer.Option(
            "--src-pattern",
            help="Find the source beside the input by name: {stem} is the file name without its "
            "language and last suffix, {name} the whole name (article.en.txt with "
            "'{stem}.ru.txt' -> article.ru.txt).",
        ),
    ] = None,
    ref: Annotated[
        str | None, typer.Option("--ref", help="Reference translation aligned with the input.")
    ] = None,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    checks: ChecksOpt = None,
    calibration: CalibrationOpt = None,
    dictionary: DictionaryOpt = None,
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
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    color: ColorOpt = None,
    max_line_chars: Annotated[
        int, typer.Option("--max-line-chars", help="Reject input lines longer than this.", min=1)
    ] = DEFAULT_MAX_LINE_CHARS,
    model: ModelOpt = None,
    device: DeviceOpt = "auto",
    threads: ThreadsOpt = None,
) -> None:
    """Score each sentence of a machine translation and flag garbled phrases.

    Exit status: 0 when the report was written and the gate (if any) passed; 1 when the gate
    failed (--fail-under, --fail-on); 2 for bad input or options.
    """
    fmt = output_format(fmt, output)
    if fail_on is not None and fail_on.lower() not in SEVERITIES:
        raise fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    gate = Gate(fail_under=fail_under, fail_on=fail_on.lower() if fail_on else None)  # type: ignore[arg-type]
    fmt_in = input_format.lower()
    if lines:
        fmt_in = lines_format(path, fmt_in)
    names = parse_checks(checks)
    with user_errors():
        require_cache_folder()
        apply_threads(threads)
        if dictionary is not None:
            from mtqa.lexicon.dictd import ENV_VAR, resolve

            resolve(dictionary)  # a bad path fails here, in one line
            os.environ[ENV_VAR] = dictionary
        from mtqa.calibration import load_calibration
        from mtqa.checks import Check, Languages
        from mtqa.pipeline import Checker

        if src_pattern is not None:
            src = pattern_source(path, src, src_pattern)
        opts = ReadOptions(
            fmt=fmt_in,
            src_path=src,
            ref_path=ref,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            max_line_chars=max_line_chars,
        )
        segments = read_segments(path, opts)
        langs = Languages(src=src_lang, tgt=tgt_lang)
        extra: list[Check] = []
        if model:
            from mtqa.checks.neural import model_checks

            names, extra = model_checks(model, device, langs, segments, names)
        require_check_inputs(names, segments, langs)
        checker = Checker(
            checks=names,
            langs=langs,
            calibration=load_calibration(calibration) if calibration else None,
            extra=extra,
        )
        doc = checker.check_document(segments)
        try:
            with output_stream(output) as out:
                render(doc, fmt, out, color=color)
        except BrokenPipeError:
            # The reader stopped reading ("| head"): the report is theirs to cut, the gate's
            # verdict still stands (not click's exit 1, which reads as a failed gate).
            _silence_stdout()
    verdict = gate.judge(doc)
    if not verdict.passed:
        typer.echo(f"mtqa: gate failed: {verdict.reason}", err=True)
        raise typer.Exit(1)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of a
    closed pipe raises nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


def lines_format(path: str, input_format: str) -> str:
    """--lines, unless it contradicts --input-format or the file's own format (then exit 2)."""
    if input_format not in ("auto", "lines"):
        raise fail(f"--lines contradicts --input-format {input_format}: give one of them")
    found = detect_format(path, "", "auto")
    if found != "text":
        raise fail(
            f"--lines contradicts {Path(path).name}, a {found.upper()} file by its name: drop "
            "--lines to read its columns, or give --input-format lines to read its lines as sentences"
        )
    return "lines"


def pattern_source(path: str, src: str | None, pattern: str) -> str:
    """The source file that --src-pattern names for ``path`` (which must exist)."""
    from mtqa.errors import InputError

    if src is not None:
        raise InputError("--src and --src-pattern both name the source: give one of them")
    if path == "-":
        raise InputError("--src-pattern needs a file name, not standard input")
    found = Path(source_path(path, check_pattern(pattern)))
    if found.resolve() == Path(path).resolve():
        raise InputError(f"--src-pattern {pattern!r} gives {path} as its own source")
    if not found.is_file():
        raise InputError(f"no source {found} for {path} (--src-pattern {pattern!r})")
    return str(found)
