"""Tense against a Russian source: "Lavrov will say" for «Лавров заявил», "the meeting took
place" for «встреча состоится».

Both sides are reduced to the time references of their finite verbs, and only a plain
contradiction is flagged:

- **Russian**: each word's pymorphy3 parses; a finite indicative verb is evidence of its tense
  when its likeliest parse is that verb and every plausible verb parse has the same tense
  (perfective non-past = future: состоится, проведёт; будет). A past form in a clause with
  «бы»/«чтобы» is a conditional, an infinitive in a clause of purpose («чтобы заставить») speaks
  of what is to come (a source with one is not all past); «не» + perfective non-past and a 2nd person perfective
  («не выкинешь») are "cannot"/proverbs, not futures; a short participle without был/будет is a
  present state; present reporting verbs (сообщает, говорится, считает) say nothing about the
  time of what they report and are left out.
- **English**: verb groups from function words and lemminflect's forms, no tagger:
  future ("will/shall/'ll [adverbs] VERB", "be going to VERB"), future-like ("is set/due/
  expected/to VERB", a headline's "Russia to ask"), past ("was/were/had/did", a past form that
  is not a past participle, or a past-or-participle form right after a subject pronoun; after
  a noun it is a weak past: "prices increased" or "journalist accused of"), perfect ("has/have
  VBN", which renders a Russian past), present ("is/are/am/do/does", a 3rd-person -s verb after
  a subject word) and modal ("would/could/can/may/might/must/should", "was going to").
- **Past → future**: every source verb is past, and the translation has future groups and no
  modal one (sequence of tenses, "said it would", is then no contradiction); the future groups
  are flagged, suggestion "said" for "will say".
- **Future → past**: every source verb is future, no participle or gerund speaks of another
  time («памятник погибшим»), and the translation has a plain past (or only weak pasts and no
  present) and no future, future-like or modal group; the past groups are flagged, suggestion
  "will take" for "took".
- **A source of several times** («сказал, что приедет»): a future or plain past English group
  whose main verb the dictionary aligner (mtqa.lexicon.align) links only to source verbs of the
  other time is flagged, unless another English group of that time renders the same source
  verbs ("he's going to tell everything … I didn't tell him" for «растреплет … не рассказал»:
  the future group renders a word the dictionary does not link).

A present rendering is never judged: English news writes "says" for «заявил» and headlines in
the present, and Russian news uses its present for past events (historical present) and for
scheduled ones («вступает в силу с 1 января»).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from mtqa.errors import MtqaError
from mtqa.lexicon import lemmas as lexicon_lemmas

PAST, PRESENT, FUTURE = "past", "present", "future"
# A past-or-participle form after a noun: "prices increased", or a headline's "journalist
# accused of": it blocks a past -> future finding, and is flagged only beside a plain past.
WEAK_PAST = "weak_past"
_RU_WORD = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A clause ends at these marks; «бы» marks a conditional in its own clause only.
_RU_CLAUSE = regex.compile(r"[,;:—–()«»\"“”.!?]")
_RU_CLAUSE_SPLIT = regex.compile(f"({_RU_CLAUSE.pattern})")  # keeps the marks (offsets add up)
_RU_CONDITIONAL = frozenset({"бы", "б", "чтобы", "чтоб"})
# A clause of purpose («чтобы заставить Китай измениться»): its infinitives speak of what is to
# come after the main verb's time, which English may render with "will" ("so that China will
# change" beside "called"), so a source with one is not all past.
_RU_PURPOSE = frozenset({"чтобы", "чтоб", "дабы"})
PURPOSE = "purpose"
_RU_BE = _words("был была было были будет будут буду будем будешь будете")
# Present-tense reporting verbs («сообщает ТАСС», «говорится в заявлении») attribute what they
# report and say nothing about its time: they are left out of the source's tenses.
_RU_REPORTING = _words(
    "сообщать сообщаться говорить говориться отмечать отмечаться утверждать цитировать "
    "писать передавать заявлять подчеркивать уточнять указывать указываться информировать "
    "рассказывать считать полагать добавлять пояснять констатировать"
)
# Parses below this share of the likeliest one's score are not plausible enough to count.
_PLAUSIBLE = 0.1
_RU_TENSE = {"past": PAST, "pres": PRESENT, "futr": FUTURE}

_EN_TOKEN = regex.compile(
    r"[A-Za-z]+(?=n['’]t\b)|n['’]t\b|['’](?:ll|s|re|ve|d|m|t)\b|[A-Za-z]+(?:-[A-Za-z]+)*"
)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODAL = frozenset({"would", "could", "can", "ca", "may", "might", "must", "should", "'d"})
_BE_PRESENT = frozenset({"is", "are", "am", "'m", "'re", "'s"})
_BE_PAST = frozenset({"was", "were"})
_BE = _BE_PRESENT | _BE_PAST
_HAVE_PRESENT = frozenset({"has", "have", "'ve"})
_DO_PRESENT = frozenset({"do", "does"})
_AUX = (
    _FUTURE_AUX
    | _MODAL
    | _BE_PRESENT
    | _BE_PAST
    | _HAVE_PRESENT
    | _DO_PRESENT
    | {"be", "been", "being", "had", "having", "did", "to", "get", "gets", "got", "getting"}
)
# Words that may stand between an auxiliary and its verb.
_ADVERBS = _words(
    "not n't also still soon never then only probably likely certainly definitely now "
    "again already just even further finally first actually really always immediately "
    "eventually reportedly allegedly apparently indeed thus therefore yet ever hardly "
    "once"
)
# Before "will" these make it the noun ("political will", "the will of the people").
_NOUN_BEFORE = _words(
    "the a an of political own good free his her their its our my your popular "
    "people's general strong no"
)
# A past participle right after these is no finite past ("the announced plan").
_ATTRIBUTIVE = _words(
    "the a an this that these those its their his her our my your some any no each "
    "every newly recently previously well so-called of in on at for with from by as "
    "than"
)
_SUBJECTS = _words("i we you he she it they who which that there")
_FUTURE_LIKE = frozenset({"set", "due", "expected", "scheduled", "planned", "poised", "about"})


@dataclass(frozen=True)
class VerbGroup:
    """An English verb group: its span, its time reference and its main verb."""

    start: int
    end: int
    kind: str  # "future", "future_like", "past", "perfect", "present", "modal"
    text: str
    verb: str  # the main verb's lemma ("" when unknown)
    negated: bool


@dataclass(frozen=True)
class TenseFinding:
    start: int
    end: int
    source_tense: str  # what the source's finite verbs say: "past" or "future"
    mt_tense: str  # what the flagged group says
    message: str
    suggestion: str | None


def _morph() -> Any:
    """The one pymorphy3 analyser every lexical module shares (mtqa.lexicon.lemmas)."""
    from mtqa.lexicon.lemmas import _morph as shared

    return shared()


@lru_cache(maxsize=65536)
def _word_info(low: str) -> tuple[str | None, str | None, frozenset[str], str, bool]:
    """What source_tense asks about a Russian word, from one pymorphy3 parse: (the kind of
    participle it is, the tense it shows, the tenses it could have, its likeliest lemma, whether
    its likeliest parse is in the 2nd person) - lemma "" for a word with no parse."""
    parses = _morph().parse(low)
    shown, possible = _tenses_of(parses)
    if not parses:
        return _participle_of(parses), shown, possible, "", False
    lemma = str(parses[0].normal_form).replace("ё", "е")
    return _participle_of(parses), shown, possible, lemma, parses[0].tag.person == "2per"


@lru_cache(maxsize=65536)
def _is_infinitive(low: str) -> bool:
    """Whether a Russian word's likeliest parse is an infinitive."""
    parses = _morph().parse(low)
    return bool(parses) and parses[0].tag.POS == "INFN"


