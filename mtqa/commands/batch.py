"""`mtqa batch`: check feeds, web pages and archives into one resumable JSONL results file."""

from __future__ import annotations

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
    require_cache_folder,
    require_supported,
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
            "--out",
            "-o",
            help="Results (JSONL). Rerunning with the same file resumes.",
            dir_okay=False,
        ),
    ],
    workers: Annotated[
        str,
        typer.Option(
            "--workers",
            "-j",
            help="Worker processes (each loads the checks once): a number, or auto = the free "
            "cores (usable cores minus the load average), at most 4.",
        ),
    ] = "auto",
    engine: Annotated[
        str, typer.Option("--engine", help="local (processes on this machine) or ray.")
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            "--address", help="Ray cluster address (with --engine ray; default: start a local Ray)."
        ),
    ] = None,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    checks: ChecksOpt = None,
    calibration: CalibrationOpt = None,
    text_field: Annotated[
        str,
        typer.Option("--text-field", help="JSONL/CSV/TSV dumps: the field with the article text."),
    ] = "text",
    src_field: Annotated[
        str | None, typer.Option("--src-field", help="Dumps: the field with the source article.")
    ] = None,
    ref_field: Annotated[
        str | None,
        typer.Option("--ref-field", help="Dumps: the field with a reference translation."),
    ] = None,
    src_tree: Annotated[
        str | None,
        typer.Option("--src-tree", help="Directory of source articles matched by relative path."),
    ] = None,
    ref_tree: Annotated[
        str | None,
        typer.Option(
            "--ref-tree", help="Directory of reference translations matched by relative path."
        ),
    ] = None,
    src_pattern: Annotated[
        str | None,
        typer.Option(
            "--src-pattern",
            help="Name of a translation's source file: '{stem}.ru.txt' finds article.ru.txt for "
            "article.en.txt ({stem}, {name}, {lang}, {ext}); looked up in --src-tree, or beside "
            "the translation without it.",
        ),
    ] = None,
    max_doc_bytes: Annotated[
        int,
        typer.Option(
            "--max-doc-bytes",
            help="Largest document (a file, archive member or dump row, decompressed) to read; "
            "a larger one is an error row.",
            min=1,
        ),
    ] = 50_000_000,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write the run report (JSON) here.", dir_okay=False),
    ] = None,
    report_html: Annotated[
        Path | None,
        typer.Option(
            "--report-html",
            help="Write an HTML report of the results into this directory.",
            file_okay=False,
        ),
    ] = None,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed",
            help="Check again the documents that have an error row in --out (a feed that was down).",
        ),
    ] = False,
    fail_on_error: Annotated[
        bool, typer.Option("--fail-on-error", help="Exit 1 if any document in the results failed.")
    ] = False,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show progress on standard error.")
    ] = True,
    summary: Annotated[
        bool,
        typer.Option("--summary/--no-summary", help="Print the run summary on standard output."),
    ] = True,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", help="Seconds a URL may take in all (connect, redirects, body).", min=0.1
        ),
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
    from mtqa.batch.cores import free_cores, parse_workers
    from mtqa.io.sources import SourceOptions

    try:
        n_workers = parse_workers(workers)
    except ValueError:
        raise fail(f"--workers {workers}: give a whole number >= 1 or auto") from None
    if workers.strip().lower() != "auto" and n_workers > 1 and n_workers > free_cores():
        typer.echo(
            f"mtqa: warning: --workers {n_workers} but only {free_cores()} core(s) are free; "
            "extra workers compete for them and can make the batch slower",
            err=True,
        )
    if engine not in ("local", "ray"):
        raise fail(f"unknown engine {engine!r} (choose from local, ray)")
    if address and engine != "ray":
        raise fail("--address goes with --engine ray")
    for tree, flag in ((src_tree, "--src-tree"), (ref_tree, "--ref-tree")):
        if tree is not None and not Path(tree).is_dir():
            raise fail(f"{flag} {tree}: not a directory")
    if src_pattern is not None:
        from mtqa.io.src_pattern import check_pattern

        with user_errors():
            check_pattern(src_pattern)
    names = tuple(c.strip() for c in checks.split(",") if c.strip()) if checks else None
    with user_errors():
        from mtqa.checks import Languages

        require_cache_folder()
        require_supported(names, Languages(src=src_lang, tgt=tgt_lang))
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
            src_pattern=src_pattern,
            timeout_s=timeout,
            max_doc_bytes=max_doc_bytes,
        ),
        workers=n_workers,
        engine=engine,
        address=address,
        progress=progress,
        retry_failed=retry_failed,
    )
    if report is not None:  # its folder made now, as --out's is: not found after the batch
        try:
            report.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise fail(f"cannot write {report}: {(e.strerror or str(e)).lower()}") from None
    with user_errors():
        apply_threads(threads, n_workers)
        if names:
            from mtqa.checks import PROFILES, check_class

            for name in names:
                if name not in PROFILES:  # a profile (offline, default) names checks itself
                    check_class(name)
        from mtqa.report.jsonl import json_text

        result = run_batch(cfg)
        data = result.report.to_dict(result.run)
        if report is not None:
            try:
                report.write_text(json_text(data, indent=2) + "\n", encoding="utf-8")
            except OSError as e:
                raise fail(f"cannot write {report}: {e.strerror}") from None
        if report_html is not None:
            _write_html(out, report_html)
    if summary:
        from mtqa.batch.summary import write_terminal

        write_terminal(data, sys.stdout, color=color)
    if fail_on_error and result.report.failed:
        typer.echo(
            f"mtqa: {result.report.failed:,} document(s) failed; see the error rows in {out}",
            err=True,
        )
        raise typer.Exit(1)


def _write_html(results: Path, out_dir: Path) -> None:
    from mtqa.batch.results import ResultsReader
    from mtqa.report.html import write_html_dir

    reader = ResultsReader(results)

    def notes() -> list[str]:
        n = reader.malformed_lines
        return [f"{n:,} line(s) of {results.name} are not mtqa rows and were skipped"] if n else []

    try:
        write_html_dir(reader.documents(), out_dir, title=results.name, notes=notes)
    except OSError as e:
        raise fail(f"cannot write the HTML report in {out_dir}: {e.strerror}") from None
    for note in notes():
        typer.echo(f"mtqa: warning: --report-html: {note}", err=True)
