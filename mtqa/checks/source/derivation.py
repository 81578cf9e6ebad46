"""Derivation swaps against the source: an English verb form the source word's grammar rules out.

A literal MT system often gets the word right and its form wrong: "developed countries" for
«развивающиеся страны» (a present *active* participle: developing), "the tank is not damaging"
for «танк не повреждён» (a *passive* participle: damaged), "the Jews conquering the Holy Land"
for «евреи завоевали» (a finite verb in the past: conquered), "voted at the Echo" for
«голосование» (an action noun: voting). The English word renders its source word (the lexicon
links them); pymorphy3's parse of the source word says which English form it needs:

===========================================  =================  ===============================
source word (every pymorphy3 parse agrees)   needs              contradicted by
===========================================  =================  ===============================
passive participle, full or short (PRTF/PRTS  -ed (VBN)          -ing
pssv; PRTS)
present active participle (PRTF actv pres)   -ing (VBG)         -ed
imperfective gerund (GRND impf)              -ing (VBG)         -ed
action noun (-ние/-тие, NOUN)                -ing (VBG)         -ed with no be/have/get before
finite verb in the past (VERB indc past)     -ed (VBD)          -ing with no form of "be" before
active verb in the present, singular or      -ing (VBG)         -ed after a form of "be" (a
first/second person, not reflexive                              passive: "is expanded")
perfective infinitive or past verb           -ed (VBN)          "be" + -ing (a progressive)
perfective future (VERB perf futr)           -ed (VBN)          modal + "be" + -ing
infinitive, not reflexive (INFN)             base or -ing       -ed with no be/have/get before
===========================================  =================  ===============================

An -ing word right after a form of "have" ("the government has adopting the law" for «приняло»)
is a perfect with the wrong participle whatever the source verb's form: it needs -ed (VBN) when
its source word is a verb or a participle.

The flag needs a second witness: the trigram LM must prefer the form the source asks for, in
place, by ``derivation_gain`` (log10; ``derivation_gain_past``, default 0.25, for an -ing word
that stands for a finite past verb: "The Jews conquering the Holy Land" for «завоевали», whose
trigram evidence is weaker; for a present active participle, whose "-ed" reading
contradicts the source outright, the LM must only not object by more than
``-derivation_gain_active``, and the flag is major). A gain of 1.0 or more makes a flag
major. The suggestion is that form, in the English word's case. An English word that renders
no source word (the lexicon lacks the verb) is judged against the uncovered source words within
``derivation_unlinked_window`` of its relative position (not for past verbs and present active
participles, which a participle clause or a lexicalised adjective renders freely).

**Before a noun** (:func:`_attributive_passive`): an -ing word right before an English noun
that renders a source word next to the source's full passive participle ("the occupying cities"
for «оккупированные города») contradicts the source's grammar by its position alone (an -ing
word before a noun is active), so the LM only must not object by more than
``derivation_gain_attributive`` (default 3.0); an -ing word the lexicon links to the
participle gets a major flag, one matched by position only a minor one. An irregular past form
("struck" for «бастующие») is judged against a present active participle the way an -ed form is.

**Agent and action nouns** (:func:`agent_action_flags`): the English noun renders its source
noun only through a word of the same family ("investigator" links to «расследование» through
its rendering "investigation"), and the two name different things: the source is an action noun
(-ние/-тие/-ция) and the English word an agent noun (-er/-or/-ist/-ant), or the other way round
(«следователь» → "investigation", «наблюдатели» → "observations"). The suggestion is the
family's rendering of the source's kind, in the English word's number, when the LM does not
object to it in place by more than ``derivation_gain_agent`` (default 0.0). These flags are
minor: the synthetic garbles have no such swap to tune on, and on the clean WMT21 references the
one this rule raised ("indications" for «показатели») is a loose rendering, not a garble.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from mtqa.lexicon.lemmas import en_lemmas, inflect, penn_tag, ru_lemmas

if TYPE_CHECKING:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import Alignment
    from mtqa.types import Flag, Segment

# English words before a participle that make "-ing" finite (progressive) ...
_EN_BE = frozenset(
    ["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "isn", "aren"]
)
# ... or "-ed" a passive or a perfect (a source noun restructured: "the reason they were killed").
_EN_AUX_ED = _EN_BE | frozenset(["have", "has", "had", "get", "got", "gets", "'ve", "'d"])
# Words that may stand between the auxiliary and the participle.
_EN_BETWEEN = frozenset(["not", "n't", "also", "still", "already", "just", "being", "been"])
_ACTION_NOUN_ENDINGS = ("ние", "тие")
# Judged only for an English word linked to its source word: by position alone, a past verb
# may stand beside a participle clause (", winning the Cup" for «завоевал»), and a present
# active participle may be a lexicalised adjective («выдающийся»: "celebrated").
_LINKED_ONLY = frozenset(["a finite verb in the past", "a present active participle"])
# English words after which an -ing form is a gerund or a noun ("of banning", "the beginning"),
# not a finite verb's stand-in.
_EN_GERUND_BEFORE = frozenset(
    ["of", "for", "on", "by", "in", "at", "from", "to", "about", "after", "before", "since",
     "without", "while", "when", "with", "into", "upon", "the", "a", "an", "this", "that", "his",
     "her", "its", "their", "our", "my", "your", "no", "any", "some", "keep", "kept", "keeps",
     "start", "started", "starts", "stop", "stopped", "stops", "begin", "began", "begun",
     "continue", "continued", "spent", "spend", "finish", "finished", "avoid", "avoided"]
)  # fmt: skip
# Source words that open a relative clause: its finite verb is often an English participle
# ("a police officer firing a gun" for «полицейский, который стреляет»).
_RU_RELATIVE = ("котор", "что", "где", "когда", "как")
# Modals before "be" + -ing: a future or modal progressive.
_EN_MODALS = frozenset(
    ["will", "would", "can", "cannot", "could", "may", "might", "must", "shall", "should", "'ll",
     "wo", "ca"]
)  # fmt: skip
# A perfect's auxiliary: "has" + -ing is never a perfect ("has adopting").
_EN_HAVE = frozenset(["have", "has", "had", "'ve", "'d"])
# Parts of speech of function words: a form with such a parse asks for no English form.
_RU_FUNCTION = frozenset(["PREP", "CONJ", "PRCL", "INTJ"])
# Module defaults for parameters the adequacy check may override (its params).
_DEFAULTS = {
    "derivation_gain_past": 0.25,
    "derivation_gain_agent": 0.0,
    "derivation_gain_attributive": 3.0,
}
# Agent and action nouns: Russian lemma endings, English lemma endings.
_RU_ACTION = ("ние", "тие", "ция")
_RU_AGENT = ("тель", "ник", "щик", "чик", "тор", "ист", "лог")
_EN_ACTION = ("ion", "ment", "ance", "ence", "ing", "ure", "sis", "ism")
_EN_AGENT = ("er", "or", "ist", "ant")


@lru_cache(maxsize=100_000)
def source_form(word: str) -> tuple[str, str] | None:
    """(the English form the Russian word form needs, why) or None when its parses disagree or
    ask for no form: ("VBN", "a passive participle"), ("VBG", "a present active participle"),
    ("VBD", "a finite verb in the past"), ("VBG", "an active verb in the present": judged only
    against a passive, since English renders it by a simple or a progressive form, or by a
    participle in a reduced clause)."""
    from mtqa.lexicon.lemmas import _morph

    wants: set[tuple[str, str]] = set()
    parses = _morph().parse(word)
    if any(p.tag.POS in _RU_FUNCTION for p in parses):
        return None  # «для», «благодаря», «хотя»: a preposition or conjunction, not a gerund
    for parse in parses:
        tag = parse.tag
        pos = tag.POS
        if pos == "PRTS" or (pos == "PRTF" and tag.voice == "pssv"):
            wants.add(("VBN", "a passive participle"))
        elif pos == "PRTF" and tag.voice == "actv" and tag.tense == "pres":
            wants.add(("VBG", "a present active participle"))
        elif pos == "GRND" and tag.aspect == "impf":
            wants.add(("VBG", "an imperfective gerund"))
        elif (
            pos == "NOUN"
            and parse.normal_form.endswith(_ACTION_NOUN_ENDINGS)
            and _has_verb(parse.normal_form)
        ):
            wants.add(("VBG", "an action noun"))
        elif pos == "VERB" and tag.mood == "indc" and tag.tense == "past":
            wants.add(("VBD", "a finite verb in the past"))
        elif (
            pos == "VERB"
            and tag.mood == "indc"
            and tag.tense == "pres"
            and not word.endswith(("ся", "сь"))
            and tag.transitivity != "intr"
            and (tag.number == "sing" or tag.person in ("1per", "2per"))
        ):
            # An intransitive verb has no passive: "is bored" for «скучает» is an adjective.
            # Active, and not the impersonal third plural («здесь готовят» = "is prepared"):
            # "is expanded" for «расширяет» reads it as a passive.
            wants.add(("VBG", "an active verb in the present"))
        elif pos == "INFN" and not word.endswith(("ся", "сь")):
            # An English -ed word contradicts it ("start loved" for «начать любить»); an -ing
            # word does not ("started reading" for «начали читать»).
            wants.add(("VB", "an infinitive"))
        elif pos in ("PRTF", "GRND"):
            return None  # a past active participle, a perfective gerund: either form is usual
    return wants.pop() if len(wants) == 1 else None


# Consonant alternations between an -ение noun and its verb (отношение: относить).
_RU_ALTERNATIONS = {"ш": ("с", "х"), "ж": ("з", "д", "г"), "ч": ("т", "к"), "щ": ("ст", "т", "ск")}


@lru_cache(maxsize=100_000)
def _has_verb(lemma: str) -> bool:
    """Whether an -ние/-тие noun names an action: a verb it derives from is a known infinitive
    (голосование: голосовать, отношение: относить, освобождение: освободить); «здание»,
    «событие», «предприятие» are things, not actions."""
    from mtqa.lexicon.lemmas import _morph

    stem = lemma[:-3]
    found = [stem + "ть"] if stem.endswith(("а", "я")) or lemma.endswith("тие") else []
    if stem.endswith("е"):
        base = stem[:-1]
        bases = [base]
        if len(base) > 1 and base[-1] == "л" and base[-2] in "бвмпф":
            bases.append(base[:-1])  # явление: явить
        if base.endswith("жд"):
            bases.append(base[:-2] + "д")  # освобождение: освободить
        if base and base[-1] in _RU_ALTERNATIONS:
            bases += [base[:-1] + alt for alt in _RU_ALTERNATIONS[base[-1]]]
        found += [b + end for b in bases for end in ("ить", "еть", "ать", "ять")]
        found.append(stem + "ть")
    found += [lemma[:-2] + end for end in ("овать", "вовать")]  # участие: участвовать
    morph = _morph()
    return any(
        morph.word_is_known(v) and any(p.tag.POS == "INFN" for p in morph.parse(v))
        for v in [*found, *(f + "ся" for f in found)]
    )


@lru_cache(maxsize=100_000)
def perfective(word: str) -> bool:
    """Whether every parse of the Russian word form is a perfective infinitive or past verb (a
    perfective future is not: "is leaving" for «покинет» is an English future)."""
    from mtqa.lexicon.lemmas import _morph

    parses = _morph().parse(word)
    return bool(parses) and all(
        p.tag.aspect == "perf"
        and (p.tag.POS == "INFN" or (p.tag.POS == "VERB" and p.tag.tense == "past"))
        for p in parses
    )


@lru_cache(maxsize=100_000)
def perfective_future(word: str) -> bool:
    """Whether every parse of the Russian word form is a perfective verb in the future
    (уберут, лишатся, отгородится)."""
    from mtqa.lexicon.lemmas import _morph

    parses = _morph().parse(word)
    return bool(parses) and all(
        p.tag.POS == "VERB" and p.tag.aspect == "perf" and p.tag.tense == "futr" for p in parses
    )


def _modal_be(mt_low: list[str], j: int) -> bool:
    """Whether word j follows "be" after a modal ("will be", "will not be", "cannot be")."""
    k = j - 1
    while k >= 0 and (mt_low[k] in _EN_BETWEEN or mt_low[k].endswith("ly")) and mt_low[k] != "be":
        k -= 1
    if k < 1 or mt_low[k] != "be":
        return False
    k -= 1
    while k >= 0 and mt_low[k] in ("not", "n't", "also", "still", "never"):
        k -= 1
    return k >= 0 and mt_low[k] in _EN_MODALS


def _english_form(word: str) -> tuple[str, str] | None:
    """(Penn tag, verb lemma) of an English -ing or -ed verb form, else None."""
    low = word.lower()
    if not low.isalpha() or len(low) < 5 or not low.endswith(("ing", "ed")):
        return None
    tag = penn_tag(low)
    if tag not in ("VBG", "VBD", "VBN"):
        return None
    verbs = [lem.lemma for lem in en_lemmas(low) if lem.pos == "VERB"]
    if not verbs:
        return None
    return tag, verbs[0]


def _irregular_past(word: str) -> tuple[str, str] | None:
    """(Penn tag, verb lemma) of an irregular past form ("struck", "led", "held"), else None."""
    low = word.lower()
    if not low.isalpha() or len(low) < 3 or low.endswith("ing"):
        return None
    tag = penn_tag(low)
    if tag not in ("VBD", "VBN"):
        return None
    verbs = [lem.lemma for lem in en_lemmas(low) if lem.pos == "VERB" and lem.lemma != low]
    if not verbs or (low.endswith("ed") and low.startswith(verbs[0][:-1])):
        return None  # a regular form ("voted"): _english_form's
    return tag, verbs[0]


def _after(mt_low: list[str], j: int, words: frozenset[str]) -> bool:
    """Whether one of ``words`` stands before word j (adverbs such as "not", "constantly" may
    come between)."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if mt_low[k] in words:
            return True
        if mt_low[k] not in _EN_BETWEEN and not mt_low[k].endswith("ly"):
            return False
    return False


