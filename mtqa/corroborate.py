"""Corroboration: what two independent checks say about the same words.

Runs once per sentence, after every check's flags are gathered and before duplicates are removed
(:mod:`mtqa.pipeline`). Three rules, all about independent evidence:

- **Agreement.** A ``qe`` flag (the neural model) overlapping a flag of a lexical check (the
  dictionary's ``adequacy`` and ``senses``, the ``source`` check's ``name``) says the same thing
  twice: one flag is kept, on the lexical flag's span (word-precise) and with its category and
  dictionary suggestion, at the worse of the two severities raised one step (the raise reaching
  at most ``cap``, major), its message followed by the model's confidence. The qe flag it
  absorbed is gone. A word the model tags BAD that the
  calibration's confidence floor keeps from being reported (``support`` of category ``bad``)
  corroborates the same way only with ``agree_below_floor`` (off by default). A qe flag over
  (nearly) the whole sentence (``agree_sentence_share``) says the sentence reads wrong, not which
  word: it still corroborates (the lexical flag is kept and not lowered) but raises nothing. On
  clean pairs such flags are literal renderings of proverbs, where the dictionary's rarer
  rendering and the model's unease about the whole sentence are one observation, not two.
- **No support.** A lexical flag (``adequacy``, ``senses``, or any ``collocation``) at major or
  critical that nothing else backs, i.e. no word under it the QE model tags BAD (its
  ``support``: P(BAD) at or above its threshold) and no other check's flag on it, is
  lowered to minor. It applies only where the QE model read the sentence: without the model (the
  offline profile) nothing is lowered for want of it. The adequacy check's calques, polarity
  flips and derivation swaps keep their severity (``keep_structural``): they are two-sided
  evidence by construction, and on the tuning garbles lowering them lost more real errors than
  false alarms.
- **Mirrored** (needs the source): a ``repetition`` flag at major or worse whose sentence's
  source repeats a content word itself within a few words («Дети, дети», «всё новые и новые»,
  «ты мне не верь, ты мне не верь») is lowered to minor: the translation keeps the source's
  own figure, which an editor should see but the gate should not block on. So is one whose
  every content word renders (dictionary link) a word the source says twice within twice that
  window, whatever stands between («брали ОМОНовцы и брали жестко» -> "took and took"). A
  repetition of function words only ("of the of the") is never mirrored.
- **Left out**: a minor ``collocation`` flag (two common words the trigram model has not seen
  together) that the QE model read past without support and no other check shares is not
  reported (``drop_unsupported``); without the model nothing is left out.

Measured with scripts/corroboration_eval.py (docs/names-and-precision.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import regex

from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS
from mtqa.types import SEVERITIES, SEVERITY_RANK, CheckResult, Flag, Severity

QE = "qe"
# Neural word taggers whose flags corroborate lexical flags (the garble tagger as the QE model).
TAGGERS = (QE, "tagger")

DEFAULTS: dict[str, Any] = {
    # (check, category) pairs whose flags the QE model can corroborate; None: any category.
    "lexical": (("adequacy", None), ("senses", None), ("source", "name")),
    # Lowered to minor at major or worse when nothing backs them (check or category names).
    "unsupported": ("adequacy", "senses", "collocation"),
    # Highest severity the one-step raise can reach: two weak signals agreeing make a flag major,
    # critical stays for evidence that is critical on its own (either flag's severity is kept).
    "cap": "major",
    "agree": True,
    "demote": True,
    "keep_structural": True,
    # BAD words of the model that the calibration's confidence floor keeps from being reported
    # corroborate too when True. Off: with the retrained model, words between its threshold and
    # the floor are common on clean news and raised dictionary flags to major there (on WMT21:
    # 10.3% of clean articles with a major flag, 8.4% without; docs/names-and-precision.md).
    "agree_below_floor": False,
    # A qe flag covering at least this share of the sentence's letters and digits is about the
    # sentence, not the words: it corroborates without raising (needs the sentence: ``mt``).
    # Measured on tuning material (docs/adequacy.md, twelfth round): of the 8 agreements on
    # 3,000 clean training pairs, 7 turned two minors into a major, every one under a qe flag
    # over the whole sentence (literal proverbs); the hand-written garbled tuning rows have no
    # agreement at all. 1.0 or more: off.
    "agree_sentence_share": 0.8,
    # Minor flags of these kinds (check or category names) are left out when the QE model read
    # the sentence and nothing backs them (no support of the model, no other check's flag on
    # the same words): one weak signal that the stronger one does not share. The trigram
    # model's unseen word pairs: on the 1,008 clean WMT21 pairs with sources, sentences with
    # any flag 9.1% -> 5.9%; mean garble recall 0.629 -> 0.624 on 2,000 training garbles
    # (calques 0.289 -> 0.237), 0.622 -> 0.621 on the dev garbles (scripts/corroboration_eval.py).
    "drop_unsupported": ("collocation",),
    # Repetition flags lowered to minor where the source repeats a content word within this
    # many words (0: off); see ``source_repeats``.
    "mirror_window": 5,
    "mirrored": ("repetition",),
}


def _is_lexical(flag: Flag, lexical: Sequence[tuple[str, str | None]]) -> bool:
    return any(flag.check == c and (k is None or flag.category == k) for c, k in lexical)


def _overlaps(a: Flag, b: Flag) -> bool:
    return a.start < b.end and b.start < a.end


def _raise(severity: Severity, cap: str) -> Severity:
    step = min(SEVERITY_RANK[severity] + 1, SEVERITY_RANK[cap])
    return SEVERITIES[max(step, SEVERITY_RANK[severity])]


_MODEL_NAME = {"tagger": "the garble tagger"}


def agree(lexical: Flag, qe: Flag, cap: str = "major", step: bool = True) -> Flag:
    """The lexical flag, corroborated by the QE model's flag on the same words (``step``: raised
    one step; else at the worse of the two severities, the model's flag being about the whole
    sentence)."""
    worst = max(lexical.severity, qe.severity, key=SEVERITY_RANK.__getitem__)
    confidence = 1.0 - (1.0 - lexical.confidence) * (1.0 - qe.confidence)
    model = _MODEL_NAME.get(qe.check, "the QE model")
    about = "" if step else ", about the whole sentence"
    return replace(
        lexical,
        severity=_raise(worst, cap) if step else worst,
        confidence=confidence,
        message=f"{lexical.message}; {model} agrees (P(BAD) {qe.confidence:.2f}){about}",
    )


def sentence_wide(flag: Flag, mt: str, share: float) -> bool:
    """Whether ``flag`` covers at least ``share`` of the sentence's letters and digits."""
    total = sum(1 for c in mt if c.isalnum())
    inside = sum(1 for c in mt[flag.start : flag.end] if c.isalnum())
    return total > 0 and inside >= share * total