def _participle_of(parses: Any) -> str | None:
    """The kind of a participle: "short" for a short one (назначен), the tense of a full participle or gerund
    (погибшим: past, обвиняемого: present), else None."""
    if not parses:
        return None
    if parses[0].tag.POS == "PRTS":
        return "short"
    # «погибшим» is likeliest an adjective ("the dead"), but a participle all the same
    for p in parses:
        if p.score < _PLAUSIBLE * parses[0].score:
            break
        if p.tag.POS in ("PRTF", "GRND") and p.tag.tense in _RU_TENSE:
            return _RU_TENSE[p.tag.tense]
    return None


def _tenses_of(parses: Any) -> tuple[str | None, frozenset[str]]:
    """(the tense a Russian word shows, every tense a plausible verb parse of it could have)."""
    if not parses:
        return None, frozenset()
    top = parses[0].score
    possible = set()
    for p in parses:
        if p.score < _PLAUSIBLE * top:
            continue
        if p.tag.POS == "VERB" and p.tag.mood == "indc" and p.tag.tense in _RU_TENSE:
            possible.add(_RU_TENSE[p.tag.tense])
        elif p.tag.POS == "VERB":
            possible.add(PRESENT)  # an imperative: not a past, not a future
    tag = parses[0].tag
    shown = None
    if tag.POS == "VERB" and tag.mood == "indc" and tag.tense in _RU_TENSE and len(possible) == 1:
        shown = _RU_TENSE[tag.tense]
    return shown, frozenset(possible)


