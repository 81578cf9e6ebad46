"""The HTTP API: ``POST /v1/check``, ``GET /v1/health``, OpenAPI at ``/openapi.json`` and ``/docs``.

Every error answers ``{"error": {"status", "code", "message"}}`` (422 adds ``details``); clients
never see a stack trace.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from typing import Any, Literal

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mtqa.errors import MtqaError
from mtqa.gate import Gate
from mtqa.io.readers import parse_article
from mtqa.pipeline import _version
from mtqa.serve.service import Busy, CheckService, WorkerFailed
from mtqa.text import normalise, paragraphs, split_sentences
from mtqa.types import Segment

log = logging.getLogger("mtqa.serve")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    408: "body_timeout",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal",
    503: "busy",
    504: "timeout",
}


class ApiError(HTTPException):
    """An error with a stable machine-readable ``code``."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


class CheckOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    src_lang: str | None = Field(
        default=None, description="Must match the server's source language."
    )
    tgt_lang: str | None = Field(
        default=None, description="Must match the server's target language."
    )
    fail_under: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Gate: fail when the document quality is below this.",
    )
    fail_on: Literal["minor", "major", "critical"] | None = Field(
        default=None, description="Gate: fail when any flag has this severity or worse."
    )


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mt: str | list[str] = Field(
        description="The translation: an article as text (blank lines between paragraphs) or a "
        "list of sentences."
    )
    src: str | list[str | None] | None = Field(
        default=None,
        description="The source, the same shape as mt (article text, or one per sentence).",
    )
    ref: str | list[str | None] | None = Field(
        default=None, description="A reference translation, the same shape as mt."
    )
    options: CheckOptions = Field(default_factory=CheckOptions)


class CheckResponse(BaseModel):
    """The `mtqa check --format json` contract plus the gate's verdict."""

    model_config = ConfigDict(populate_by_name=True)

    summary: dict[str, Any]
    sentences: list[dict[str, Any]]
    passed: bool = Field(alias="pass")
    reason: str


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, str]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "code": code, "message": _printable(message)}
    if details is not None:
        body["details"] = [{k: _printable(v) for k, v in d.items()} for d in details]
    return JSONResponse({"error": body}, status_code=status, headers=headers)


# Bytes of an over-limit body read and thrown away before the 413, so that a client which sends
# the whole body before reading (Python's urllib, curl with Connection: close) gets the answer.
DRAIN_BYTES = 64 * 1024 * 1024
# The most details a 422 lists; the rest are counted.
MAX_DETAILS = 20