def corroborate(
    flags: Sequence[Flag],
    results: Mapping[str, CheckResult],
    params: Mapping[str, Any] | None = None,
    src: str | None = None,
    mt: str | None = None,
) -> list[Flag]:
    """The sentence's flags after the rules of the module doc.

    ``flags``: every check's reported flags for one sentence; ``results``: each check's result
    for it, by check name (where the ``qe`` support comes from, and whether the model ran);
    ``src``: the sentence's source, when given (the mirrored rule); ``mt``: the sentence itself,
    when given (a qe flag over the whole sentence raises nothing).
    """
    p = {**DEFAULTS, **(params or {})}
    window = int(p["mirror_window"])
    if src and window > 0:
        flags = _lower_mirrored(flags, src, window, frozenset(p["mirrored"]))
    lexical_kinds = tuple(p["lexical"])
    qe_result = results.get(QE)
    qe_ran = qe_result is not None and bool(qe_result.scores)
    out, agreed = list(flags), [False] * len(flags)
    if p["agree"] and (qe_ran or any(f.check in TAGGERS for f in flags)):
        extra: list[Flag] = []
        if p["agree_below_floor"] and qe_result is not None:
            extra = [s for s in qe_result.support if s.category == "bad"]
        wide = float(p["agree_sentence_share"])
        whole = (lambda q: sentence_wide(q, mt, wide)) if mt and wide < 1.0 else None
        out, agreed = _agreement(out, lexical_kinds, str(p["cap"]), extra, whole)
    if p["demote"] and qe_ran:
        support = qe_result.support if qe_result is not None else ()
        out = _demote_unsupported(
            out, agreed, support, frozenset(p["unsupported"]), bool(p["keep_structural"])
        )
        drop = frozenset(p["drop_unsupported"])
        if drop:
            out = [f for f in out if not _unbacked(f, out, support, drop)]
    return out