@dataclass(frozen=True)
class SourceTense:
    """The time references of a Russian source's finite verbs."""

    shown: dict[str, tuple[str, ...]]  # tense -> source verbs that show it
    possible: frozenset[str]  # every tense some verb could have ("conditional" too)
    participles: frozenset[str]  # tenses of full participles and gerunds (погибшим, выступая)
    # source word start -> the time it refers to: a tense, or "conditional", "participle",
    # "ambiguous"; words that are no verb at all are absent
    at: dict[int, str]


@lru_cache(maxsize=4096)  # per source: checked against every translation of it; read only
def source_tense(src: str) -> SourceTense:
    """What the finite verbs of a Russian source say about its time."""
    shown: dict[str, list[str]] = {PAST: [], PRESENT: [], FUTURE: []}
    possible: set[str] = set()
    participles: set[str] = set()
    at: dict[int, str] = {}
    offset = 0
    for clause in _RU_CLAUSE_SPLIT.split(src):
        here, offset = offset, offset + len(clause)
        found = list(_RU_WORD.finditer(clause))
        words = [m.group() for m in found]
        lows = {w.lower() for w in words}
        conditional = bool(lows & _RU_CONDITIONAL)
        purpose = bool(lows & _RU_PURPOSE)
        for i, w in enumerate(words):
            pos = here + found[i].start()
            low = w.lower().replace("ё", "е")
            if purpose and _is_infinitive(low):
                # «чтобы заставить Китай измениться»: "so that China will change"
                possible.add(PURPOSE)
                at[pos] = PURPOSE
                continue
            participle, tense, could, lemma, second_person = _word_info(low)
            participle_short = participle == "short"
            if participle_short:
                # «назначен» is a present state; «был назначен», «будет назначен» have a time
                participle = PRESENT if not lows & _RU_BE else None
            if participle == PRESENT and participle_short:
                possible.add(PRESENT)
                at[pos] = PRESENT
                continue
            if participle is not None:
                participles.add(participle)  # "those who died": the source is not all future
                at[pos] = "participle"
                continue
            if tense == PRESENT and lemma in _RU_REPORTING:
                continue
            if tense == FUTURE and ((i and words[i - 1].lower() == "не") or second_person):
                # «не выкинешь», «не смогут»: "cannot", "you" of a saying - no plain future
                possible.add(PRESENT)
                at[pos] = PRESENT
                continue
            if conditional and PAST in could:
                possible.add("conditional")
                at[pos] = "conditional"
                continue
            possible |= could
            if tense is not None:
                shown[tense].append(w)
                at[pos] = tense
            elif could:
                at[pos] = "ambiguous"
    return SourceTense(
        {k: tuple(v) for k, v in shown.items()},
        frozenset(possible),
        frozenset(participles),
        at,
    )


# lemminflect's Penn tags of a VERB (its uposToTags("VERB"))
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})


