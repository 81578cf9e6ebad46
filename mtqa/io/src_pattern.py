"""Where an article's source file is, by a naming pattern such as '{stem}.ru.txt'."""

from __future__ import annotations

import re
from pathlib import Path

from mtqa.errors import InputError

# A trailing language suffix of a stem: article.en -> article (2-3 lowercase letters).
_LANG_SUFFIX = re.compile(r"\.[a-z]{2,3}$")


def stem_of(name: str) -> str:
    """The file name without its last suffix and without a trailing 2-3 letter language suffix."""
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return _LANG_SUFFIX.sub("", stem) or stem


def source_path(mt_path: Path, pattern: str) -> Path:
    """The source file of ``mt_path`` by ``pattern``, relative to the translation's folder.

    ``{stem}`` is the file name without its last suffix and without a trailing language suffix
    (article.en.txt -> article); ``{name}`` is the whole file name. Raises InputError for a pattern
    that names neither or has other fields, or that gives the translation itself.
    """
    if "{stem}" not in pattern and "{name}" not in pattern:
        raise InputError(f"--src-pattern {pattern!r} must contain {{stem}} or {{name}}")
    try:
        relative = pattern.format(stem=stem_of(mt_path.name), name=mt_path.name)
    except (KeyError, IndexError, ValueError):
        raise InputError(
            f"--src-pattern {pattern!r}: only {{stem}} and {{name}} can be filled in"
        ) from None
    src = mt_path.parent / relative
    if src.name == mt_path.name and src.parent == mt_path.parent:
        raise InputError(f"--src-pattern {pattern!r} gives {mt_path.name} its own source")
    return src