# Words; a hyphen splits them («молчали-молчали» is a word said twice).
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
# Russian coarse parts of speech that are no content words (mtqa.lexicon.lemmas)
_FUNCTION_POS = frozenset({"FUNC", "NUMR"})


def _key(word: str) -> tuple[str, bool]:
    """(lemma, content word?) of a lower-cased word: Cyrillic by pymorphy's likeliest parse,
    other scripts the word itself; content words have three letters or more."""
    if regex.search(r"\p{Cyrillic}", word):
        from mtqa.lexicon.lemmas import ru_lemmas

        lemmas = ru_lemmas(word)
        if not lemmas:
            return word, False
        return lemmas[0].lemma, len(word) >= 3 and lemmas[0].pos not in _FUNCTION_POS
    return word, len(word) >= 3 and word not in EN_FUNCTION_WORDS


def source_repeats(src: str, window: int = 5) -> bool:
    """Whether the source repeats a word (the same lemma) within ``window`` words as a figure:
    side by side («Дети, дети», «Аминь, аминь», «молчали-молчали», «кривого кривым»), with
    only function words between («новые и новые», «пишет, и пишет», «Бродскому, а Бродский»),
    or as a repeated phrase whose word before repeats too («не верь, ты мне не верь»,
    «свободу слова, либо свобода слова»). A content word repeats in the last two ways; two
    mentions of a word in running text («президент России ... и президент Украины») and a
    negated twin («плачь не плачь») are no figure."""
    return _figure(*_source_keys(src), window)


def _source_keys(src: str) -> tuple[list[str], list[tuple[str, bool]]]:
    """The source's lower-cased words and their ``_key``s."""
    words = [m.group().lower() for m in _WORD.finditer(src)]
    return words, [_key(w) for w in words]


def _figure(words: Sequence[str], keys: Sequence[tuple[str, bool]], window: int) -> bool:
    """``source_repeats`` on the source's words and keys."""
    lemmas = [k for k, _ in keys]
    content = [c for _, c in keys]
    for q in range(len(words)):
        for p in range(max(0, q - window), q):
            if lemmas[p] != lemmas[q]:
                continue
            if q == p + 1 and len(words[q]) >= 3:
                return True
            if not content[q]:
                continue
            between = words[p + 1 : q]
            negated = "не" in between or "ни" in between
            if len(between) <= 2 and not any(content[p + 1 : q]) and not negated:
                return True
            if p > 0 and lemmas[p - 1] == lemmas[q - 1] and q - 1 != p:
                return True
    return False


def _lower_mirrored(
    flags: Sequence[Flag], src: str, window: int, kinds: frozenset[str]
) -> list[Flag]:
    """Repetition flags at major or worse lowered to minor where the source repeats a content
    word nearby; a flag over function words only is kept."""
    todo = [
        k
        for k, f in enumerate(flags)
        if f.severity != "minor"
        and _of_kind(f, kinds)
        and any(_key(w.lower())[1] for w in _WORD.findall(f.text))
    ]
    if not todo:
        return list(flags)
    words, keys = _source_keys(src)
    if not _figure(words, keys, window):
        twice = _said_twice(words, keys, 2 * window)
        todo = [k for k in todo if twice and _renders_said_twice(flags[k].text, twice)]
    out = list(flags)
    for k in todo:
        out[k] = replace(
            out[k],
            severity="minor",
            message=f"{out[k].message} (minor: the source repeats itself here too)",
        )
    return out


def _said_twice(
    words: Sequence[str], keys: Sequence[tuple[str, bool]], window: int
) -> dict[str, str]:
    """Content lemmas the source says twice within ``window`` words, whatever stands between
    («брали ОМОНовцы и брали жестко»), each with a word form of it."""
    twice: dict[str, str] = {}
    for q, (lemma, content) in enumerate(keys):
        if content and any(keys[p][0] == lemma for p in range(max(0, q - window), q)):
            twice.setdefault(lemma, words[q])
    return twice