@lru_cache(maxsize=65536)
def _en_forms(low: str) -> tuple[str, frozenset[str]]:
    """(a verb lemma, the Penn tags the word can be as a form of it), or ("", {}).

    lemminflect's ``getAllLemmas(low)["VERB"]`` and ``getAllInflections(lemma, "VERB")``, read
    from its tables without the copies its public calls make (mtqa.lexicon.lemmas)."""
    lemmas = lexicon_lemmas.all_lemmas(low).get("VERB")
    if not lemmas:
        return "", frozenset()
    lemma = lemmas[0]
    inflections = {
        t: v for t, v in lexicon_lemmas.all_inflections(lemma).items() if t in _VERB_TAGS
    }
    tags = {t for t, forms in inflections.items() if low in forms}
    if "VBD" in tags and "VBN" not in inflections:
        tags.add("VBN")  # lemminflect leaves out a past participle spelt as the past
    if low in lemmas[1:]:
        tags.add("base")  # "lay": the past of "lie", and a verb of its own
    return lemma, frozenset(tags)


def _next_verb(tokens: list[tuple[str, int, int]], i: int, limit: int = 3) -> int | None:
    """Index of the first token after ``i`` that is not an adverb, within ``limit`` tokens."""
    for j in range(i + 1, min(len(tokens), i + 1 + limit)):
        if tokens[j][0].lower() not in _ADVERBS and not tokens[j][0].lower().endswith("ly"):
            return j
    return None


def _prev_word(tokens: list[tuple[str, int, int]], i: int) -> int | None:
    """Index of the nearest token before ``i`` that is not an adverb."""
    for j in range(i - 1, max(-1, i - 4), -1):
        low = tokens[j][0].lower()
        if low not in _ADVERBS and not low.endswith("ly"):
            return j
    return None


def _is_base(word: str) -> bool:
    tags = _en_forms(word.lower())[1]
    return "VB" in tags or word.lower() in ("be", "have")


def _en_tokens(mt: str) -> list[tuple[str, int, int]]:
    """English words with offsets; "won 't" (tokenised text) is read as "wo n't"."""
    tokens: list[tuple[str, int, int]] = []
    for m in _EN_TOKEN.finditer(mt):
        word = m.group()
        if word in ("'t", "’t") and tokens and tokens[-1][0].lower().endswith("n"):
            last, start, end = tokens.pop()
            tokens.append((last[:-1], start, end - 1))
            tokens.append(("n't", end - 1, m.end()))
            continue
        tokens.append((word, m.start(), m.end()))
    return tokens


def _may_have_future(mt: str) -> bool:
    """False when ``mt`` has no token a future group starts with (english_groups adds a
    "future" group only at one of these)."""
    low = mt.lower()
    if not any(part in low for part in _FUTURE_TEXT):
        return False  # (most sentences: no token can be one, the text need not be tokenised)
    return any(t[0].lower().replace("’", "'") in _FUTURE_START for t in _en_tokens(mt))


_FUTURE_START = _FUTURE_AUX | {"going"}
# What the text of each of those tokens contains ("wo" is only read from "won't" or "won 't").
_FUTURE_TEXT = ("will", "shall", "'ll", "’ll", "won", "going")


