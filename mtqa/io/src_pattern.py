"""Where a translation's source file is, by a naming pattern: ``article.en.txt`` -> ``article.ru.txt``.

A pattern is a relative path with placeholders filled from the translation's file name:

- ``{name}``: the whole file name (``article.en.txt``);
- ``{stem}``: the name without its last suffix and, when the suffix before that is a language code
  (two or three letters, optionally with a region: ``en``, ``eng``, ``pt-BR``), without that too:
  ``article.en.txt`` -> ``article``, ``article.txt`` -> ``article``, ``news.2024.txt`` -> ``news.2024``;
- ``{lang}``: that language code (``en``), empty when there is none;
- ``{ext}``: the last suffix without its dot (``txt``).

The result is taken relative to the translation's directory (``'{stem}.ru.txt'``) or, with a slash,
to a subdirectory of it (``'ru/{stem}.txt'``); it never leaves it (no absolute paths, no ``..``).
"""

from __future__ import annotations

import posixpath
import re
import string
from dataclasses import dataclass

from mtqa.errors import MtqaError

PLACEHOLDERS = ("name", "stem", "lang", "ext")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?")


@dataclass(frozen=True)
class NameParts:
    name: str
    stem: str
    lang: str
    ext: str


def name_parts(name: str) -> NameParts:
    """The placeholders' values for the file name ``name`` (no directory)."""
    base, dot, ext = name.rpartition(".")
    if not dot or not base:
        return NameParts(name=name, stem=name, lang="", ext="")
    before, dot, lang = base.rpartition(".")
    if dot and before and _LANG.fullmatch(lang):
        return NameParts(name=name, stem=before, lang=lang, ext=ext)
    return NameParts(name=name, stem=base, lang="", ext=ext)


def check_pattern(pattern: str) -> str:
    """``pattern`` if usable; raises MtqaError naming what is wrong (for --src-pattern)."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as e:
        raise MtqaError(f"--src-pattern {pattern!r}: {e}") from None
    unknown = [f for f in fields if f not in PLACEHOLDERS]
    if unknown:
        raise MtqaError(
            f"--src-pattern {pattern!r}: unknown placeholder {{{unknown[0]}}} "
            f"(use {', '.join('{' + p + '}' for p in PLACEHOLDERS)})"
        )
    if not fields:
        raise MtqaError(f"--src-pattern {pattern!r}: needs a placeholder such as {{stem}}")
    if pattern.startswith("/") or ".." in pattern.split("/"):
        raise MtqaError(f"--src-pattern {pattern!r}: must be a relative path without '..'")
    return pattern


def source_path(mt_path: str, pattern: str) -> str:
    """The source's path for the translation at ``mt_path`` (a '/'-separated path, relative or
    not): the pattern filled in and joined to ``mt_path``'s directory."""
    folder, name = posixpath.split(mt_path)
    parts = name_parts(name)
    filled = pattern.format(name=parts.name, stem=parts.stem, lang=parts.lang, ext=parts.ext)
    return posixpath.join(folder, filled) if folder else filled


__all__ = ["PLACEHOLDERS", "NameParts", "check_pattern", "name_parts", "source_path"]
