"""How the source-side modules cut text into words, and which languages write which script."""

from __future__ import annotations

import regex

CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "mk", "sr", "kk"})
CJK_LANGS = frozenset({"zh", "ja", "ko", "yue"})

WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*")
POSSESSIVE = regex.compile(r"['’]s$")