def english_groups(mt: str) -> list[VerbGroup]:
    """The finite verb groups of an English sentence with their time reference."""
    tokens = _en_tokens(mt)
    groups: list[VerbGroup] = []
    used: set[int] = set()

    def add(i: int, j: int, kind: str, verb: str) -> None:
        used.update(range(i, j + 1))
        negated = any(tokens[k][0].lower() in ("not", "n't", "never") for k in range(i, j + 1))
        text = mt[tokens[i][1] : tokens[j][2]]
        groups.append(VerbGroup(tokens[i][1], tokens[j][2], kind, text, verb, negated))

    for i, (word, _, _) in enumerate(tokens):
        if i in used:
            continue
        low = word.lower().replace("’", "'")
        prev = tokens[i - 1][0].lower() if i else ""
        if low in _FUTURE_AUX:
            if low == "will" and prev in _NOUN_BEFORE:
                continue
            j = _next_verb(tokens, i)
            if j is not None and _is_base(tokens[j][0]):
                k = j
                # "will be held", "will have to": the group runs to the participle or verb
                if tokens[j][0].lower() in ("be", "have") and j + 1 < len(tokens):
                    lemma, tags = _en_forms(tokens[j + 1][0].lower())
                    if tags & {"VBN", "VBG"}:
                        k = j + 1
                add(i, k, FUTURE, _en_forms(tokens[k][0].lower())[0])
            continue
        if low == "to" and 0 < i <= 3 and i + 1 < len(tokens) and _is_base(tokens[i + 1][0]):
            if _subject_like(tokens[i - 1][0]) and prev not in _AUX:
                add(i, i + 1, "future_like", "")  # a headline's "Russia to ask"
            continue
        if low in _MODAL:
            add(i, i, "modal", "")
            continue
        if low in _BE:
            j = _next_verb(tokens, i)
            nxt = tokens[j][0].lower() if j is not None else ""
            if (
                low in _BE_PRESENT
                and j is not None
                and nxt == "going"
                and j + 2 < len(tokens)
                and tokens[j + 1][0].lower() == "to"
                and _is_base(tokens[j + 2][0])
            ):
                add(i, j + 2, FUTURE, _en_forms(tokens[j + 2][0].lower())[0])  # "is going to win"
                continue
            after_next = tokens[j + 1][0].lower() if j is not None and j + 1 < len(tokens) else ""
            if low in _BE_PAST and nxt == "going" and after_next == "to" and j is not None:
                add(i, j + 1, "modal", "")  # "was going to": a future seen from the past
                continue
            if low in _BE_PRESENT and (nxt in _FUTURE_LIKE or nxt == "to"):
                add(i, j if j is not None else i, "future_like", "")
                continue
            if low == "'s" and not (nxt and _en_forms(nxt)[1] & {"VBN", "VBG"}):
                continue  # a possessive, or "it's" we cannot tell
            k = i
            if j is not None and _en_forms(nxt)[1] & {"VBN", "VBG"}:
                k = j
            kind = PAST if low in _BE_PAST else PRESENT
            add(i, k, kind, _en_forms(tokens[k][0].lower())[0] if k != i else "be")
            continue
        if low in _HAVE_PRESENT or low == "had":
            j = _next_verb(tokens, i)
            if j is not None and "VBN" in _en_forms(tokens[j][0].lower())[1]:
                kind = "perfect" if low != "had" else PAST
                add(i, j, kind, _en_forms(tokens[j][0].lower())[0])
            elif prev not in _AUX:
                add(i, i, PRESENT if low != "had" else PAST, "have")
            continue
        if low in _DO_PRESENT or low == "did":
            if prev in _AUX:
                continue
            j = _next_verb(tokens, i)
            k = j if j is not None and _is_base(tokens[j][0]) else i
            kind = PAST if low == "did" else PRESENT
            add(i, k, kind, _en_forms(tokens[k][0].lower())[0] if k != i else "do")
            continue
        lemma, tags = _en_forms(low)
        if not tags or low in _AUX:
            continue
        p = _prev_word(tokens, i)
        before = tokens[p][0].lower() if p is not None else ""
        if before in _AUX:
            continue  # a participle or infinitive of a group counted at its auxiliary
        after = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
        subject = before in _SUBJECTS or (p is not None and _subject_like(tokens[p][0]))
        if "VBD" in tags and "VBN" not in tags and "VB" not in tags:
            if before not in _ATTRIBUTIVE and not (i == 0 and "base" in tags):  # "Lay on"
                add(i, i, PAST, lemma)  # took, rose, went
        elif "VBD" in tags and "VB" not in tags:
            if before in _SUBJECTS:
                add(i, i, PAST, lemma)  # "he said"
            elif subject and after != "by" and before not in _ATTRIBUTIVE:
                add(i, i, WEAK_PAST, lemma)  # "prices increased", or "journalist accused of'
        elif ("VBZ" in tags and subject and before not in _ATTRIBUTIVE) or (
            "VBP" in tags and before in ("i", "we", "you", "they")
        ):
            add(i, i, PRESENT, lemma)  # "prices fall", "they say"
    return groups