def _coordinated(mt_low: list[str], j: int) -> bool:
    """Whether word j follows "and"/"or" with an auxiliary not long before, the second of two
    participles sharing it ("be placed in a garage or parked")."""
    if j < 2 or mt_low[j - 1] not in ("and", "or"):
        return False
    return any(w in _EN_AUX_ED for w in mt_low[max(0, j - 9) : j - 1])


def _after_have(mt_low: list[str], j: int) -> bool:
    """Whether a form of "have" stands before word j with at most adverbs between ("has
    noticeably strengthening"; not "has been raising", a perfect progressive)."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if mt_low[k] in _EN_HAVE:
            return True
        between = mt_low[k] in ("not", "n't", "also", "already", "just", "still", "never")
        if not between and not mt_low[k].endswith("ly"):
            return False
    return False


def _relative(al: Alignment, i: int) -> bool:
    """Whether source word i is a verb of a relative or subordinate clause (a relative pronoun
    or conjunction among the three words before it)."""
    return any(al.src[k].text.lower().startswith(_RU_RELATIVE) for k in range(max(0, i - 3), i))


# Words that open a noun phrase: an -ing word right before one takes it as its object.
_EN_JOINERS = frozenset(["and", "or", "but", "then", "thus", "so", "as", "who", "which"])
_EN_OBJECT_START = frozenset(["a", "an", "the", "his", "her", "its", "their", "our", "my", "your"])


def _takes_object(mt: str, al: Alignment, mt_low: list[str], j: int) -> bool:
    """Whether the -ing word j takes an object right after its subject ("Krychowiak publishing
    a new post"): it follows a word (no punctuation: ", finding her guilty" is a participle
    clause; no article, preposition or conjunction) and comes before an article or possessive,
    which a noun reading ("the publishing of") would not."""
    if j == 0 or j + 1 >= len(mt_low) or mt_low[j + 1] not in _EN_OBJECT_START:
        return False
    if any(c in ",;:()—–" for c in mt[al.mt[j - 1].end : al.mt[j].start]):
        return False
    before = mt_low[j - 1]
    return before.isalpha() and before not in _EN_GERUND_BEFORE and before not in _EN_JOINERS


def _noun_reading(word: str) -> bool:
    """An -ing word English also uses as a noun of its own ("meeting", "beginning")."""
    low = word.lower()
    return any(lem.pos == "NOUN" and lem.lemma == low for lem in en_lemmas(low))


def derivation_flags(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[Flag]:
    """An English -ing/-ed word whose source word asks for the other form, the LM agreeing."""
    flags: list[Flag] = []
    mt_low = [t.text.lower() for t in al.mt]
    margin = float(check._p["derivation_gain"])
    active_margin = float(check._p["derivation_gain_active"])
    unlinked_window = int(check._p["derivation_unlinked_window"])
    past_margin = _param(check, "derivation_gain_past")
    scale = len(al.src) / max(1, len(al.mt))
    for j, tok in enumerate(al.mt):
        if not al.mt_content[j]:
            continue
        form = _english_form(tok.text)
        irregular = False
        if form is None:
            form = _irregular_past(tok.text)
            irregular = form is not None
        if form is None:
            continue
        tag, verb = form
        partners: tuple[int, ...] | list[int] = al.partners_of_mt(j)
        if not partners:
            if unlinked_window <= 0:
                continue
            # Renders no source word (the lexicon lacks the verb): the uncovered source verb
            # forms at the same relative position stand in.
            centre = j * scale
            partners = [
                i
                for i in range(len(al.src))
                if abs(i - centre) <= unlinked_window
                and al.src_content[i]
                and not al.src_linked(i)
                and _verbal(al.src[i].text.lower())
            ]
        wanted: tuple[str, str] | None = None
        src_i = -1
        progressive = tag == "VBG" and _after(mt_low, j, _EN_BE)
        perfect = tag == "VBG" and _after_have(mt_low, j) and not _noun_reading(tok.text)
        for i in partners:
            need = source_form(al.src[i].text.lower())
            if progressive and perfective(al.src[i].text.lower()):
                # "be" + -ing is a progressive, which a perfective verb never is ("should be
                # including" for «следует включить», "was closing" for «закрыл»).
                need = ("VBN", "a perfective verb")
            if progressive and _modal_be(mt_low, j) and perfective_future(al.src[i].text.lower()):
                # "will be removing" for «уберут»: a future progressive, which a perfective
                # future never is (a passive or a simple future is)
                need = ("VBN", "a perfective verb")
            if perfect and _verbal(al.src[i].text.lower()):
                need = ("VBN", "a verb after a form of 'have'")
            if need is None:
                continue
            if wanted is not None and need[0] != wanted[0]:
                wanted = None  # two source words ask for different forms
                break
            wanted, src_i = need, i
        if wanted is None and perfect and src_i < 0:
            # "has proving": no English perfect, whatever the lexicon links; the source's
            # nearest verb form is named.
            verbs = [i for i, t in enumerate(al.src) if _verbal(t.text.lower())]
            if verbs:
                src_i = min(verbs, key=lambda i: abs(i - j * scale))
                wanted = ("VBN", "a verb after a form of 'have'")
        if wanted is None:
            continue
        want_tag, why = wanted
        if not al.mt_linked(j) and why in _LINKED_ONLY:
            continue
        if irregular and why != "a present active participle":
            continue  # "struck" for «бастующие» only: other rules read -ed endings
        if tag == "VBG":
            if want_tag in ("VBG", "VB"):
                continue
            if why == "a perfective verb" and mt_low[j] in ("going", "being", "having"):
                continue  # "was going to": a future, not a progressive
            if want_tag == "VBD" and (
                _after(mt_low, j, _EN_BE)  # "was playing" for «играли»
                or (_noun_reading(tok.text) and not _takes_object(seg.mt, al, mt_low, j))
                or (j > 0 and mt_low[j - 1] in _EN_GERUND_BEFORE)
                or _relative(al, src_i)
            ):
                continue
        else:
            if want_tag not in ("VBG", "VB"):
                continue
            if want_tag == "VB" and (_after(mt_low, j, _EN_AUX_ED) or _coordinated(mt_low, j)):
                continue  # a passive or perfect infinitive ("to be signed", "to have signed")
            if why == "an action noun" and _after(mt_low, j, _EN_AUX_ED):
                continue  # the noun restructured as a clause ("they were killed")
            if why == "a present active participle" and _passive_in_sense(
                check, al.src[src_i].text
            ):
                continue  # "considered the patron" for «считающейся покровительницей»
            if why == "an action noun" and _modifies_object(al, j, src_i):
                continue  # "increased repression" for «усиление репрессий»: the object, modified
            if why == "an active verb in the present" and not _after(mt_low, j, _EN_BE):
                continue  # only "is expanded": a passive for an active verb
        options = (
            [inflect(verb, "VB"), inflect(verb, "VBG")]
            if want_tag == "VB"
            else [inflect(verb, want_tag)]
        )
        attributive = _attributive_passive(al, j, src_i, tag, why)
        scored = [
            (g, alt)
            for alt in options
            if alt != mt_low[j]
            and alt.isalpha()
            and (g := check._gain(al, j, j + 1, [alt])) is not None
        ]
        if not scored and attributive and options[0].isalpha() and options[0] != mt_low[j]:
            scored = [(0.0, options[0])]  # the LM lacks the -ed form ("resettled")
        if not scored:
            continue
        gain, alternative = max(scored)
        # A present active participle read as "-ed" contradicts the source outright
        # ("developed countries" for «развивающиеся страны»): the LM only has to not object.
        required = active_margin if why == "a present active participle" else margin
        if why == "a finite verb in the past" and tag == "VBG":
            required = past_margin
        if attributive:
            # "the occupying cities" for «оккупированные города»: the source's own grammar and
            # the matching noun are the witnesses; the LM only must not object outright.
            required = -_param(check, "derivation_gain_attributive")
        if gain is None or gain < required:
            continue
        from mtqa.checks.source.adequacy import _match_case

        src_word = al.src[src_i].text
        suffix = "-ing" if tag == "VBG" else ("past" if irregular else "-ed")
        flags.append(
            check.flag(
                seg,
                tok.start,
                tok.end,
                category="mistranslation",
                severity=(
                    "major"
                    if gain >= max(1.0, 2 * margin)
                    or (required < 0 and (not attributive or al.mt_linked(j)))
                    else "minor"
                ),
                confidence=min(0.9, 0.5 + gain / 10.0),
                message=(
                    f"derivation: '{tok.text}' is the {suffix} form, but «{src_word}» is {why}"
                ),
                suggestion=_match_case(tok.text, alternative),
            )
        )
    taken = {(f.start, f.end) for f in flags}
    flags += [f for f in agent_action_flags(check, seg, al) if (f.start, f.end) not in taken]
    return flags


def _attributive_passive(al: Alignment, j: int, i: int, tag: str, why: str) -> bool:
    """Whether an English -ing word stands before a noun the way the source's full passive
    participle stands by its noun: the next English word is a noun rendering a source word at
    most two words from the participle («оккупированные города»: "the occupying cities"). An
    -ing word before a noun is active; the source's participle says passive."""
    if tag != "VBG" or why != "a passive participle" or i < 0 or j + 1 >= len(al.mt):
        return False
    if not al.mt_content[j + 1] or not any(
        lem.pos == "NOUN" for lem in en_lemmas(al.mt[j + 1].text.lower())
    ):
        return False
    if not _full_participle(al.src[i].text.lower()):
        return False
    near = {k for k in range(i - 2, i + 3) if k != i}
    return bool(near & set(al.partners_of_mt(j + 1)))


