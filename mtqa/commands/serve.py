"""`mtqa serve`: an HTTP service for publishing pipelines (FastAPI + uvicorn, the serve extra)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from mtqa.commands.options import (
    CalibrationOpt,
    ChecksOpt,
    DeviceOpt,
    ModelOpt,
    SrcLangOpt,
    TgtLangOpt,
    ThreadsOpt,
    apply_threads,
    fail,
    parse_checks,
    require_cache_folder,
    require_supported,
    user_errors,
)
from mtqa.deps import install_hint
from mtqa.types import SEVERITIES

TOKEN_ENV = "MTQA_TOKEN"
MAX_HEADER_BYTES = 16 * 1024


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=0, max=65535)
    ] = 8000,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
    checks: ChecksOpt = None,
    calibration: CalibrationOpt = None,
    model: ModelOpt = None,
    device: DeviceOpt = "auto",
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
    max_connections: Annotated[
        int,
        typer.Option(
            "--max-connections",
            help="Open connections and requests in flight at once; more get uvicorn's plain 503.",
            min=1,
        ),
    ] = 256,
    read_timeout: Annotated[
        float,
        typer.Option(
            "--read-timeout",
            help="Seconds a client may take to send a request's headers (the connection is "
            "closed after) or stall between body chunks (408 after).",
            min=0.001,
        ),
    ] = 10.0,
    keep_alive: Annotated[
        int,
        typer.Option(
            "--keep-alive", help="Seconds an idle keep-alive connection stays open.", min=1
        ),
    ] = 5,
    threads: ThreadsOpt = None,
) -> None:
    """Serve POST /v1/check and GET /v1/health over HTTP; models load once, at start.

    The answer to /v1/check is the `check --format json` document plus "pass" against the gate.
    """
    if fail_on is not None and fail_on.lower() not in SEVERITIES:
        raise fail(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    # `--token "$TOKEN"` with TOKEN unset must not start a service open to anyone.
    if token is not None and not token.strip():
        raise fail(
            "--token is empty (is the variable it was given from set?); omit it to serve without one"
        )
    if token is None and TOKEN_ENV in os.environ and not os.environ[TOKEN_ENV].strip():
        raise fail(f"{TOKEN_ENV} is set but empty; unset it to serve without a token")
    if not (token or os.environ.get(TOKEN_ENV)) and not _loopback(host):
        typer.echo(
            f"mtqa: warning: serving on {host} without --token: anyone who can reach this "
            f"machine can use the service (set --token or ${TOKEN_ENV})",
            err=True,
        )
    try:
        import uvicorn

        from mtqa.serve.app import create_app
        from mtqa.serve.protocol import head_timeout_protocol
    except ImportError as e:
        raise fail(
            f"mtqa serve needs the serve extra ({e.name} is missing): {install_hint('serve')}"
        ) from None
    from mtqa.gate import Gate
    from mtqa.serve.service import CheckService, Limits

    with user_errors():
        require_cache_folder()
        apply_threads(threads)
        from mtqa.calibration import load_calibration
        from mtqa.checks import Check, Languages
        from mtqa.pipeline import Checker
        from mtqa.types import Segment

        names = parse_checks(checks)
        langs = Languages(src=src_lang, tgt=tgt_lang)
        require_supported(names, langs)
        check_listen(host, port)  # before any model loads: a port in use fails at once
        extra: list[Check] = []
        if model:
            from mtqa.checks.neural import model_checks

            # Requests may carry a source, so the model's source-side checks are built too.
            may_have_src = [Segment(index=0, id="request", mt="-", src="-")]
            names, extra = model_checks(model, device, langs, may_have_src, names)
        checker = Checker(
            checks=names,
            langs=langs,
            calibration=load_calibration(calibration) if calibration else None,
            extra=extra,
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
    app = create_app(
        service,
        gate=gate,
        token=token or os.environ.get(TOKEN_ENV) or None,
        body_timeout_s=read_timeout,
    )
    typer.echo(
        f"mtqa: serving {src_lang}->{tgt_lang} on http://{host}:{port} (checks: {checker.signature})",
        err=True,
    )
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            timeout_keep_alive=keep_alive,
            limit_concurrency=max_connections,
            # request line plus headers: h11 refuses more (431/400) before the app sees them
            h11_max_incomplete_event_size=MAX_HEADER_BYTES,
            http=head_timeout_protocol(read_timeout),
        )
    finally:
        service.close()


def check_listen(host: str, port: int) -> None:
    """Raise MtqaError, in one line, when ``host``:``port`` cannot be listened on (in use, not an
    address of this machine, not a host name); bound as uvicorn binds it, then let go."""
    import socket

    from mtqa.errors import MtqaError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as e:
            reason = (e.strerror or str(e)).lower()
            raise MtqaError(f"cannot listen on {host}:{port}: {reason}") from None


def _loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (127.x, ::1, localhost)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: may resolve to any interface