def _subject_like(word: str) -> bool:
    """A word that may be the subject right before its verb: a name, or a noun."""
    if word[:1].isupper():
        return True
    return _noun_like(word.lower())


@lru_cache(maxsize=65536)
def _noun_like(low: str) -> bool:
    """Whether lemminflect knows ``low`` as a form of a noun or proper noun."""
    parts = lexicon_lemmas.all_lemmas(low)
    return "NOUN" in parts or "PROPN" in parts


def _inflect(lemma: str, tag: str) -> str | None:
    from lemminflect import getInflection

    if not lemma:
        return None
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def _to_past(group: VerbGroup, plural: bool | None) -> str | None:
    """The past of a future group: "said" for "will say", "did not say" for "will not say",
    "was held" for "will be held" when ``plural`` (the subject's number) is known."""
    if group.kind != FUTURE or not group.verb:
        return None
    words = [w for w in group.text.split() if w.lower() not in ("not", "n't", "never")]
    neg = " not" if group.negated else ""
    if "be" in (w.lower() for w in words):
        if plural is None:
            return None
        rest = words[[w.lower() for w in words].index("be") + 1 :]
        return " ".join([("were" if plural else "was") + neg, *rest])
    lows = [w.lower() for w in words]
    if "have" in lows:  # "will have signed" -> "had signed", "will also have" -> "had"
        return " ".join([f"had{neg}", *words[lows.index("have") + 1 :]])
    if group.negated:
        return f"did not {group.verb}"
    return _inflect(group.verb, "VBD")


def _plural(mt: str, group: VerbGroup, source_verbs: list[str]) -> bool | None:
    """The number of a group's subject: a pronoun right before it, else the one number of the
    source's forms of быть it renders (было: singular, были: plural), else None."""
    before = _en_tokens(mt[: group.start])
    if before:
        low = before[-1][0].lower()
        if low in ("i", "he", "she", "it", "this", "that"):
            return False
        if low in ("we", "you", "they"):
            return True
    # only быть agrees with the English subject of "will be": «завод построили» (they built)
    # is "the plant will be built", singular
    parses = [_morph().parse(w.lower())[0] for w in source_verbs]
    if not parses or any(p.normal_form != "быть" for p in parses):
        return None
    numbers = {p.tag.number for p in parses}
    return numbers == {"plur"} if len(numbers) == 1 and None not in numbers else None


def _to_future(group: VerbGroup) -> str | None:
    """The future of a past group: "will take" for "took", "will be held" for "was held"."""
    words = group.text.split()
    first = words[0].lower()
    neg = " not" if group.negated else ""
    if first in _BE_PAST:
        rest = [w for w in words[1:] if w.lower() not in ("not", "n't", "never")]
        return " ".join([f"will{neg} be", *rest])
    if first == "had" and len(words) > 1:
        return f"will{neg} have {words[-1]}"
    if first == "did":
        return f"will{neg} {group.verb}" if group.verb and group.verb != "do" else None
    if len(words) == 1 and group.verb:
        return f"will {group.verb}"
    return None


def tense_findings(src: str, mt: str) -> list[TenseFinding]:
    """English verb groups whose time reference the Russian source's verbs contradict."""
    if not src.strip() or not mt.strip():
        return []
    source = source_tense(src)
    # Shortcuts with the same answer (tests/unit/test_source_shortcuts.py): every branch of
    # _judged needs a source verb that shows its tense, and an all-past source needs a future
    # group, which starts at a future auxiliary or "going" ("is going to win").
    if not source.shown[PAST] and not source.shown[FUTURE]:
        return []
    if source.possible == {PAST} and not _may_have_future(mt):
        return []
    return _judged(src, mt, source, english_groups(mt))