def _renders_said_twice(text: str, twice: Mapping[str, str]) -> bool:
    """Whether every content word of a repeated English span renders a word the source says
    twice (``_said_twice``): "took and took" for «брали … и брали» keeps the source's figure.
    The dictionary link (mtqa.lexicon.align) keeps a repeat of a word the source says once
    ("president of France and president of France" for «Франции и Германии») from passing."""
    english = {w.lower() for w in _WORD.findall(text) if _key(w.lower())[1]}
    if not english:
        return False
    from mtqa.lexicon.align import word_link
    from mtqa.lexicon.lookup import load_lexicon

    lexicon = load_lexicon()  # the default one ($MTQA_DICTIONARY or the system's), once per process
    return all(any(word_link(lexicon, s, w) for s in twice.values()) for w in english)


def _unbacked(
    flag: Flag, flags: Sequence[Flag], support: Sequence[Flag], kinds: frozenset[str]
) -> bool:
    """A minor flag of ``kinds`` that nothing backs."""
    return flag.severity == "minor" and _of_kind(flag, kinds) and not _backed(flag, flags, support)


def _of_kind(flag: Flag, kinds: frozenset[str]) -> bool:
    return flag.check in kinds or flag.category in kinds


def _backed(flag: Flag, flags: Sequence[Flag], support: Sequence[Flag]) -> bool:
    """Whether a word under the flag is in the QE model's support, or another check flags the
    same words."""
    return any(_overlaps(flag, s) for s in support) or any(
        g.check != flag.check and _overlaps(flag, g) for g in flags
    )


def _agreement(
    flags: list[Flag],
    lexical: Sequence[tuple[str, str | None]],
    cap: str,
    unreported: Sequence[Flag] = (),
    whole: Callable[[Flag], bool] | None = None,
) -> tuple[list[Flag], list[bool]]:
    """The flags after agreement, and for each whether it was corroborated; ``unreported``: BAD
    words of the model that are no reported flag (they corroborate, and are never reported);
    ``whole``: whether a model flag is about the whole sentence (it raises nothing)."""
    reported = [f for f in flags if f.check in TAGGERS]
    qe_flags = reported + list(unreported)
    if not qe_flags:
        return flags, [False] * len(flags)
    absorbed: set[int] = set()
    out: list[Flag] = []
    agreed: list[bool] = []
    for f in flags:
        if f.check in TAGGERS:
            continue
        partners = [i for i, q in enumerate(qe_flags) if _overlaps(f, q)]
        if partners and _is_lexical(f, lexical):
            best = max(partners, key=lambda i: qe_flags[i].confidence)
            absorbed.update(partners)
            # a model flag on these words raises it; one over the whole sentence does not
            step = whole is None or not all(whole(qe_flags[i]) for i in partners)
            f = agree(f, qe_flags[best], cap, step)
        out.append(f)
        agreed.append(bool(partners) and _is_lexical(f, lexical))
    rest = [q for i, q in enumerate(reported) if i not in absorbed]
    return out + rest, agreed + [False] * len(rest)


def _structural(flag: Flag) -> bool:
    """The adequacy check's calque, polarity and derivation flags (two-sided evidence by
    construction: the source's phrase or grammar against the English word's)."""
    return flag.check == "adequacy" and (
        flag.message.startswith(("polarity:", "derivation:")) or " word by word" in flag.message
    )


def _demote_unsupported(
    flags: list[Flag],
    agreed: Sequence[bool],
    support: Sequence[Flag],
    kinds: frozenset[str],
    keep_structural: bool = True,
) -> list[Flag]:
    out: list[Flag] = []
    for f, corroborated in zip(flags, agreed):
        if (
            not corroborated
            and not (keep_structural and _structural(f))
            and f.severity != "minor"
            and _of_kind(f, kinds)
            and not _backed(f, flags, support)
        ):
            f = replace(
                f,
                severity="minor",
                message=f"{f.message} (minor: the QE model sees nothing wrong here)",
            )
        out.append(f)
    return out
