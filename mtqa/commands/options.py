"""Options shared by every command that prints results, and the one error-to-exit-status path."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from mtqa.checks import REGISTRY
from mtqa.errors import MtqaError
from mtqa.report import FORMATS
from mtqa.types import Segment

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=f"Output format: {', '.join(FORMATS)} (default: the -o file's suffix, .html .json "
        ".jsonl .csv .tsv, else table).",
        case_sensitive=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write the report to this file instead of stdout.", dir_okay=False
    ),
]
SrcLangOpt = Annotated[str, typer.Option("--src-lang", help="Source language code.")]
TgtLangOpt = Annotated[str, typer.Option("--tgt-lang", help="Target language code.")]
ChecksOpt = Annotated[
    str | None,
    typer.Option(
        "--checks",
        help="Comma-separated checks or profiles: default (the offline checks and the neural qe "
        "model when torch is installed), offline (no torch). "
        f"Checks: {', '.join(REGISTRY)}.",
    ),
]
ModelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--model",
        help="Reference model (alias such as opus-mt or gpt2, hub id present locally, or a "
        "folder; {src}/{tgt} are filled in): adds the neural checks that fit it. Repeatable.",
    ),
]
DeviceOpt = Annotated[str, typer.Option("--device", help="Where --model runs: cpu, cuda or auto.")]
CalibrationOpt = Annotated[
    Path | None,
    typer.Option("--calibration", help="Weights and thresholds file (default: the shipped one)."),
]
DictionaryOpt = Annotated[
    str | None,
    typer.Option(
        "--dictionary",
        help="dictd English-Russian dictionary for the adequacy check (NAME.index path; default: "
        "$MTQA_DICTIONARY, else the system's mueller7 when installed).",
    ),
]
ColorOpt = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color", help="Colour the table report (default: when stdout is a terminal)."
    ),
]
ThreadsOpt = Annotated[
    int | None,
    typer.Option(
        "--threads",
        help="CPU threads for the QE model in each process (default: the free cores, shared "
        "between --workers).",
        min=1,
    ),
]


def apply_threads(threads: int | None, workers: int = 1) -> None:
    """--threads for the QE model; worker processes inherit it (each gets its share by default)."""
    if threads is None and workers <= 1:
        return
    from mtqa.qe.runtime import default_threads, use_threads

    use_threads(threads if threads is not None else default_threads(workers))


def fail(message: str, status: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    typer.echo(f"mtqa: error: {message}", err=True)
    return typer.Exit(status)


def parse_checks(checks: str | None) -> list[str] | None:
    """The check names of --checks (None: the default set); an empty list is an error."""
    if checks is None:
        return None
    names = [c.strip() for c in checks.split(",") if c.strip()]
    if not names:
        raise fail("--checks needs at least one check name")
    return names


# What each input a check needs is called on the command line.
_INPUT_OPTIONS = {
    "src": "the source text (--src, or a src column or field)",
    "ref": "a reference translation (--ref, or a ref column or field)",
}


def require_check_inputs(
    named: Sequence[str] | None, segments: Sequence[Segment], langs: object
) -> None:
    """Refuse checks the user named explicitly that cannot run on this input or language pair.

    A check in the default set that lacks its input simply does not run (the default works on the
    translation alone); one the user asked for by name must not silently do nothing.
    """
    from mtqa.checks import PROFILES, check_class

    for name in named or ():
        if name in PROFILES:
            continue  # a profile's checks run where they can, like the default's
        cls = check_class(name)
        for needed in cls.needs:
            if not any(s.has(needed) for s in segments):
                raise MtqaError(
                    f"check {name!r} needs {_INPUT_OPTIONS.get(needed, needed)}; none given"
                )
    require_supported(named, langs)


def require_supported(named: Sequence[str] | None, langs: object) -> None:
    """Refuse a check named explicitly that does not support the language pair; say in one
    warning line which checks of a profile (or the default) are left out for it."""
    from mtqa.checks import PROFILES, check_class, select_checks

    src, tgt = getattr(langs, "src", "?"), getattr(langs, "tgt", "?")
    for name in named or ():
        if name not in PROFILES and not check_class(name).supports(langs):  # type: ignore[arg-type]
            raise MtqaError(f"check {name!r} does not support {src}->{tgt}")
    names = select_checks(named).names
    left_out = [n for n in names if not check_class(n).supports(langs)]  # type: ignore[arg-type]
    if left_out:
        running = [n for n in names if n not in left_out]
        typer.echo(
            f"mtqa: warning: {', '.join(left_out)} do not support {src}->{tgt} and do not run "
            f"(running: {', '.join(running) or 'none'}); quality is weaker",
            err=True,
        )


def output_format(fmt: str | None, output: Path | None) -> str:
    """--format, else the format the -o file's suffix names (report.html), else table."""
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        fmt = {"htm": "html", "ndjson": "jsonl"}.get(suffix, suffix)
        if fmt not in FORMATS:
            fmt = "table"
    return check_format(fmt)


def check_format(fmt: str) -> str:
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return fmt


def require_cache_folder() -> None:
    """Raise MtqaError when mtqa's cache folder cannot be a folder (it, or a folder above it, is a
    file); a read-only folder is fine (a cache prepared in advance)."""
    from mtqa.qe.base import cache_root

    root = cache_root()
    where = "$MTQA_CACHE_DIR" if os.environ.get("MTQA_CACHE_DIR") else "the user cache folder"
    probe = root
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise MtqaError(f"cache folder {root} ({where}) cannot be used: {probe} is not a directory")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn MtqaError (and an OSError from the environment) into 'mtqa: error: …' and exit status
    2, never a traceback."""
    try:
        yield
    except MtqaError as e:
        raise fail(str(e)) from None
    except BrokenPipeError:
        raise  # output piped into `head`: click's own quiet exit
    except OSError as e:  # the environment: a full disk, a folder mtqa may not write
        where = f": {e.filename}" if e.filename else ""
        raise fail(f"{(e.strerror or str(e)).lower()}{where}") from None
    except KeyboardInterrupt:
        typer.echo("mtqa: interrupted", err=True)
        raise typer.Exit(130) from None


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """stdout, or ``path`` written whole or not at all.

    A regular file (or a new one) is written to a temporary file beside it and renamed over it
    only when the report is complete, so a failure never leaves ``path`` truncated. Anything else
    (/dev/stdout, a pipe) is written directly.
    """
    if path is None:
        yield sys.stdout
        return
    if path.exists() and not path.is_file():
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                yield f
        except OSError as e:
            raise MtqaError(f"cannot write {path}: {e.strerror}") from None
        return
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or "."
        )
    except OSError as e:
        raise MtqaError(f"cannot write {path}: {e.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as e:
        raise MtqaError(f"cannot write {path}: {e.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)
