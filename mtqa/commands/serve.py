"""`mtqa serve`: an HTTP service for publishing pipelines (FastAPI + uvicorn, the serve extra)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from mtqa.commands.options import (
    CalibrationOpt,
    ChecksOpt,
    SrcLangOpt,
    TgtLangOpt,
    ThreadsOpt,
    apply_threads,
    fail,
    user_errors,
)
from mtqa.types import SEVERITIES

TOKEN_ENV = "MTQA_TOKEN"


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=0, max=65535)
    ] = 8000,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    checks: ChecksOpt = None,
    calibration: CalibrationOpt = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            help='Gate: "pass" is false when document quality is below this.',
            min=0,
            max=100,
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", help='Gate: "pass" is false when any flag has this severity or worse.'
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help=f"Require this bearer token on /v1/check (default: ${TOKEN_ENV} if set).",
            show_default=False,
        ),
    ] = None,
    max_body_bytes: Annotated[
        int,
        typer.Option("--max-body-bytes", help="Largest request body accepted (413 above).", min=1),
    ] = 1_000_000,
    max_sentences: Annotated[
        int, typer.Option("--max-sentences", help="Most sentences per request (413 above).", min=1)
    ] = 500,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", help="Seconds a request may queue and run (504 after).", min=0.001
        ),
    ] = 30.0,
    max_pending: Annotated[
        int,
        typer.Option(
            "--max-pending", help="Requests queued or running at once (503 above).", min=1
        ),
    ] = 64,
    threads: ThreadsOpt = None,
) -> None:
    """Serve POST /v1/check and GET /v1/health over HTTP; models load once, at start.

    The answer to /v1/check is the `check --format json` document plus "pass" against the gate.
    """
    if fail_on is not None and fail_on.lower() not in SEVERITIES:
        raise fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    try:
        import uvicorn

        from mtqa.serve.app import create_app
    except ImportError as e:
        raise fail(
            f"mtqa serve needs the serve extra ({e.name} is missing): pip install 'mtqa[serve]'"
        ) from None
    from mtqa.gate import Gate
    from mtqa.serve.service import CheckService, Limits

    with user_errors():
        apply_threads(threads)
        from mtqa.calibration import load_calibration
        from mtqa.checks import Languages
        from mtqa.pipeline import Checker

        names = [c.strip() for c in checks.split(",") if c.strip()] if checks else None
        checker = Checker(
            checks=names,
            langs=Languages(src=src_lang, tgt=tgt_lang),
            calibration=load_calibration(calibration) if calibration else None,
        )
        limits = Limits(
            max_body_bytes=max_body_bytes,
            max_sentences=max_sentences,
            timeout_s=timeout,
            max_pending=max_pending,
        )
        service = CheckService(checker, limits)
        service.warm_up()
    gate = Gate(fail_under=fail_under, fail_on=fail_on.lower() if fail_on else None)  # type: ignore[arg-type]
    app = create_app(service, gate=gate, token=token or os.environ.get(TOKEN_ENV) or None)
    typer.echo(
        f"mtqa: serving {src_lang}->{tgt_lang} on http://{host}:{port} (checks: {checker.signature})",
        err=True,
    )
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        service.close()