@lru_cache(maxsize=100_000)
def _full_participle(word: str) -> bool:
    """Whether every pymorphy3 parse of the Russian word form is a full participle (PRTF)."""
    from mtqa.lexicon.lemmas import _morph

    parses = _morph().parse(word)
    return bool(parses) and all(p.tag.POS == "PRTF" for p in parses)


def _passive_in_sense(check: AdequacyCheck, word: str) -> bool:
    """Whether a reflexive source word is passive in sense: the dictionary renders its verb by
    an -ed word («считаться»: "reputed"), so an English -ed form does not contradict it
    («развиваться»: evolve, develop — "developed countries" for «развивающиеся» does)."""
    if not word.lower().endswith(("ся", "сь")):
        return False
    return any(
        " " not in r and len(r) >= 5 and r.endswith("ed") and _ed_form(r)
        for r in check.lexicon.renderings(word)
    )


def _ed_form(word: str) -> bool:
    """An -ed adjective or verb form ("reputed"), not a verb of its own ("proceed")."""
    return any(lem.pos == "ADJ" or lem.lemma != word for lem in en_lemmas(word))


def _modifies_object(al: Alignment, j: int, i: int) -> bool:
    """Whether mt word j ("increased") stands before a noun that renders the word after source
    word i, the action noun's object («усиление репрессий»: "increased repression"): the action
    rendered as a participle modifying its object."""
    if i < 0 or j + 1 >= len(al.mt) or not al.mt_content[j + 1]:
        return False
    objects = set(range(i + 1, min(len(al.src), i + 3)))
    return bool(objects & set(al.partners_of_mt(j + 1)))


