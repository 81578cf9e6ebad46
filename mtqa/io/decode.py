"""Turning bytes from a file or stdin into text, with one-line errors for what can go wrong."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from typing import IO

from mtqa.errors import InputError

DEFAULT_MAX_LINE_CHARS = 100_000
DEFAULT_MAX_DOC_BYTES = 50_000_000  # one input file or archive member, decompressed
READ_CHUNK = 1 << 16
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> bool:
    """Whether ``data`` (which holds NUL bytes) reads as UTF-16 text without a byte order mark:
    it decodes in one byte order to (nearly) all printable characters. An executable or an image
    has NULs too, but decodes to control characters and unassigned code points."""
    head = data[:4096]
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        text = head.decode(encoding, errors="replace")
        printable = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
        if printable >= 0.95 * len(text):
            return True
    return False


def reject_lone_surrogates(text: str, name: str) -> None:
    """Raise InputError if ``text`` holds a lone surrogate (e.g. JSON "\\ud800"): not Unicode text."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        line = text.count("\n", 0, e.start) + 1
        raise InputError(
            f"{name}: line {line}: lone surrogate U+{ord(text[e.start]):04X} (broken Unicode escape)"
        ) from None


def open_regular(path: str) -> IO[bytes]:
    """Open ``path`` for reading if it is a regular file (after symlinks); never blocks on a FIFO.

    Raises InputError naming what it is otherwise (directory, FIFO, device, socket)."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(
                f"{path}: {_kind(mode)}, not a regular file; mtqa reads regular files only"
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is not a file"


def read_capped(f: IO[bytes], max_bytes: int, name: str) -> bytes:
    """At most ``max_bytes`` from ``f``, read in chunks; raises InputError (without reading the
    rest) when there is more. Memory stays within the cap whatever the stream holds."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = f.read(min(READ_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{name}: larger than {max_bytes:,} bytes (--max-doc-bytes); not read")


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> bytes:
    """Bytes of a regular file, or of standard input for '-', up to ``max_bytes``."""
    if path == "-":
        return read_capped(sys.stdin.buffer, max_bytes, "<stdin>")
    try:
        with open_regular(path) as f:
            return read_capped(f, max_bytes, path)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def decode(data: bytes, name: str, max_line_chars: int = DEFAULT_MAX_LINE_CHARS) -> str:
    """Text of ``data``: UTF-8 (a BOM is dropped), or UTF-16/32 when it starts with their byte
    order mark; line endings normalised to \\n.

    Raises InputError for binary data, undecodable bytes (naming line and column), lone
    surrogates, empty input, and lines longer than ``max_line_chars``.
    """
    utf = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if utf is not None:
        try:
            text = data.decode(utf)
        except UnicodeDecodeError as e:
            raise InputError(
                f"{name}: not valid {utf.upper()} at byte {e.start + 1}; convert it to UTF-8"
            ) from None
        reject_lone_surrogates(text, name)
        if "\x00" in text:
            raise InputError(f"{name}: binary data (NUL characters), not text")
    else:
        if b"\x00" in data:
            hint = (
                "; it looks like UTF-16 without a byte order mark: convert it to UTF-8"
                if _looks_utf16(data)
                else ""
            )
            raise InputError(f"{name}: binary data (NUL bytes), not text{hint}")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
            bad = data[e.start : e.start + 1].hex()
            raise InputError(
                f"{name}: not valid UTF-8 at line {line}, byte {col} (0x{bad}); convert it to UTF-8"
                + _legacy_cyrillic_hint(data, name)
            ) from None
    text = strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(f"{name}: input is empty")
    check_line_lengths(text, name, max_line_chars)
    return text


def _legacy_cyrillic_hint(data: bytes, name: str) -> str:
    """How to convert ``data`` when it reads as Russian in Windows-1251 or KOI8-R, else "".

    Both put Cyrillic letters in bytes 0xC0-0xFF, lower case in the upper half for Windows-1251
    and in the lower half for KOI8-R; running text is mostly lower case, which tells them apart.
    """
    high = [b for b in data[:65536] if b >= 0x80]
    letters = [b for b in high if b >= 0xC0]
    if len(letters) < 8 or len(letters) < 0.9 * len(high):
        return ""
    upper_half = sum(b >= 0xE0 for b in letters) / len(letters)
    encoding = "cp1251" if upper_half > 0.6 else "koi8-r" if upper_half < 0.4 else None
    if encoding is None:
        return ""
    source = "FILE" if name.startswith("<") else name  # <stdin>
    return (
        f" (it reads as Russian in {encoding.upper()}: iconv -f {encoding} -t utf-8 {source} > "
        "NEW_FILE)"
    )


# Invisible characters web copy carries inside words: the soft hyphen (&shy;), the zero-width
# space, the word joiner and a byte order mark past the start. Taken out, a word is one word.
# (Zero-width joiner and non-joiner stay: other scripts need them.)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def strip_invisible(text: str) -> str:
    """``text`` without soft hyphens, zero-width spaces, word joiners and stray BOMs."""
    return text.translate(_INVISIBLE)


def check_line_lengths(text: str, name: str, max_line_chars: int) -> None:
    if len(text) <= max_line_chars:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > max_line_chars:
            raise InputError(
                f"{name}: line {number} is {len(line):,} characters long; the limit is "
                f"{max_line_chars:,} (--max-line-chars)"
            )
