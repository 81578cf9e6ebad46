"""Turning bytes from a file or stdin into text, with one-line errors for what can go wrong."""

from __future__ import annotations

import sys
from pathlib import Path

from mtqa.errors import InputError

DEFAULT_MAX_LINE_CHARS = 100_000


def read_bytes(path: str) -> bytes:
    """Bytes of a file, or of standard input for '-'."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        return p.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def decode(data: bytes, name: str, max_line_chars: int = DEFAULT_MAX_LINE_CHARS) -> str:
    """UTF-8 text of ``data`` (a BOM is dropped), with line endings normalised to \\n.

    Raises InputError for binary data, undecodable bytes (naming line and column), empty input,
    and lines longer than ``max_line_chars``.
    """
    if b"\x00" in data:
        raise InputError(f"{name}: binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        bad = data[e.start : e.start + 1].hex()
        raise InputError(
            f"{name}: not valid UTF-8 at line {line}, byte {col} (0x{bad}); convert it to UTF-8"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: input is empty")
    check_line_lengths(text, name, max_line_chars)
    return text


def check_line_lengths(text: str, name: str, max_line_chars: int) -> None:
    if len(text) <= max_line_chars:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > max_line_chars:
            raise InputError(
                f"{name}: line {number} is {len(line):,} characters long; the limit is "
                f"{max_line_chars:,} (--max-line-chars)"
            )
