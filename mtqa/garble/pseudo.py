"""Pseudo word labels for real MT: align each output to its reference as TER does, tag the edits.

MLQE-PE's tags were made by aligning the MT with its post-edit (TERCOM); a reference is a
stand-in for the post-edit (Tuan et al. 2021, arXiv 2102.04020). The alignment here is TER's:
word edit distance plus greedy phrase shifts, restricted as TERCOM restricts them (a shifted
phrase must occur in the reference, must not already be matched where it stands, and moves to
where the reference wants it). Tokens are compared case-insensitively with surrounding
punctuation removed (TER compares raw tokens; news references differ from MT in punctuation
far more than post-edits do, and a comma is not the error we want to find).

Tags: a hypothesis word that is substituted or inserted is BAD, a matched word OK; a shifted word
is BAD (the post-editor had to move it) unless ``shifted_bad`` is False.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_PHRASE = 10  # TERCOM's default maximum shift length
MAX_SHIFTS = 50


@dataclass(frozen=True)
class Alignment:
    tags: tuple[str, ...]  # "OK"/"BAD" per hypothesis token, in the original order
    edits: int  # substitutions + insertions + deletions after the shifts
    shifts: int
    n_ref: int

    @property
    def ter(self) -> float:
        return (self.edits + self.shifts) / max(1, self.n_ref)


def _key(token: str) -> str:
    stripped = token.strip(".,;:!?\"'«»“”‘’()[]{}-–—…")
    return (stripped or token).lower()


def _edit_ops(hyp: list[str], ref: list[str]) -> tuple[int, list[str], list[int]]:
    """Levenshtein distance; per hypothesis word, "M" (match), "S" (sub) or "I" (insert); and per
    hypothesis word the reference index it is matched to (-1 if none)."""
    n, m = len(hyp), len(ref)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        row, prev, hi = d[i], d[i - 1], hyp[i - 1]
        for j in range(1, m + 1):
            cost = 0 if hi == ref[j - 1] else 1
            row[j] = min(prev[j - 1] + cost, prev[j] + 1, row[j - 1] + 1)
    ops = [""] * n
    pos = [-1] * n
    i, j = n, m
    while i > 0:
        if j > 0 and d[i][j] == d[i - 1][j - 1] + (0 if hyp[i - 1] == ref[j - 1] else 1):
            if hyp[i - 1] == ref[j - 1]:
                ops[i - 1], pos[i - 1] = "M", j - 1
            else:
                ops[i - 1] = "S"
            i, j = i - 1, j - 1
        elif d[i][j] == d[i - 1][j] + 1:
            ops[i - 1] = "I"
            i -= 1
        else:
            j -= 1
    return d[n][m], ops, pos


def _ref_positions(hyp: list[str], ref: list[str]) -> list[int]:
    """For each hypothesis word, the reference index it is matched to (-1 if none)."""
    return _edit_ops(hyp, ref)[2]


def align(hyp_tokens: list[str], ref_tokens: list[str], shifted_bad: bool = True) -> Alignment:
    """TER-style alignment of a hypothesis to its reference: tags, edits and shifts."""
    hyp = [_key(t) for t in hyp_tokens]
    ref = [_key(t) for t in ref_tokens]
    order = list(range(len(hyp)))  # original index of each current position
    shifted: set[int] = set()
    n_shifts = 0
    dist, _, _ = _edit_ops(hyp, ref)
    ref_ngrams = {
        tuple(ref[k : k + L]) for L in range(1, MAX_PHRASE + 1) for k in range(len(ref) - L + 1)
    }
    for _ in range(MAX_SHIFTS):
        matched = _ref_positions(hyp, ref)
        best = None
        for i in range(len(hyp)):
            for L in range(1, min(MAX_PHRASE, len(hyp) - i) + 1):
                phrase = tuple(hyp[i : i + L])
                if phrase not in ref_ngrams:
                    break
                if all(matched[i + t] >= 0 for t in range(L)):
                    continue  # already matched where it stands
                for k in range(len(ref) - L + 1):
                    if tuple(ref[k : k + L]) != phrase:
                        continue
                    # Move it right after the hypothesis word matched to ref[k - 1].
                    if k == 0:
                        dest = 0
                    else:
                        before = [p for p, r in enumerate(matched) if r == k - 1]
                        if not before:
                            continue
                        dest = before[0] + 1
                    if i <= dest <= i + L:
                        continue
                    rest = hyp[:i] + hyp[i + L :]
                    at = dest if dest < i else dest - L
                    cand = rest[:at] + list(phrase) + rest[at:]
                    cand_dist, _, _ = _edit_ops(cand, ref)
                    gain = dist - cand_dist
                    if gain > 0 and (best is None or gain > best[0]):
                        best = (gain, i, L, at, cand, cand_dist)
        if best is None:
            break
        _, i, L, at, hyp, dist = best
        moved = order[i : i + L]
        rest_order = order[:i] + order[i + L :]
        order = rest_order[:at] + moved + rest_order[at:]
        shifted.update(moved)
        n_shifts += 1
    _, ops, _ = _edit_ops(hyp, ref)
    tags = ["OK"] * len(hyp)
    for pos, op in enumerate(ops):
        original = order[pos]
        bad = op != "M" or (shifted_bad and original in shifted)
        tags[original] = "BAD" if bad else "OK"
    return Alignment(tuple(tags), dist, n_shifts, len(ref))


def row_weight(ter: float, da_raw: float | None) -> float:
    """How far a row's tags can be trusted: the edit rate agreeing with the human DA.

    1 - |(1 - TER) - DA/100|, clipped to [0.1, 1]: an output far from its reference that people
    still rated well was paraphrased (its BAD tags are wrong), and one close to its reference
    that people rated badly has errors the tags miss.
    """
    if da_raw is None:
        return 1.0
    return float(min(1.0, max(0.1, 1.0 - abs((1.0 - min(ter, 1.0)) - da_raw / 100.0))))


def spans_from_tags(mt: str, tags: list[str]) -> list[dict[str, object]]:
    """Runs of consecutive BAD whitespace tokens as character spans of ``mt``."""
    spans: list[dict[str, object]] = []
    pos = 0
    run: list[int] | None = None
    for tok, tag in zip(mt.split(), tags):
        start = mt.index(tok, pos)
        pos = start + len(tok)
        if tag == "BAD":
            if run is None:
                run = [start, pos]
            else:
                run[1] = pos
        elif run is not None:
            spans.append({"start": run[0], "end": run[1], "severity": None, "category": "pseudo"})
            run = None
    if run is not None:
        spans.append({"start": run[0], "end": run[1], "severity": None, "category": "pseudo"})
    return spans


def pseudo_row(row: dict[str, object], shifted_bad: bool = True) -> dict[str, object]:
    """An MLQE-PE-like row for a WMT DA row (``mt`` tagged against ``ref``), with a weight."""
    mt, ref = str(row["mt"]), str(row["ref"])
    al = align(mt.split(), ref.split(), shifted_bad)
    da_raw: Any = row.get("da_raw")  # a JSON number or absent
    return {
        "id": row["id"],
        "lang_pair": row.get("lang_pair", "ru-en"),
        "split": "pseudo",
        "src": row["src"],
        "mt": mt,
        "ref": ref,
        "score": row.get("score"),
        "da_raw": da_raw,
        "system": row.get("system"),
        "mt_tok": " ".join(mt.split()),
        "mt_tags": " ".join(al.tags),
        "spans": spans_from_tags(mt, list(al.tags)),
        "hter": round(al.ter, 4),
        "weight": round(row_weight(al.ter, float(da_raw) if da_raw is not None else None), 4),
    }
