"""Mapping sub-word tokens back to character spans of the original text, and grouping them by word.

Tokenizers normalise text (NFKC turns "…" into "...", unknown characters become ``<unk>``), so a
token's surface cannot simply be counted off the original. Each token's surface is aligned to the
original text character by character (difflib); a token whose characters all changed gets an empty
span where its neighbours put it. Flags are then made per word of ``mtqa.text.words``, so they
always start and end on word boundaries.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from mtqa.text import Token, words


def token_surface(piece: str) -> str:
    """What a sentencepiece (``▁``) or byte-level (``Ġ``) token looks like in running text."""
    if piece.startswith("<") and piece.endswith(">"):
        return ""  # <unk> and other special pieces: no surface to align
    return piece.replace("▁", " ").replace("Ġ", " ").replace("Ċ", "\n")


def align_tokens(text: str, surfaces: Sequence[str]) -> list[tuple[int, int]]:
    """Character span in ``text`` of each token, given the tokens' surface strings in order.

    Spans are ordered, never overlap, lie inside ``text`` and exclude surrounding spaces.
    """
    exact = _align_exactly(text, surfaces)
    if exact is not None:
        return exact
    joined = "".join(surfaces)
    to_text: list[int | None] = [None] * len(joined)
    matcher = difflib.SequenceMatcher(None, joined, text, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            to_text[a + k] = b + k
    spans: list[tuple[int, int]] = []
    pos = 0
    cursor = 0  # text position reached so far
    for surface in surfaces:
        hits = [t for t in to_text[pos : pos + len(surface)] if t is not None]
        pos += len(surface)
        if hits:
            start, end = max(cursor, min(hits)), max(cursor, max(hits) + 1)
        else:
            start = end = cursor
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
        cursor = max(cursor, end)
    return spans


def _align_exactly(text: str, surfaces: Sequence[str]) -> list[tuple[int, int]] | None:
    """The fast path: every surface, spaces aside, is spelled out in ``text`` in order; else None."""
    spans = []
    pos = 0
    for surface in surfaces:
        core = surface.strip()
        if not core:
            if surface and not surface.isspace():
                return None
            spans.append((pos, pos))
            continue
        start = pos
        while start < len(text) and text[start].isspace():
            start += 1
        if not text.startswith(core, start):
            return None
        pos = start + len(core)
        spans.append((start, pos))
    return spans


def tokens_by_word(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[Token, list[int]]]:
    """Each word of ``text`` with the indices of the tokens that overlap it (words with none dropped)."""
    out: list[tuple[Token, list[int]]] = []
    for word in words(text):
        idx = [i for i, (s, e) in enumerate(spans) if s < word.end and e > word.start]
        if idx:
            out.append((word, idx))
    return out