def _judged(src: str, mt: str, source: SourceTense, groups: list[VerbGroup]) -> list[TenseFinding]:
    """The findings of tense_findings from the source's tenses and the translation's groups."""
    # A past in an English "if" clause is a conditional ("asked if he feared a backlash if
    # they won the election" for «если они выиграют»): it speaks of no past time.
    groups = [g for g in groups if not (g.kind in (PAST, WEAK_PAST) and _in_if_clause(mt, g))]
    kinds = {g.kind for g in groups}
    findings = []
    if source.possible - {PURPOSE} == {PAST} and source.shown[PAST]:
        if FUTURE in kinds and "modal" not in kinds:
            shown = ", ".join(f"«{w}»" for w in dict.fromkeys(source.shown[PAST][:3]))
            purpose = _purpose_from(src, source)
            reported = _speech_only(source)
            for g in groups:
                if reported and _in_reported_clause(mt, g, groups):
                    continue
                if g.kind == FUTURE and g.start < purpose * len(mt):
                    findings.append(
                        TenseFinding(
                            g.start,
                            g.end,
                            PAST,
                            FUTURE,
                            f"«{g.text}» speaks of the future, but the source's verbs are all "
                            f"past ({shown})",
                            _to_past(g, _plural(mt, g, list(source.shown[PAST]))),
                        )
                    )
    elif source.possible == {FUTURE} and source.shown[FUTURE] and not source.participles:
        strong = PAST in kinds or (WEAK_PAST in kinds and not kinds & {PRESENT, "perfect"})
        if strong and not kinds & {FUTURE, "future_like", "modal"}:
            shown = ", ".join(f"«{w}»" for w in dict.fromkeys(source.shown[FUTURE][:3]))
            for g in groups:
                if g.kind not in (PAST, WEAK_PAST):
                    continue
                findings.append(
                    TenseFinding(
                        g.start,
                        g.end,
                        FUTURE,
                        PAST,
                        f"«{g.text}» speaks of the past, but the source's verbs are all "
                        f"future ({shown})",
                        _to_future(g),
                    )
                )
    else:
        findings = _aligned_findings(src, mt, source, groups)
    return findings


_IF = frozenset({"if", "unless"})

# Russian verbs of saying, warning and promising: «предупредила о последствиях», «заявил о
# повышении пенсий» put what was said in a noun, which English renders as a clause with its own
# time ("warned that Russia will face consequences", "said that pensions will be raised").
_RU_SPEECH = _RU_REPORTING | _words(
    "сказать заявить сообщить предупредить предупреждать пообещать обещать объявить объявлять "
    "отметить подчеркнуть пригрозить грозить напомнить рассказать уведомить известить "
    "спрогнозировать прогнозировать предсказать допустить анонсировать"
)
# English verbs that open such a clause (lemmas).
_EN_SPEECH = _words(
    "say warn announce state promise declare report note tell threaten predict add explain "
    "confirm assure vow pledge stress emphasize emphasise remind caution claim insist reveal "
    "inform notify signal suggest indicate write"
)


def _speech_only(source: SourceTense) -> bool:
    """Whether every past verb the source shows is a verb of saying (its likeliest lemma), so
    the source gives no time to what was said."""
    words = source.shown[PAST]
    if not words:
        return False
    for w in words:
        lemmas = lexicon_lemmas.ru_lemmas(w.lower())
        if not lemmas or lemmas[0].lemma not in _RU_SPEECH:
            return False
    return True


def _in_reported_clause(mt: str, group: VerbGroup, groups: list[VerbGroup]) -> bool:
    """Whether a future group stands in a "that" clause after an English past verb of saying
    ("warned that Russia will face", "said that pensions will be raised"): "that" at most six
    words before the group, and a past group of a speech verb before the "that"."""
    if group.kind != FUTURE:
        return False
    before = [t[0].lower() for t in _en_tokens(mt[: group.start])]
    tail = before[-6:]
    if "that" not in tail:
        return False
    that_at = mt[: group.start].lower().rfind("that")
    return any(
        g.kind in (PAST, WEAK_PAST, "perfect") and g.end <= that_at and g.verb in _EN_SPEECH
        for g in groups
    )


def _in_if_clause(mt: str, group: VerbGroup) -> bool:
    """Whether the group opens a clause of "if"/"unless" with at most two words of subject
    between ("if they won", "unless the party lost")."""
    before = [t[0].lower() for t in _en_tokens(mt[: group.start])][-3:]
    return any(w in _IF for w in before)


