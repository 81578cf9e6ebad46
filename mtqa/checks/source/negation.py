"""Negation against a Russian source: a "not" the source does not have, or a source «не» the
translation lost.

Negation is a closed class on both sides, so this is a comparison of two small word classes,
not a list of known garbles:

- **Inserted**: the translation negates ("not", "n't", "never", "no", "nothing"…) while the
  source has no negating word at all (не, нет, ни…, никогда…, no word built on не-/ни-/без-/бес-,
  and none of the verbs and nouns that carry negation or cessation: отказ-, запрет-, воздерж-,
  отсутств-, лиш-, против-, перест-, прекрат-). The flag is on the negating word.
- **Dropped**: the source negates a word plainly (a free-standing не/нет/никогда/ни/нельзя…,
  outside fixed phrases where no English negation is expected: не только, не менее, не более,
  не раз, ни один, чуть не…; not in a question «не … ли»; not before a comparative the
  translation renders as a bound, «не меньше» "at least"), while the translation has no negation and no word that carries one
  ("fail", "refuse", "lack", "only", "impossible", un-/in-/dis-/non- words…). The flag is on the
  translation word the aligner links to the negated source word (the word after не), else on the
  whole sentence at minor.
- Not negations: a «не» before a verb of negative meaning (litotes: «не исключает» → "assumes",
  «не отрицает» → "admits"), a concessive «ни» after a question word («как бы там ни было»: whatever the
  case; «что ни говори», «куда ни глянь») on either side of the comparison, and an English
  negation the source holds itself (a title or quote left in English: «Don't U Waste My Time»).

Every finding is minor: on the clean WMT21 DA ru-en news references (the tuning half) the rules
fired on 4 of 1,008 sentences, all of them free but correct renderings ("lost control" for «не
справился с управлением», "is out of the question" for «не можем рассуждать»); on the synthetic
`negation` garbles of the training set they find 82 % of the rows (docs/names-and-precision.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from mtqa.errors import MtqaError
from mtqa.types import Severity

RU_NEGATORS = frozenset(
    "не нет никогда ни никто ничего ничто никого никому ничем никак нигде никуда нельзя".split()
)
# Free-standing negators in phrases English renders without a negation.
RU_FIXED = frozenset(
    {
        ("не", "только"),
        ("не", "менее"),
        ("не", "более"),
        ("не", "раз"),
        ("не", "ранее"),
        ("не", "позднее"),
        ("не", "позже"),
        ("не", "так"),
        ("чуть", "не"),
        ("едва", "не"),
        ("ни", "один"),
        ("ни", "одна"),
        ("ни", "одно"),
        ("ни", "одного"),
        ("ни", "одной"),
    }
)
# Words that carry a negation in their stem: a translation may negate them ("did not vote" for
# «воздержался»), so their presence means the source is not negation-free.
RU_NEGATIVE_STEMS = (
    "не",
    "ни",
    "без",
    "бес",
    "отказ",
    "запрет",
    "воздерж",
    "отсутств",
    "лиш",
    "проти",
    "перест",
    "прекрат",
    "отриц",
    "отверг",
)
# Question words that make a following «ни» concessive, not negating: «как бы там ни было»
# (whatever the case), «что ни говори», «куда ни глянь», «во что свинья ни оденется», «сколько
# ни пытался»: English renders them with "whatever", "however", "no matter", often no negation.
RU_CONCESSIVE = regex.compile(
    r"^(?:кто|кого|кому|кем|ком|что|чего|чему|чем|как|где|куда|откуда|когда|сколько|скольк\w+"
    r"|как(?:ой|ая|ое|ие|ого|ому|им|ом|ую|их|ими)|чей|чья|чьё|чье|чьи|чьего|чьей|чьих)$"
)
# Verbs of negative meaning that a «не» turns into an assertion (litotes): «не исключает» (may,
# expects), «не отрицает» (admits), «не сомневается» (is sure), «не отказался» (agreed): English
# often renders the two negations as one positive word.
RU_LITOTES = (
    "исключ",
    "отриц",
    "отказ",
    "сомнева",
    "скрыва",
    "преминул",
    "упуст",
    "побоял",
    "меша",
    "возраж",
)
# How many words before «ни» the question word may stand («как бы там ни было»: three).
_CONCESSIVE_WINDOW = 4
EN_NEGATION = regex.compile(
    r"\b(?:not|never|no(?!\.\s*\d)|nothing|nobody|none|neither|nor|without|cannot|nowhere)\b"
    r"|n\s?['’]t\b",
    regex.IGNORECASE,
)
# English words that carry a negation (a dropped «не» may hide in them).
EN_NEGATIVE = regex.compile(
    r"\b(?:fail\w*|refus\w*|den(?:y|ies|ied|ial)|lack\w*|avoid\w*|only|unless|absen\w*|instead"
    r"|rather|prevent\w*|ban\w*|prohibit\w*|reject\w*|ignor\w*|hardly|barely|impossib\w*"
    r"|(?:un|in|im|ir|il|dis|non)\w{4,}|\w+less)\b",
    regex.IGNORECASE,
)
# How English says a bound that Russian says with «не» and a comparative (не меньше: at least;
# не дольше: at most; не позже: at the latest), without a negation.
EN_BOUND = regex.compile(
    r"\b(?:at (?:the )?(?:least|most|latest|earliest|minimum|maximum)|up to|or (?:more|less"
    r"|fewer|longer|earlier|later)|a (?:minimum|maximum) of|minimum of|maximum of)\b",
    regex.IGNORECASE,
)
_RU_WORD = regex.compile(r"\w+")
# What _aligned_span answers when the negated word was rendered freely.
_FREE = (-1, -1)


@dataclass(frozen=True)
class NegationFinding:
    start: int
    end: int
    kind: str  # "inserted" or "dropped"
    severity: Severity
    message: str


@lru_cache(maxsize=4096)  # per source: read by two or three steps of negation_findings
def _ru_words(src: str) -> tuple[tuple[str, int, int], ...]:
    return tuple((m.group().lower(), m.start(), m.end()) for m in _RU_WORD.finditer(src))


def plain_negations(src: str) -> list[int]:
    """Indexes (into the source's words) of free-standing negators outside fixed phrases."""
    return list(_plain_negations(src))


@lru_cache(maxsize=4096)  # per source, as _ru_words
def _plain_negations(src: str) -> tuple[int, ...]:
    words = [w for w, _, _ in _ru_words(src)]
    out = []
    for i, w in enumerate(words):
        if w not in RU_NEGATORS:
            continue
        nxt = (w, words[i + 1]) if i + 1 < len(words) else None
        prev = (words[i - 1], w) if i else None
        if nxt in RU_FIXED or prev in RU_FIXED:
            continue
        if _concessive(words, i) or (nxt is not None and nxt[1].startswith(RU_LITOTES)):
            continue
        if w == "не" and i + 2 < len(words) and words[i + 2] == "ли":
            continue  # «не опасается ли он»: asks whether he fears, negates nothing
        out.append(i)
    return tuple(out)


@lru_cache(maxsize=4096)
def _comparative(word: str) -> bool:
    """Whether pymorphy3 reads ``word`` first as a comparative (меньше, дольше, позже); False
    without it."""
    try:
        from mtqa.lexicon.lemmas import _morph

        parses = _morph().parse(word)
    except (ImportError, OSError, ValueError):
        return False
    return bool(parses) and "COMP" in parses[0].tag


def _concessive(words: list[str], i: int) -> bool:
    """Whether word ``i`` is a concessive «ни» (a question word shortly before it)."""
    return words[i] == "ни" and any(
        RU_CONCESSIVE.match(p) for p in words[max(0, i - _CONCESSIVE_WINDOW) : i]
    )


@lru_cache(maxsize=4096)  # per source, as _ru_words
def source_negates(src: str) -> bool:
    """Whether any source word negates or carries a negation in its stem (a concessive «ни»
    does not)."""
    words = [w for w, _, _ in _ru_words(src)]
    return any(
        (w in RU_NEGATORS or w.startswith(RU_NEGATIVE_STEMS)) and not _concessive(words, i)
        for i, w in enumerate(words)
    )


def negation_findings(src: str, mt: str) -> list[NegationFinding]:
    """Negation mismatches between a Russian source and its English translation."""
    if not src.strip() or not mt.strip():
        return []
    found = list(EN_NEGATION.finditer(mt))
    if found and not source_negates(src):
        # English the source itself holds (a title, a quote: «Don't U Waste My Time») is copied
        copied = {m.group().lower().replace(" ", "") for m in EN_NEGATION.finditer(src)}
        return [
            NegationFinding(
                m.start(),
                m.end(),
                "inserted",
                "minor",
                f"«{m.group().strip()}» negates, but the source has no negation",
            )
            for m in found
            if m.group().lower().replace(" ", "") not in copied
        ]
    words = _ru_words(src)
    plain = plain_negations(src)
    if EN_BOUND.search(mt):
        # «не меньше двухсот», «не дольше месяца»: a bound, "at least", "at most"
        plain = [i for i in plain if not (i + 1 < len(words) and _comparative(words[i + 1][0]))]
    if plain and not found and not EN_NEGATIVE.search(mt):
        negator = words[plain[0]][0]
        target = words[plain[0] + 1][0] if plain[0] + 1 < len(words) else None
        span = _aligned_span(src, mt, words[plain[0] + 1][1]) if target else None
        if span == _FREE:
            return []
        said = f"«{negator} {target}»" if target else f"«{negator}»"
        if span is not None:
            return [
                NegationFinding(
                    span[0],
                    span[1],
                    "dropped",
                    "minor",
                    f"the source negates this ({said}), the translation does not",
                )
            ]
        start = len(mt) - len(mt.lstrip())
        return [
            NegationFinding(
                start,
                len(mt.rstrip()),
                "dropped",
                "minor",
                f"the source negates ({said}), the translation has no negation",
            )
        ]
    return []


def _aligned_span(src: str, mt: str, src_start: int) -> tuple[int, int] | None:
    """The translation word(s) the aligner links to the source word at ``src_start``, or None;
    ``_FREE`` when every such word renders another source content word as well («не справился
    с управлением» → "lost control": "control" renders «управлением», so the negated verb was
    rendered freely, by a word that may carry the negation itself), unless one of them is a
    central rendering of the negated word (its first six in the dictionary)."""
    try:
        from mtqa.lexicon.align import align
        from mtqa.lexicon.lemmas import en_lemma_set
        from mtqa.lexicon.lookup import load_lexicon

        lexicon = load_lexicon()
        al = align(lexicon, src, mt)
    except (MtqaError, OSError):
        return None
    index = next((i for i, t in enumerate(al.src) if t.start <= src_start < t.end), None)
    if index is None:
        return None
    partners = al.partners_of_src(index)
    if not partners:
        return None
    central = set(lexicon.renderings(al.src[index].text)[:6])
    if all(
        any(k != index and al.src_content[k] for k in al.partners_of_mt(j))
        and not central & en_lemma_set(al.mt[j].text)
        for j in partners
    ):
        return _FREE
    return al.mt[min(partners)].start, al.mt[max(partners)].end
