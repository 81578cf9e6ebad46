"""MLQE-PE rows -> model inputs: token ids, per-subword OK/BAD labels and word alignment.

A row's official word tags refer to ``mt_tok`` (tokenised MT). Each token is located in the
prepared ``mt`` (:func:`mtqa.qe.base.prepare_text`); a subword is labelled BAD when it overlaps a
BAD token, and remembers the first token it overlaps, so word-level predictions can be read back
onto the official tokens (token probability = max over its subwords).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.qe.base import prepare_text

IGNORE = -100


@dataclass
class Example:
    """One encoded translation (source-aware or target-only)."""

    id: str
    pair: str
    split: str
    input_ids: list[int]
    labels: list[int]  # per subword: 1 BAD, 0 OK, IGNORE for specials/source/unaligned
    word_index: list[int]  # per subword: index into mt_tok, or -1
    score: float | None
    tags: list[int]  # official mt_tok tags: 1 BAD, 0 OK
    weight: float = 1.0  # how much the row counts in the loss (pseudo-labels: trust in the tags)


def read_rows(paths: Iterable[Path | str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def map_tokens(text: str, tokens: Sequence[str]) -> list[tuple[int, int] | None]:
    """Character (start, end) of each token in the untokenised ``text``, or None.

    Same matching as the MLQE-PE converter that produced the spans (HTML entities, ``@-@``).
    """
    pos, offsets = 0, []
    for tok in tokens:
        found = None
        candidates = list(dict.fromkeys([tok, html.unescape(tok), tok.replace("@-@", "-")]))
        for c in candidates:
            j = text.find(c, pos) if c else -1
            if j != -1 and text[pos:j].strip() == "":
                found = (j, j + len(c))
                break
        if found is None:  # tolerate small detokenisation differences
            for c in candidates:
                j = text.find(c, pos) if c else -1
                if j != -1 and j - pos <= 3:
                    found = (j, j + len(c))
                    break
        offsets.append(found)
        if found:
            pos = found[1]
    return offsets


def encode_row(row: dict[str, Any], tokenizer: Any, max_len: int, with_src: bool) -> Example:
    mt = prepare_text(row["mt"])
    tokens = (row.get("mt_tok") or "").split()
    tags = [1 if t == "BAD" else 0 for t in (row.get("mt_tags") or "").split()]
    spans = map_tokens(mt, tokens) if tokens else []
    if with_src:
        enc = tokenizer(
            prepare_text(row["src"]),
            mt,
            truncation="longest_first",
            max_length=max_len,
            return_offsets_mapping=True,
            split_special_tokens=True,
        )
        seq_ids = enc.sequence_ids()
        is_mt = [s == 1 for s in seq_ids]
    else:
        enc = tokenizer(
            mt,
            truncation=True,
            max_length=max_len,
            return_offsets_mapping=True,
            split_special_tokens=True,
        )
        seq_ids = enc.sequence_ids()
        is_mt = [s == 0 for s in seq_ids]
    labels, word_index = [], []
    for (start, end), mt_part in zip(enc["offset_mapping"], is_mt):
        idx = -1
        if mt_part and end > start:
            for k, span in enumerate(spans):
                if span and span[0] < end and start < span[1]:
                    idx = k
                    break
        word_index.append(idx)
        if idx < 0 or not tags:
            labels.append(IGNORE)
        else:
            bad = any(
                tags[k]
                for k, span in enumerate(spans)
                if span and span[0] < end and start < span[1] and k < len(tags)
            )
            labels.append(int(bad))
    return Example(
        id=row["id"],
        pair=row["lang_pair"],
        split=row["split"],
        input_ids=list(enc["input_ids"]),
        labels=labels,
        word_index=word_index,
        score=row.get("score"),
        tags=tags,
        weight=float(row.get("weight") or 1.0),
    )