def _printable(text: str) -> str:
    """``text`` with any lone surrogate escaped, so an error that quotes the input can be sent."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class BodyLimit:
    """Reads the body first, with a size cap and a per-read timeout, then hands it to the app.

    Over ``max_bytes`` (declared or streamed) the rest is read and discarded up to DRAIN_BYTES and
    the answer is 413 with ``Connection: close``; a client that stalls longer than
    ``read_timeout_s`` between body chunks gets 408. Nothing heavy runs before the body is whole.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, read_timeout_s: float = 10.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.read_timeout_s = read_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        close = {"Connection": "close"}
        declared = dict(scope.get("headers", [])).get(b"content-length")
        over = declared is not None and declared.isdigit() and int(declared) > self.max_bytes
        chunks: list[bytes] = []
        seen = 0
        more = True
        try:
            while more and seen <= DRAIN_BYTES:
                message = await asyncio.wait_for(receive(), self.read_timeout_s)
                if message["type"] != "http.request":
                    return  # the client went away
                body = message.get("body", b"")
                seen += len(body)
                more = bool(message.get("more_body", False))
                if seen > self.max_bytes:
                    over = True
                if not over:
                    chunks.append(body)
        except TimeoutError:
            await error_response(
                408,
                "body_timeout",
                f"the request body did not arrive within {self.read_timeout_s:g} s per read",
                headers=close,
            )(scope, receive, send)
            return
        if over:
            await error_response(
                413,
                "body_too_large",
                f"request body is larger than {self.max_bytes} bytes",
                headers=close,
            )(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def segments_from(req: CheckRequest, service: CheckService) -> list[Segment]:
    """The request's sentences, aligned with their sources and references."""
    langs = service.langs
    opts = req.options
    for given, served, side in (
        (opts.src_lang, langs.src, "src"),
        (opts.tgt_lang, langs.tgt, "tgt"),
    ):
        if given is not None and given != served:
            raise ApiError(
                400,
                "unsupported_language",
                f"this server checks {langs.src}->{langs.tgt}; options.{side}_lang {given!r} "
                "needs a server started with that language",
            )
    for name, value in (("mt", req.mt), ("src", req.src), ("ref", req.ref)):
        texts = [value] if isinstance(value, str) else list(value or [])
        for i, text in enumerate(texts):
            if text is not None and not _encodable(text):
                where = name if isinstance(value, str) else f"{name}[{i}]"
                raise ApiError(
                    400,
                    "bad_input",
                    f"{where} holds a lone surrogate (an unpaired \\uD800-\\uDFFF); send valid Unicode",
                )
    # Soft hyphens and zero-width spaces inside words out, as files and feeds are read.
    req = req.model_copy(update={k: _visible(getattr(req, k)) for k in ("mt", "src", "ref")})
    max_sentences = service.limits.max_sentences
    if isinstance(req.mt, str):
        for name, side_text in (("src", req.src), ("ref", req.ref)):
            if side_text is not None and not isinstance(side_text, str):
                raise ApiError(400, "bad_input", f"mt is text, so {name} must be text too")
        # Count the translation's sentences before reading and aligning the other sides.
        n_mt = sum(
            len(split_sentences(para, langs.tgt)) for _, para in paragraphs(normalise(req.mt))
        )
        if n_mt > max_sentences:
            raise too_many(n_mt, max_sentences)
        segments = parse_article(
            req.mt,
            "mt",
            ("src", req.src) if isinstance(req.src, str) else None,
            ("ref", req.ref) if isinstance(req.ref, str) else None,
            langs.src,
            langs.tgt,
        )
    else:
        if not req.mt:  # nothing to check must not pass the gate
            raise ApiError(400, "bad_input", "mt is an empty list; send at least one sentence")
        if len(req.mt) > max_sentences:
            raise too_many(len(req.mt), max_sentences)
        sides: dict[str, list[str | None]] = {}
        for name, side_list in (("src", req.src), ("ref", req.ref)):
            if side_list is None:
                continue
            if isinstance(side_list, str) or len(side_list) != len(req.mt):
                raise ApiError(
                    400,
                    "bad_input",
                    f"mt is a list of {len(req.mt)} sentences, so {name} must be a list as long",
                )
            sides[name] = side_list
        segments = []
        for i, mt in enumerate(req.mt):
            text = normalise(mt).strip()
            if not text:
                raise ApiError(400, "bad_input", f"mt[{i}] is empty")
            src, ref = (sides[k][i] if k in sides else None for k in ("src", "ref"))
            segments.append(
                Segment(
                    index=i,
                    id=str(i + 1),
                    mt=text,
                    src=normalise(src).strip() or None if src else None,
                    ref=normalise(ref).strip() or None if ref else None,
                )
            )
    if len(segments) > max_sentences:
        raise too_many(len(segments), max_sentences)
    return segments


def _visible(value: str | list[str] | list[str | None] | None) -> Any:
    from mtqa.io.decode import strip_invisible

    if isinstance(value, str):
        return strip_invisible(value)
    if isinstance(value, list):
        return [strip_invisible(v) if isinstance(v, str) else v for v in value]
    return value


def _encodable(text: str) -> bool:
    """Whether ``text`` is real Unicode (JSON lets a client send a lone surrogate such as \\ud800)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def too_many(n: int, limit: int) -> ApiError:
    return ApiError(
        413, "too_many_sentences", f"{n} sentences is more than this server's limit of {limit}"
    )


def create_app(
    service: CheckService,
    *,
    gate: Gate | None = None,
    token: str | None = None,
    body_timeout_s: float = 10.0,
) -> ASGIApp:
    """The ASGI app serving ``service``; ``token`` (if set) is required as a bearer token."""
    gate = gate or Gate()
    expected = token.encode("utf-8", "surrogateescape") if token is not None else b""
    app = FastAPI(
        title="mtqa",
        version=_version(),
        description="Machine-translation quality checks: per-sentence scores and flagged phrases.",
    )

    def authorised(request: Request) -> None:
        if token is None:
            return
        # Header bytes as sent (latin-1 round-trips them), compared as bytes: a non-ASCII token
        # on either side is simply wrong, never an error.
        raw = request.headers.get("authorization", "").encode("latin-1")
        scheme, _, given = raw.partition(b" ")
        if scheme.lower() != b"bearer" or not hmac.compare_digest(given.strip(), expected):
            raise ApiError(
                401,
                "unauthorized",
                "a valid bearer token is required (Authorization: Bearer <token>)",
                headers={"WWW-Authenticate": "Bearer"},
            )

    errors: dict[int | str, dict[str, Any]] = {
        code: {"model": ErrorResponse} for code in (400, 401, 413, 415, 422, 503, 504)
    }

    @app.post(
        "/v1/check",
        response_model=CheckResponse,
        responses=errors,
        dependencies=[Depends(authorised)],
    )
    async def check(req: CheckRequest) -> JSONResponse:
        """Check a translation; the answer is the `mtqa check` JSON plus the gate's verdict."""
        deadline = time.monotonic() + service.limits.timeout_s
        # Splitting and aligning an article is linear but not free: off the event loop.
        segments = await asyncio.to_thread(segments_from, req, service)
        try:
            doc = await service.check(segments, deadline)
        except Busy:
            raise ApiError(
                503, "busy", "too many requests are waiting; retry later", {"Retry-After": "1"}
            ) from None
        except TimeoutError:
            raise ApiError(
                504, "timeout", f"the check took longer than {service.limits.timeout_s:g} s"
            ) from None
        except WorkerFailed as e:
            log.error("check worker failed: %s", e)
            raise ApiError(500, "internal", "internal server error") from None
        opts = req.options
        request_gate = Gate(
            fail_under=gate.fail_under if opts.fail_under is None else opts.fail_under,
            fail_on=gate.fail_on if opts.fail_on is None else opts.fail_on,
        )
        verdict = request_gate.judge(doc)
        return JSONResponse({**doc.to_dict(), "pass": verdict.passed, "reason": verdict.reason})

    @app.get("/v1/health")
    async def health() -> dict[str, Any]:
        """Liveness and what this server checks with; ``status`` is "degraded" while the worker
        is stuck past the timeout (it is being replaced) or dead."""
        worker = service.worker_state()
        return {
            "status": "ok" if worker["state"] in ("idle", "busy") else "degraded",
            "worker": worker,
            "version": _version(),
            "signature": service.checker.signature,
            "languages": {"src": service.langs.src, "tgt": service.langs.tgt},
            "pending": service.pending,
            "checked": service.checked,
        }

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = getattr(exc, "code", None) or CODES.get(exc.status_code, "error")
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            code = "bad_json"  # FastAPI's own answer to a body it cannot decode
        headers = dict(exc.headers) if exc.headers else None
        return error_response(exc.status_code, code, str(exc.detail), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        content_type = request.headers.get("content-type", "")
        if request.method == "POST" and "json" not in content_type.lower():
            return error_response(
                415,
                "unsupported_media_type",
                "send the request body as JSON with Content-Type: application/json",
            )
        problems = exc.errors()
        if any(p.get("type") == "json_invalid" for p in problems):
            return error_response(400, "bad_json", "the request body is not valid JSON")
        empty = [p for p in problems if p.get("type") == "missing" and p.get("loc") == ("body",)]
        if empty:
            return error_response(400, "bad_json", "the request body is empty; send a JSON object")
        details = [
            {"loc": ".".join(str(part) for part in p.get("loc", ())), "message": str(p.get("msg"))}
            for p in problems
        ]
        first = details[0] if details else {"loc": "body", "message": "invalid"}
        message = f"{first['loc']}: {first['message']}"
        if len(details) > MAX_DETAILS:
            message += f" ({len(details)} problems; details lists the first {MAX_DETAILS})"
        return error_response(422, "invalid_request", message, details=details[:MAX_DETAILS])

    @app.exception_handler(MtqaError)
    async def bad_input(request: Request, exc: MtqaError) -> JSONResponse:
        return error_response(400, "bad_input", str(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(500, "internal", "internal server error")

    return BodyLimit(app, service.limits.max_body_bytes, body_timeout_s)
