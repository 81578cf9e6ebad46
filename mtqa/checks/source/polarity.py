"""Polarity flips the dictionary witnesses: the translation has X where the dictionary renders
the source word by a negative-prefixed X.

«неизвестными» → "known" (Mueller: неизвестный → unknown), «непроверенных» → "checked"
(unchecked), «разочарований» → "appointment" (disappointment), «беспорядки» → "order"
(disorder). The rule needs no Russian word-formation analysis (неожиданный is not не +
*ожиданный*): only that the source word begins with a negative prefix (не-, без-/бес-, де-,
дис-, анти-, раз-/рас-), that one of its dictionary renderings is a negative prefix (un-, in-,
im-, il-, ir-, dis-, non-, de-) on a lemma of the English word, that the English word itself is
not one of its renderings, carries no negation nearby ("not known") and renders no other
source content word. The suggestion is the English word with the prefix ("known" → "unknown").

:meth:`mtqa.checks.source.adequacy.AdequacyCheck._polarity` runs this first, then its
word-formation rule (де + стабилизации) on the words left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mtqa.lexicon.lemmas import en_lemma_set, ru_lemmas

if TYPE_CHECKING:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import Alignment
    from mtqa.types import Flag, Segment

RU_NEGATIVE_START = ("не", "без", "бес", "де", "дис", "анти", "раз", "рас")
EN_NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non-", "non", "de")
# Source verbs a translator may leave out or render freely: their link says nothing.
_RU_LIGHT = frozenset(["быть", "стать", "мочь", "иметь", "делать", "сделать", "являться"])


def negative_rendering(renderings: tuple[str, ...], en_word: str) -> str | None:
    """The negative prefix that turns a lemma of ``en_word`` into one of ``renderings``
    ("known", (…"unknown"…) → "un"), or None; None too when ``en_word`` is a rendering itself."""
    low = en_word.lower()
    rend = set(renderings)
    lemmas = {low} | set(en_lemma_set(low))
    if rend & lemmas:
        return None
    for prefix in EN_NEGATIVE_PREFIXES:
        if any(prefix + lemma in rend for lemma in lemmas):
            return prefix
    return None


def renders_other(al: Alignment, j: int, i: int) -> bool:
    """Whether English word j renders a source content word other than i (light verbs and
    function words aside), one no other English word renders ("infected ... infection": the
    first renders «заразили», so the second need not)."""
    for k in al.partners_of_mt(j):
        if k == i or not al.src_content[k]:
            continue
        if any(b != j for b in al.partners_of_src(k)):
            continue
        lemmas = ru_lemmas(al.src[k].text)
        if lemmas and lemmas[0].lemma in _RU_LIGHT:
            continue
        return True
    return False


def dictionary_flips(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[Flag]:
    """English words whose negative-prefixed form the dictionary gives for a nearby source word
    that carries a negative prefix."""
    src_low = [t.text.lower() for t in al.src]
    negative = [
        i
        for i, w in enumerate(src_low)
        if al.src_content[i]
        and len(w) >= 6
        and w.startswith(RU_NEGATIVE_START)
        and not (i > 0 and src_low[i - 1] in ("не", "ни"))
    ]
    if not negative:
        return []
    mt_low = [t.text.lower() for t in al.mt]
    scale = len(al.src) / max(1, len(al.mt))
    window = int(check._p["polarity_window"])
    flags: list[Flag] = []
    for j, tok in enumerate(al.mt):
        if not al.mt_content[j] or not tok.text.isalpha() or len(tok.text) < 3:
            continue
        if check._negated_nearby(mt_low, j):
            continue
        for i in negative:
            if abs(i - j * scale) > window:
                continue
            prefix = negative_rendering(check.lexicon.renderings(al.src[i].text), tok.text)
            if prefix is None or renders_other(al, j, i):
                continue
            flags.append(_flag(check, seg, al, i, j, prefix))
            break
    return flags


def _flag(check: AdequacyCheck, seg: Segment, al: Alignment, i: int, j: int, prefix: str) -> Flag:
    from mtqa.checks.source.adequacy import _match_case

    tok = al.mt[j]
    negative = _match_case(tok.text, prefix + tok.text.lower())
    return check.flag(
        seg,
        tok.start,
        tok.end,
        category="mistranslation",
        severity="major",
        confidence=0.8,
        message=(
            f"polarity: '{tok.text}' drops the negation of «{al.src[i].text}» "
            f"(the dictionary renders it as {prefix + tok.text.lower()!r} and the like)"
        ),
        suggestion=negative,
    )
