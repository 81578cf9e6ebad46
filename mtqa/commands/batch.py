"""`mtqa batch`: check feeds, web pages and archives into one resumable JSONL results file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from mtqa.commands.options import (
    CalibrationOpt,
    ChecksOpt,
    ColorOpt,
    SrcLangOpt,
    TgtLangOpt,
    ThreadsOpt,
    apply_threads,
    fail,
    user_errors,
)


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Feeds, article pages, files, directories, globs or archives (.gz .zip .tar* "
            ".warc .jsonl .csv .tsv); http(s) URLs for feeds and articles.",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Results (JSONL). Rerunning with the same file resumes.", dir_okay=False
        ),
    ],
    workers: Annotated[
        int, typer.Option("--workers", "-j", help="Worker processes (each loads the checks once).", min=1)
    ] = 1,
    engine: Annotated[
        str, typer.Option("--engine", help="local (processes on this machine) or ray.")
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster address (with --engine ray; default: start a local Ray)."),
    ] = None,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    checks: ChecksOpt = None,
    calibration: CalibrationOpt = None,
    text_field: Annotated[
        str, typer.Option("--text-field", help="JSONL/CSV/TSV dumps: the field with the article text.")
    ] = "text",
    src_field: Annotated[
        str | None, typer.Option("--src-field", help="Dumps: the field with the source article.")
    ] = None,
    ref_field: Annotated[
        str | None, typer.Option("--ref-field", help="Dumps: the field with a reference translation.")
    ] = None,
    src_tree: Annotated[
        str | None,
        typer.Option("--src-tree", help="Directory of source articles matched by relative path."),
    ] = None,
    ref_tree: Annotated[
        str | None,
        typer.Option("--ref-tree", help="Directory of reference translations matched by relative path."),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the run report (JSON) here.", dir_okay=False)
    ] = None,
    report_html: Annotated[
        Path | None,
        typer.Option("--report-html", help="Write an HTML report of the results into this directory.", file_okay=False),
    ] = None,
    fail_on_error: Annotated[
        bool, typer.Option("--fail-on-error", help="Exit 1 if any document in the results failed.")
    ] = False,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show progress on standard error.")
    ] = True,
    summary: Annotated[
        bool, typer.Option("--summary/--no-summary", help="Print the run summary on standard output.")
    ] = True,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait for a URL.", min=0.1)
    ] = 30.0,
    color: ColorOpt = None,
    threads: ThreadsOpt = None,
) -> None:
    """Check many documents into one JSONL results file: a row per sentence, a summary row per
    document (or an error row naming what could not be read or checked), then a run row.

    Rerunning with the same --out skips documents already complete and finishes the rest.
    Exit status: 0 when done; 1 with --fail-on-error when any document failed; 2 for bad
    input or options; 130 when interrupted (rerun to finish).
    """
    from mtqa.batch import BatchConfig, CheckerSpec, run_batch
    from mtqa.io.sources import SourceOptions

    if engine not in ("local", "ray"):
        raise fail(f"unknown engine {engine!r} (choose from local, ray)")
    if address and engine != "ray":
        raise fail("--address goes with --engine ray")
    for tree, flag in ((src_tree, "--src-tree"), (ref_tree, "--ref-tree")):
        if tree is not None and not Path(tree).is_dir():
            raise fail(f"{flag} {tree}: not a directory")
    names = tuple(c.strip() for c in checks.split(",") if c.strip()) if checks else None
    cfg = BatchConfig(
        inputs=tuple(inputs),
        out=out,
        spec=CheckerSpec(
            checks=names,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            calibration=str(calibration) if calibration else None,
        ),
        sources=SourceOptions(
            text_field=text_field,
            src_field=src_field,
            ref_field=ref_field,
            src_tree=src_tree,
            ref_tree=ref_tree,
            timeout_s=timeout,
        ),
        workers=workers,
        engine=engine,
        address=address,
        progress=progress,
    )
    with user_errors():
        apply_threads(threads, workers)
        if names:
            from mtqa.checks import check_class

            for name in names:
                check_class(name)
        result = run_batch(cfg)
        data = result.report.to_dict(result.run)
        if report is not None:
            try:
                report.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            except OSError as e:
                raise fail(f"cannot write {report}: {e.strerror}") from None
        if report_html is not None:
            _write_html(out, report_html)
    if summary:
        from mtqa.batch.summary import write_terminal

        write_terminal(data, sys.stdout, color=color)
    if fail_on_error and result.report.failed:
        typer.echo(f"mtqa: {result.report.failed:,} document(s) failed; see the error rows in {out}", err=True)
        raise typer.Exit(1)


def _write_html(results: Path, out_dir: Path) -> None:
    try:
        from mtqa.report.html import write_html_dir  # type: ignore[attr-defined]
    except ImportError:
        raise fail("--report-html is not available in this version of mtqa") from None
    from mtqa.batch.results import read_documents

    write_html_dir(read_documents(results), out_dir)
