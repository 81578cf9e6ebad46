"""Real wrong senses from post-edits: which MT words a post-editor replaced by another dictionary
rendering of their source word.

A post-editor who replaces an MT word by another English rendering of the same source word has
corrected a wrong sense (or a calque, a derivation); the words the post-editor kept are literal
but accepted. Given a source, its MT (detokenised, the text the checks read), the tokenised MT
with its word tags (OK/BAD, as MLQE-PE gives them) and the tokenised post-edit, every MT token
gets one of three labels:

* ``sense``: a lowercase noun, verb or adjective (not a name, not a particle) tagged BAD,
  replaced (a difflib replace block of at most ``max_block`` tokens on each side) by a content
  word of a part of speech it shares, that is not a form, a derivation or a spelling of it (nor
  shares its first four letters), does not occur elsewhere in the MT (not a move), and is a
  dictionary rendering of a source content word that the MT word either renders
  too (another sense of the same word) or that nothing else accounts for (the MT word renders no
  source word at all);
* ``kept``: tagged OK;
* ``other``: every other BAD token (style edits, grammar, deletions, rewrites): left out.

The dictionary is passed in (the Mueller dictionary alone, not the lexicon mined from these same
post-edits, so the label does not come from the post-edits themselves).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mtqa.lexicon.align import en_is_content, word_link
from mtqa.lexicon.lemmas import en_lemma_set, en_lemmas

if TYPE_CHECKING:
    from mtqa.lexicon.align import Alignment
    from mtqa.lexicon.lookup import Lexicon

SENSE, KEPT, OTHER = "sense", "kept", "other"
# A replace block longer than this on either side is a rewrite, not a word's correction.
MAX_BLOCK = 3
# The parts of speech a wrong sense is judged on (a particle of a phrasal verb is not).
_SENSE_POS = frozenset({"NOUN", "VERB", "ADJ"})
# Spellings this alike are a spelling or a derivation, not another sense (roubles/rubles).
_ALIKE = 0.75
# How far past the previous token a tokenised MT token may start in the detokenised MT.
_SEARCH = 12


@dataclass(frozen=True)
class WordLabel:
    """One MT token's label, with its code-point offsets in the detokenised MT."""

    start: int
    end: int
    word: str
    label: str  # SENSE, KEPT or OTHER
    replacement: str = ""  # the post-edit words that replaced it (SENSE only)
    source: str = ""  # the source word the replacement renders (SENSE only)


def token_offsets(text: str, tokens: list[str]) -> list[tuple[int, int] | None]:
    """Where each token of a tokenised text sits in the plain text (None: not found, e.g. an
    escaped quote), searching forward from the previous token."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for tok in tokens:
        k = text.find(tok, pos, pos + _SEARCH + len(tok))
        if k < 0:
            out.append(None)
            continue
        out.append((k, k + len(tok)))
        pos = k + len(tok)
    return out


def _mt_index(al: Alignment, start: int, end: int) -> int | None:
    """The alignment's MT word overlapping a character span."""
    for j, tok in enumerate(al.mt):
        if tok.start < end and start < tok.end:
            return j
    return None


def label_postedit(
    dictionary: Lexicon,
    al: Alignment,
    mt: str,
    mt_tok: str,
    mt_tags: str,
    pe: str,
    max_block: int = MAX_BLOCK,
) -> list[WordLabel]:
    """Every MT token's label (module doc); ``al`` aligns the source with ``mt`` (the check's
    alignment, so "renders no source word" means what the check sees)."""
    toks, tags, pe_toks = mt_tok.split(), mt_tags.split(), pe.split()
    if len(toks) != len(tags):
        raise ValueError(f"{len(toks)} MT tokens but {len(tags)} word tags")
    offsets = token_offsets(mt, toks)
    mt_lemmas: set[str] = set()
    for t in toks:
        mt_lemmas |= en_lemma_set(t)
    replaced: dict[int, list[str]] = {}
    matcher = difflib.SequenceMatcher(a=toks, b=pe_toks, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 <= max_block and j2 - j1 <= max_block:
            for k in range(i1, i2):
                replaced[k] = pe_toks[j1:j2]
    src_content = [i for i, c in enumerate(al.src_content) if c]
    out: list[WordLabel] = []
    for k, (tok, tag) in enumerate(zip(toks, tags)):
        span = offsets[k]
        if span is None:
            continue
        if tag == "OK":
            out.append(WordLabel(span[0], span[1], tok, KEPT))
            continue
        found = _sense_correction(
            dictionary, al, tok, span, replaced.get(k, []), mt_lemmas, src_content
        )
        if found is None:
            out.append(WordLabel(span[0], span[1], tok, OTHER))
        else:
            out.append(WordLabel(span[0], span[1], tok, SENSE, found[0], found[1]))
    return out


def _sense_correction(
    dictionary: Lexicon,
    al: Alignment,
    tok: str,
    span: tuple[int, int],
    replacement: list[str],
    mt_lemmas: set[str],
    src_content: list[int],
) -> tuple[str, str] | None:
    """(replacing word, source word) when the replacement is another rendering of the MT word's
    source word, else None."""
    if not replacement or not tok.isalpha() or not tok.islower() or not en_is_content(tok):
        return None
    own_pos = {lem.pos for lem in en_lemmas(tok)} & _SENSE_POS
    if not own_pos:
        return None
    own = en_lemma_set(tok)
    j = _mt_index(al, *span)
    partners = set(al.partners_of_mt(j)) if j is not None else set()
    for new in replacement:
        if not new.replace("-", "").isalpha() or not en_is_content(new):
            continue
        new_lemmas = en_lemma_set(new)
        if not new_lemmas or new_lemmas & own or new_lemmas & mt_lemmas:
            continue  # a form of the same word, or a word moved from elsewhere in the MT
        if not own_pos & {lem.pos for lem in en_lemmas(new)}:
            continue  # another part of speech: a rewrite, not another sense
        low = new.lower()
        if low[:4] == tok[:4] or difflib.SequenceMatcher(a=tok, b=low).ratio() >= _ALIKE:
            continue  # a derivation or a spelling of the same word
        for i in src_content:
            s = al.src[i].text
            if not word_link(dictionary, s, new):
                continue
            if not partners or i in partners or word_link(dictionary, s, tok):
                return new, s
    return None