def _param(check: AdequacyCheck, name: str) -> float:
    """A parameter of this module: the check's own setting, else the module's default."""
    return float(check.params.get(name, _DEFAULTS[name]))


@lru_cache(maxsize=100_000)
def _verbal(word: str) -> bool:
    """Whether every parse of the Russian word form is a verb, participle or gerund."""
    from mtqa.lexicon.lemmas import _morph

    parses = _morph().parse(word)
    return bool(parses) and all(
        p.tag.POS in ("VERB", "INFN", "PRTF", "PRTS", "GRND") for p in parses
    )


@lru_cache(maxsize=100_000)
def _ru_noun_kind(word: str) -> str | None:
    """ "action" or "agent" for a Russian noun form whose parses are all nouns of one kind."""
    kinds = set()
    for lem in ru_lemmas(word):
        if lem.pos != "NOUN":
            return None
        if lem.lemma.endswith(_RU_ACTION):
            kinds.add("action")
        elif lem.lemma.endswith(_RU_AGENT):
            kinds.add("agent")
        else:
            return None
    return kinds.pop() if len(kinds) == 1 else None


def _en_noun_kind(lemma: str) -> str | None:
    if lemma.endswith(_EN_ACTION):
        return "action"
    if lemma.endswith(_EN_AGENT):
        return "agent"
    return None


