"""Pronoun gender against a Russian source: "she said" where the source speaks only of a man
(«он заявил», «Иванов сообщил»), or "he" where it speaks only of a woman.

Russian marks the gender of a person in words a translation must agree with. Each source word
gives **evidence** of a gender from its likeliest pymorphy3 parse, and **blocks** a gender when
any plausible parse could stand for it:

- personal pronouns (он/него/нему/нём, она/её/ей/ней/неё) are evidence; «его»/«ему» too unless a
  neuter noun is about ("its"); «им»/«ним» ("them" as often) only block;
- first names, patronymics and surnames (``Name``/``Patr``/``Surn``, capitalised) are evidence
  when every plausible name parse has one gender; «Захарова» (hers, or his genitive) blocks both,
  unless a first name right before it says which («Мария Захарова»);
- past-tense singular verbs and short forms (заявил/заявила, назначен/назначена) are evidence
  unless a known inanimate noun of that gender that may be their subject stands before them or
  just after («компания заявила», «сообщила компания», «рост составил»: no people);
- animate nouns block their own gender only (министр, журналистка, собака: a title or an animal
  need not be the pronoun's person; a woman is often called «министр»), substantivised
  participles (вошедшего) theirs; common-gender nouns (глава, судья) say nothing.

An English he/him/his/himself is flagged when the source has evidence of a woman and nothing
that blocks a man, she/her/hers/herself the other way round, and only when the translation's
he/she pronouns are all of one gender (with both, one may be a person the source leaves
implicit). Neuter and plural forms say nothing; "it" is never judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

MASC, FEMN = "masc", "femn"
_OTHER = {MASC: FEMN, FEMN: MASC}

RU_PRONOUNS = {
    "он": MASC,
    "него": MASC,
    "нему": MASC,
    "нем": MASC,
    "она": FEMN,
    "ее": FEMN,
    "ей": FEMN,
    "ней": FEMN,
    "нее": FEMN,
    "ею": FEMN,
    "нею": FEMN,
}
# Masculine forms that are also neuter ("its") or plural ("them"): they block, never convict.
RU_WEAK_MASC = frozenset({"его", "ему", "им", "ним"})

EN_PRONOUNS = {
    "he": MASC,
    "him": MASC,
    "his": MASC,
    "himself": MASC,
    "she": FEMN,
    "her": FEMN,
    "hers": FEMN,
    "herself": FEMN,
}
_EN_PRONOUN = regex.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]ers?|[Hh]erself)\b")
_RU_WORD = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")
# After "her", a word that shows it is an object ("told her that"), not a possessive.
_AFTER_OBJECT = frozenset(
    "to that the a an and or but in on at for with from by of as about after before than if "
    "when while into over this these those".split()
)
_NAME_TAGS = ("Name", "Surn", "Patr")
# Parses below this share of the likeliest one's score are not plausible enough to block.
_PLAUSIBLE = 0.1


@dataclass(frozen=True)
class GenderEvidence:
    """What the source says about the genders of the people in it."""

    evidence: dict[str, tuple[str, ...]]  # gender -> source words that show it
    blocked: frozenset[str]  # genders some source word could stand for


@dataclass(frozen=True)
class GenderFinding:
    start: int
    end: int
    gender: str  # the English pronoun's gender
    message: str
    suggestion: str | None


def _morph() -> Any:
    """The one pymorphy3 analyser every lexical module shares (mtqa.lexicon.lemmas)."""
    from mtqa.lexicon.lemmas import _morph as shared

    return shared()


@dataclass(frozen=True)
class _WordGenders:
    person: frozenset[str]  # a personal pronoun, first name, patronymic or surname of this gender
    weak: frozenset[str]  # его/ему: him, unless a neuter noun is about ("its")
    agreement: frozenset[str]  # a past verb or short form of this gender (likeliest parse)
    blocked: frozenset[str]  # genders some plausible parse could stand for
    subject: frozenset[str]  # genders of a common noun that may be in the nominative
    neuter: bool  # a singular neuter noun (его may be "its")
    surname: frozenset[str]  # genders of the plausible name parses of an ambiguous name


_NONE = _WordGenders(
    frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), False, frozenset()
)
# A verb's subject may follow it this closely («сообщила компания»).
_SUBJECT_AFTER = 2


def _gender(tag: Any) -> str | None:
    if "ms-f" in tag:
        return "ms-f"
    return str(tag.gender) if tag.gender in (MASC, FEMN) else None


def _is_name(tag: Any) -> bool:
    return tag.POS == "NOUN" and any(t in tag for t in _NAME_TAGS)


def _agrees(tag: Any) -> str | None:
    """The gender a past verb, short adjective or participle agrees in, else None."""
    gender = _gender(tag)
    if tag.number != "sing" or gender not in (MASC, FEMN):
        return None
    if tag.POS in ("PRTS", "ADJS") or (tag.POS == "VERB" and tag.tense == "past"):
        return gender
    return None


def _blocks(tag: Any) -> set[str]:
    """Genders a parse could stand for without being evidence: a person's noun in its own
    gender (министр, журналистка, собака — a title or an animal need not be the pronoun's
    person), a substantivised participle; nothing for a common-gender one (глава, судья)."""
    gender = _gender(tag)
    if tag.number == "plur" or gender not in (MASC, FEMN):
        return set()
    if (tag.POS == "NOUN" and tag.animacy == "anim") or tag.POS == "PRTF":
        return {gender}
    return set()


@lru_cache(maxsize=65536)
def _word_genders(word: str) -> _WordGenders:
    """What one Russian word says about the genders of the people in its sentence."""
    low = word.lower().replace("ё", "е")
    if low in RU_PRONOUNS:
        g = frozenset({RU_PRONOUNS[low]})
        return _WordGenders(g, frozenset(), frozenset(), g, frozenset(), False, frozenset())
    if low in RU_WEAK_MASC:
        weak = frozenset({MASC}) if low in ("его", "ему") else frozenset()
        return _WordGenders(
            frozenset(), weak, frozenset(), frozenset({MASC}), frozenset(), False, frozenset()
        )
    parses = _morph().parse(low)
    if not parses:
        return _NONE
    capitalised = word[:1].isupper()
    # A capitalised word pymorphy3 only guesses at is a foreign name, not a thing.
    known = not capitalised or _morph().word_is_known(low)
    top = parses[0].score
    plausible = [p.tag for p in parses if p.score >= _PLAUSIBLE * top]
    if capitalised and _is_name(parses[0].tag):
        plausible = [t for t in plausible if _is_name(t)]  # Ангела is a name, not «ангела»
    blocked: set[str] = set()
    subject: set[str] = set()
    for tag in plausible:
        blocked |= _blocks(tag)
        gender = _gender(tag)
        if gender in (MASC, FEMN) and tag.number == "sing":
            if _is_name(tag) and capitalised:
                blocked.add(gender)
            elif tag.POS == "NOUN" and tag.case == "nomn" and tag.animacy == "inan" and known:
                subject.add(gender)  # a thing that may be a verb's subject
        agree = _agrees(tag)
        if agree:
            blocked.add(agree)
    # A name is evidence when its likeliest parse is one and every plausible name parse agrees
    # (Захарова is her, or his genitive: neither).
    name_genders = [_gender(t) for t in plausible if _is_name(t) and t.number == "sing"]
    names = frozenset(x for x in name_genders if x in (MASC, FEMN))
    person = names if capitalised and _is_name(parses[0].tag) and len(names) == 1 else frozenset()
    agree = _agrees(parses[0].tag)
    top_tag = parses[0].tag
    neuter = top_tag.POS == "NOUN" and top_tag.gender == "neut" and top_tag.number == "sing"
    return _WordGenders(
        person,
        frozenset(),
        frozenset({agree}) if agree else frozenset(),
        frozenset(blocked | person),
        frozenset(subject),
        neuter,
        names if capitalised and len(names) > 1 else frozenset(),
    )


# How far an agreeing word may stand from a name whose gender it settles («заявил Трамп»,
# «Захарова, в свою очередь, заявила»).
_SETTLE_BEFORE, _SETTLE_AFTER = 2, 4


def _settle_name(words: list[tuple[str, _WordGenders]], i: int) -> str | None:
    """The gender of an ambiguous name (Захарова: hers, or Захаров's genitive; Трамп: his, or an
    indeclinable woman's) when a first name right before it, or else the nearest agreeing
    verbs around it, have one gender among its readings; None otherwise."""
    name = words[i][1].surname
    if i and words[i - 1][0][:1].isupper() and len(words[i - 1][1].person) == 1:
        first = words[i - 1][1].person
        return next(iter(first)) if first <= name else None  # «Мария Захарова»
    around = words[max(0, i - _SETTLE_BEFORE) : i] + words[i + 1 : i + 1 + _SETTLE_AFTER]
    agreeing = {g for _, w in around for g in w.agreement}
    return next(iter(agreeing)) if len(agreeing) == 1 and agreeing <= name else None


@lru_cache(maxsize=4096)  # per source: checked against every translation of it; read only
def source_genders(src: str) -> GenderEvidence:
    """The gender evidence of a Russian source.

    A past verb or short form is evidence of a person only when no common noun of its gender
    that may be its subject stands before it or just after it («компания заявила», «сообщила
    компания», «рост составил» are no people), and then it blocks nothing either; a name or a
    personal pronoun always is evidence; «его»/«ему» are, unless a neuter noun is about.
    """
    words = [(m.group(), _word_genders(m.group())) for m in _RU_WORD.finditer(src)]
    # его before its noun is a possessive of that noun («по его мнению»): that noun is no "it"
    any_neuter = any(
        w.neuter and (i == 0 or not words[i - 1][1].weak) for i, (_, w) in enumerate(words)
    )
    evidence: dict[str, list[str]] = {MASC: [], FEMN: []}
    blocked: set[str] = set()
    for i, (text, w) in enumerate(words):
        shown = set(w.person) | (set() if any_neuter else set(w.weak))
        own_blocked = set(w.blocked)
        settled = _settle_name(words, i) if w.surname else None
        if settled is not None:
            shown.add(settled)
            own_blocked = (own_blocked - w.surname) | {settled}
        for g in w.agreement:
            near = words[: i + 1 + _SUBJECT_AFTER]  # (sliced only for an agreeing word)
            if any(g in x.subject for j, (_, x) in enumerate(near) if j != i):
                continue  # agrees with a thing
            shown.add(g)
            blocked.add(g)
        for g in shown:
            evidence[g].append(text)
        blocked |= own_blocked - w.agreement
    return GenderEvidence({g: tuple(ws) for g, ws in evidence.items()}, frozenset(blocked))


def _swap(word: str, following: str | None) -> str | None:
    """The other gender's pronoun in the same role, when the role is clear."""
    low = word.lower()
    table = {"he": "she", "him": "her", "his": "her", "himself": "herself", "she": "he"}
    table.update({"hers": "his", "herself": "himself"})
    if low == "her":
        if following is None or following.lower() in _AFTER_OBJECT:
            out = "him"
        else:
            return None  # "her plans" (his) or "gave her flowers" (him): the role is unclear
    else:
        out = table[low]
    return out.capitalize() if word[:1].isupper() else out


_NEXT_WORD = regex.compile(r"\s*([\p{L}]+)")


def gender_findings(src: str, mt: str) -> list[GenderFinding]:
    """English third-person pronouns whose gender the Russian source contradicts."""
    pronouns = list(_EN_PRONOUN.finditer(mt))
    if not pronouns:
        return []
    if len({EN_PRONOUNS[m.group().lower()] for m in pronouns}) > 1:
        return []  # both genders in the translation: one may be a person the source leaves implicit
    source = source_genders(src)
    findings = []
    for m in pronouns:
        gender = EN_PRONOUNS[m.group().lower()]
        other = _OTHER[gender]
        if gender in source.blocked or not source.evidence[other]:
            continue
        nxt = _NEXT_WORD.match(mt[m.end() :])
        shown = ", ".join(f"«{w}»" for w in dict.fromkeys(source.evidence[other][:3]))
        person = "a woman" if other == FEMN else "a man"
        findings.append(
            GenderFinding(
                m.start(),
                m.end(),
                gender,
                f"«{m.group()}», but the source speaks of {person} ({shown}) and of no "
                f"{'man' if other == FEMN else 'woman'}",
                _swap(m.group(), nxt.group(1) if nxt else None),
            )
        )
    return findings