# How much earlier (share of the text) a translation may start a clause of purpose than its source.
_PURPOSE_SHIFT = 0.15


def _purpose_from(src: str, source: SourceTense) -> float:
    """Where (share of the source) its first clause of purpose starts, less _PURPOSE_SHIFT: a
    future group from there on in the translation may render it ("so that Kyiv will fulfil");
    2.0 when it has none (every group is judged)."""
    starts = [pos for pos, t in source.at.items() if t == PURPOSE]
    if not starts:
        return 2.0
    return min(starts) / max(1, len(src)) - _PURPOSE_SHIFT


def _own_time_twin(al: Any, source: SourceTense, partners: Any, kind: str) -> bool:
    """Whether the source has a verb of the group's own time (or one of two readings) that is
    the same verb as one it was linked to, in another aspect or with a prefix («что было, то видели, что будет,
    увидим»: "we will see" renders «увидим», not «видели»): the link picked the wrong one."""
    from mtqa.lexicon.lemmas import ru_lemmas

    linked = {lem.lemma for i in partners for lem in ru_lemmas(al.src[i].text) if lem.pos == "VERB"}
    for k, tok in enumerate(al.src):
        if k in partners or source.at.get(tok.start) not in (kind, "ambiguous"):
            continue
        for lem in ru_lemmas(tok.text):
            if lem.pos == "VERB" and any(
                len(v) >= 4 and (v in lem.lemma or lem.lemma in v) for v in linked
            ):
                return True
    return False


# The English groups that render a source verb of each time in its own time
_RENDERS = {PAST: (PAST, WEAK_PAST, "perfect"), FUTURE: (FUTURE, "future_like")}


def _aligned_findings(
    src: str, mt: str, source: SourceTense, groups: list[VerbGroup], exhaustive: bool = False
) -> list[TenseFinding]:
    """In a source of several times («сказал, что приедет»), a future or plain past English
    group whose main verb the dictionary aligner links only to source verbs of the other time
    (and to no participle, conditional or ambiguous form).

    Only groups whose other time some source word has are aligned (the others cannot be
    flagged); ``exhaustive`` aligns every future or past group (the same findings, for tests)."""
    wanted = [g for g in groups if g.kind in (FUTURE, PAST)]
    if not exhaustive:
        times = set(source.at.values())
        wanted = [g for g in wanted if (PAST if g.kind == FUTURE else FUTURE) in times]
    if not wanted or not (source.shown[PAST] or source.shown[FUTURE]):
        return []
    try:
        from mtqa.lexicon.align import align
        from mtqa.lexicon.lookup import load_lexicon

        al = align(load_lexicon(), src, mt)
    except (MtqaError, OSError):
        return []

    def partners_of(g: VerbGroup) -> Any:
        inside = [j for j, t in enumerate(al.mt) if g.start <= t.start < g.end]
        return al.partners_of_mt(inside[-1]) if inside else None  # the main verb: the last word

    out = []
    for g in wanted:
        partners = partners_of(g)
        if not partners:
            continue
        times = {source.at.get(al.src[i].start, "none") for i in partners}
        other = PAST if g.kind == FUTURE else FUTURE
        if times != {other}:
            continue
        if _own_time_twin(al, source, partners, g.kind):
            continue
        # another English group of the source verb's own time renders it ("I didn't tell him"
        # for «не рассказал»): this group renders some other source word the dictionary
        # does not link ("he's going to tell everything" for «растреплет»)
        if any(
            h is not g and h.kind in _RENDERS[other] and set(partners) <= set(partners_of(h) or ())
            for h in groups
        ):
            continue
        said = ", ".join(f"«{al.src[i].text}»" for i in partners)
        if g.kind == FUTURE:
            message = f"«{g.text}» speaks of the future, but the source's {said} is past"
            suggestion = _to_past(g, _plural(mt, g, [al.src[i].text for i in partners]))
        else:
            message = f"«{g.text}» speaks of the past, but the source's {said} is future"
            suggestion = _to_future(g)
        out.append(TenseFinding(g.start, g.end, other, g.kind, message, suggestion))
    return out