def _en_noun_lemma(word: str) -> str | None:
    """The English word's noun lemma when it is a noun only (no verb or adjective reading)."""
    lemmas = en_lemmas(word.lower())
    if not lemmas or any(lem.pos != "NOUN" for lem in lemmas):
        return None
    return lemmas[0].lemma


def agent_action_flags(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[Flag]:
    """An English agent noun for a source action noun, or an action noun for an agent noun, the
    two linked only through a rendering of the same family (see the module's docstring)."""
    from mtqa.checks.source.adequacy import _match_case
    from mtqa.lexicon.lookup import _derived

    lex = check.lexicon
    slack = _param(check, "derivation_gain_agent")
    flags: list[Flag] = []
    for j, tok in enumerate(al.mt):
        if not al.mt_content[j] or not tok.text.isalpha() or len(tok.text) < 6:
            continue
        lemma = _en_noun_lemma(tok.text)
        if lemma is None:
            continue
        en_kind = _en_noun_kind(lemma)
        if en_kind is None:
            continue
        for i in al.partners_of_mt(j):
            ru_kind = _ru_noun_kind(al.src[i].text.lower())
            if ru_kind is None or ru_kind == en_kind:
                continue
            cands = lex.src_candidates(al.src[i].text)
            if lemma in cands:
                continue  # a rendering in its own right
            family = sorted(
                c
                for c in cands
                if c.isalpha()
                and _derived(c, lemma)
                and _en_noun_kind(c) == ru_kind
                and _en_noun_lemma(c) == c
            )
            if not family:
                continue
            plural = tok.text.lower() != lemma
            alternative = inflect(family[0], "NNS") if plural else family[0]
            gain = check._gain(al, j, j + 1, [alternative])
            if gain is None or gain < -slack:
                continue
            src_word = al.src[i].text
            flags.append(
                check.flag(
                    seg,
                    tok.start,
                    tok.end,
                    category="mistranslation",
                    severity="minor",
                    confidence=0.6,
                    message=(
                        f"derivation: '{tok.text}' is an {en_kind} noun, but «{src_word}» "
                        f"names the {ru_kind} ({alternative!r})"
                    ),
                    suggestion=_match_case(tok.text, alternative),
                )
            )
            break
    return flags
