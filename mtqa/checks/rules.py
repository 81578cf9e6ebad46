"""Rules an editor applies to any translation: repetition, spacing, script, pairs, caps names,
and (English) a place in the subject's seat ("In the Kremlin said that...").

Every rule is a small function from the MT text to :class:`Hit` objects; :class:`RulesCheck` turns
hits into flags. The rules look only at the form of the text (scripts, punctuation, word
frequencies from ``wordfreq``), never at lists of known bad phrases, so they carry over to errors
nobody wrote down.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from mtqa.checks.base import Check, Languages
from mtqa.lexicon.frequency import zipf as _zipf
from mtqa.text import script_of
from mtqa.types import CheckResult, Segment, Severity

# The script a target language is written in; anything else there is a candidate for "untranslated".
_TARGET_SCRIPT: dict[str, str] = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn"), "cyrillic"),
    **dict.fromkeys(("zh", "ja", "ko", "yue"), "cjk"),
}
# Scripts that never belong in running text of these targets (greek letters only as runs: "β-blocker").
_FOREIGN_SCRIPTS = frozenset({"latin", "cyrillic", "cjk", "arabic", "greek"})

# Coordinating words that join list items, per target language (grammar, not phrase lists).
_CONJUNCTIONS: dict[str, frozenset[str]] = {
    "en": frozenset({"and", "or", "nor", "as well as"}),
    "ru": frozenset({"и", "или", "а также", "либо"}),
    "uk": frozenset({"і", "й", "та", "або"}),
    "de": frozenset({"und", "oder"}),
    "fr": frozenset({"et", "ou"}),
}
# English verbs that legitimately double ("he had had enough", "said that that plan").
_DEFAULT_DOUBLING_ALLOWED = ("had", "that")

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*")
# A short all-caps word: the only thing caps_names looks at.
_CAPS_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}{2,5}(?![\p{L}\p{M}\p{N}])")
_LETTER_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*")
_URL = regex.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|\b[\w-]+\.(?:com|org|net|ru|рф|gov|uk|cn)\b\S*"
)
_CLAUSE_BREAK = regex.compile(r"[.;:!?()\[\]{}\"“”«»„—–]|\s-\s")
_ROMAN = regex.compile(r"^(?=[IVXLCDM]+$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_WORD_PART_BREAK = regex.compile(r"[-'’]")


@dataclass(frozen=True)
class Hit:
    """One rule finding: a span of the MT with what is wrong there."""

    start: int
    end: int
    category: str
    severity: Severity
    confidence: float
    message: str
    suggestion: str | None = None


# Every alternative of _URL needs one of these (its literal parts, case as written): a text with
# none of them has no address, and scanning it is skipped.
_URL_NEEDS = ("://", "www.", "@", ".com", ".org", ".net", ".ru", ".рф", ".gov", ".uk", ".cn")


@lru_cache(maxsize=1024)  # three rules mask the same sentence
def _mask_urls(mt: str) -> str:
    """Replace web addresses and e-mails with spaces (same length) so no rule looks inside them."""
    if not any(needle in mt for needle in _URL_NEEDS):
        return mt
    return _URL.sub(lambda m: " " * len(m.group()), mt)


# --- repetition ---------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _lower_words(mt: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(mt))


def _has_close_repeat(lows: Sequence[str], span: int) -> bool:
    """Whether some word occurs again at most ``span`` words later."""
    last: dict[str, int] = {}
    for i, w in enumerate(lows):
        j = last.get(w)
        if j is not None and i - j <= span:
            return True
        last[w] = i
    return False


def adjacent_repeats(mt: str, lang: str, allowed: frozenset[str]) -> list[Hit]:
    """A word or a phrase of up to 4 words said twice in a row ("the the", "the talks the talks")."""
    if not _has_close_repeat(_lower_words(mt), 4):
        return []  # a phrase of n words said twice puts one word twice, n apart
    toks = list(_WORD.finditer(mt))
    lows = [t.group().lower() for t in toks]
    hits: list[Hit] = []
    covered_until = -1
    for i in range(len(toks)):
        for n in range(4, 0, -1):
            if i + 2 * n > len(toks) or toks[i + n].start() < covered_until:
                continue
            if lows[i] != lows[i + n] or lows[i : i + n] != lows[i + n : i + 2 * n]:
                continue
            first = lows[i : i + n]
            gaps = [mt[toks[k].end() : toks[k + 1].start()] for k in range(i, i + 2 * n - 1)]
            if any(g.strip() for g in gaps):
                continue  # punctuation between copies: "no, no", "very, very"
            a, b = toks[i].group(), toks[i + n].group()
            if n == 1:
                if not a.isalpha() or first[0] in allowed:
                    continue
                if a[:1].isupper() and b[:1].isupper() and i > 0:
                    continue  # reduplicated names: "Walla Walla", "Bora Bora"
            start, end = toks[i + n].start(), toks[i + 2 * n - 1].end()
            what = "word" if n == 1 else f"{n}-word phrase"
            hits.append(
                Hit(
                    start,
                    end,
                    "repetition",
                    "minor" if n == 1 else "major",
                    0.9,
                    f"repeated {what} {mt[start:end]!r}",
                    "",
                )
            )
            covered_until = end
            break
    return hits


def repeated_list_items(mt: str, lang: str, content_zipf: float, max_gap_tokens: int) -> list[Hit]:
    """The same item (1–4 words with a content word) twice in one list: "sanctions, tariffs and sanctions".

    A clause (text between strong punctuation) is cut into items at commas and conjunctions; inner
    items are compared whole, the first item by its ending and the last by its beginning. A
    two-item pair ("more and more") counts only when the repeated item has two or more words.
    """
    conj = _CONJUNCTIONS.get(lang)
    if conj is None or _TARGET_SCRIPT.get(lang) == "cjk":
        return []
    repeated = [w for w, n in Counter(_lower_words(mt)).items() if n > 1]
    if not any(w.isalpha() and len(w) >= 3 and _zipf(w, lang) < content_zipf for w in repeated):
        return []  # a repeated item needs a repeated content word (see _same_item)
    hits: list[Hit] = []
    pos = 0
    for piece in [*_CLAUSE_BREAK.split(mt)]:
        start_piece = mt.find(piece, pos)
        pos = start_piece + len(piece)
        items = _list_items(piece, start_piece, conj)
        if len(items) < 2:
            continue
        for j in range(1, len(items)):
            # Each item has a word, so an item more than max_gap_tokens back is never in reach:
            # the window keeps this linear in the number of items, not cubic.
            for i in range(max(0, j - max_gap_tokens), j):
                hit = _same_item(mt, items, i, j, lang, content_zipf, max_gap_tokens)
                if hit is not None:
                    hits.append(hit)
                    break
    return hits


def _list_items(piece: str, offset: int, conj: frozenset[str]) -> list[list[tuple[str, int, int]]]:
    items: list[list[tuple[str, int, int]]] = [[]]
    last_end = 0
    for m in _WORD.finditer(piece):
        if "," in piece[last_end : m.start()] and items[-1]:
            items.append([])
        last_end = m.end()
        if m.group().lower() in conj:
            if items[-1]:
                items.append([])
            continue
        items[-1].append((m.group().lower(), offset + m.start(), offset + m.end()))
    return [it for it in items if it]


def _same_item(
    mt: str,
    items: list[list[tuple[str, int, int]]],
    i: int,
    j: int,
    lang: str,
    content_zipf: float,
    max_gap_tokens: int,
) -> Hit | None:
    last = len(items) - 1
    a, b = items[i], items[j]
    if sum(len(it) for it in items[i + 1 : j]) + (j - i) > max_gap_tokens:
        return None
    # A list can begin inside a longer item ("approach from partners, partners and allies"):
    # the first item, and any item right before the repeat, is compared by its ending.
    a_forms = (
        [a[-k:] for k in range(1, min(4, len(a)) + 1)]
        if i == 0 or j == i + 1
        else ([a] if len(a) <= 4 else [])
    )
    b_forms = (
        [b[:k] for k in range(1, min(4, len(b)) + 1)] if j == last else ([b] if len(b) <= 4 else [])
    )
    for bf in sorted(b_forms, key=len, reverse=True):
        words_b = [w for w, _, _ in bf]
        for af in a_forms:
            if [w for w, _, _ in af] != words_b:
                continue
            if len(b) > len(bf) and _continues_name(mt, bf[-1], b[len(bf)]):
                continue  # "New York and New York City": a longer name, another place
            joined_by_conjunction = "," not in mt[af[-1][2] : bf[0][1]]
            if len(bf) < 2 and (len(items) == 2 or (j == i + 1 and joined_by_conjunction)):
                continue  # "more and more", "again and again"
            if _rhetorical_repeat(mt, items, i, j, af, bf):
                continue
            if not any(
                w.isalpha() and len(w) >= 3 and _zipf(w, lang) < content_zipf for w in words_b
            ):
                continue
            start, end = bf[0][1], bf[-1][2]
            return Hit(
                start,
                end,
                "repetition",
                "major",
                0.7,
                f"{mt[start:end]!r} appears twice in the same list",
            )
    return None


_OPENING = regex.compile(r"[\s\p{Pi}\p{Ps}\"'\-–—]*")


def _rhetorical_repeat(
    mt: str,
    items: list[list[tuple[str, int, int]]],
    i: int,
    j: int,
    af: list[tuple[str, int, int]],
    bf: list[tuple[str, int, int]],
) -> bool:
    """A repetition a writer makes on purpose, not a list that names one item twice:

    * the words that open the sentence (or its quote) said again at once: "Lies, lies, and more
      lies", "Children, children, where...", "There would be boos, there would be boos" — a
      literal MT's doubled rendering stands inside a list ("presence of certificates,
      certificates, and extracts") and is still flagged;
    * the repeat opens the very next item, the last, which goes on as a clause of three or more
      words after it ("...word in the Bible, and in the Bible it means 'you'", "...helped Brodsky,
      and Brodsky helped young gardeners"): an echo across clauses, not an item — with an item
      between them it is a list that names one item twice ("Russia, China and Russia signed the
      agreement") and is still flagged;
    * two items repeated together ("power and control, that's what they want is power and
      control"): a phrase echoed whole.
    """
    if (
        i == 0
        and j == 1
        and af[0] == items[0][0]
        and _OPENING.fullmatch(mt[: af[0][1]])
        and not regex.search(r"\p{L}", mt[af[-1][2] : bf[0][1]])
    ):
        return True
    b = items[j]
    if j == i + 1 and j == len(items) - 1 and bf == b[: len(bf)] and len(b) - len(bf) >= 3:
        return True
    if i >= 1 and j - i >= 2 and len(af) == len(items[i]) and len(bf) == len(b):
        prev_a, prev_b = items[i - 1], items[j - 1]
        if prev_a[-1][0] == prev_b[-1][0]:
            return True
    return False


def _continues_name(mt: str, last: tuple[str, int, int], nxt: tuple[str, int, int]) -> bool:
    """Whether the word ``nxt`` continues a capitalised name that ends with ``last``."""
    return mt[last[1] : last[1] + 1].isupper() and mt[nxt[1] : nxt[1] + 1].isupper()


# --- echoes: one word said again across a coordination or a short phrase ---------------------

# Prepositions and determiners that may stand between an echoed word and its echo (English).
_ECHO_PREPOSITIONS = frozenset({"of", "to", "for", "in", "with", "on", "at", "from", "by", "after"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my"}
)
# English repeats a comparative, an intensifier or a quantity for emphasis: "bigger and bigger",
# "more and more", "years and years"; those shapes are not echoes.
_EMPHATIC_SHAPE = regex.compile(r"(?:er|ier|est)$|^(?:more|less|much|many|few|ever)$")


def _echo_word(word: str, lang: str, content_zipf: float) -> bool:
    """Whether a repeat of ``word`` says something twice: a content word, not a name or number."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) >= 3
        and _zipf(word, lang) < content_zipf
        and not _EMPHATIC_SHAPE.search(word)
    )


@lru_cache(maxsize=8192)
def _idiom(word: str, conj: str, lang: str) -> bool:
    """Whether "word conj word" is a reduplication English uses ("again and again", "round and
    round", "miles and miles"): the trigram model predicts the second ``word`` well after the
    first and the conjunction (PMI >= 1). Other target languages have no model here: False."""
    if lang != "en":
        return False
    from mtqa.checks.lm import english_lm

    lm = english_lm()
    low, c = word.lower(), conj.lower()
    uni = lm.unigram(low)
    if uni is None or lm.unigram(c) is None:
        return False
    return lm.logp(low, c, low) - uni >= 1.0


def _may_stand_alone(word: str, following: str, lang: str) -> bool:
    """Whether "word and word following" can read as "[word] and [word following]": in English,
    ``word`` a noun and not an adjective or an adverb ("oil and oil products", not "strong and
    strong relations"), ``following`` a content word, not a preposition ("churches and
    churches against"), and the two a pair the trigram model has seen (PMI >= 0.5: "support
    small" is no compound). Other languages: True
    (no part-of-speech tables or model here)."""
    if lang != "en":
        return True
    from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_pos, penn_tag

    low, nxt = word.lower(), following.lower()
    if nxt in EN_FUNCTION_WORDS or low.endswith("ly"):
        return False
    pos = en_pos(low)
    if "NOUN" not in pos or "ADJ" in pos:
        return False
    if penn_tag(nxt) == "VBD":
        return False  # a finite past verb heads no compound: "oil and oil fell"
    # ... and "word following" a compound English uses ("oil products"), not a pair of nouns
    # that a repeat has pushed together ("infrastructure and infrastructure heritage sites")
    from mtqa.checks.lm import english_lm

    lm = english_lm()
    uni = lm.unigram(nxt)
    if lm.unigram(low) is None or uni is None:
        return True  # a word the dated model lacks: no evidence against the compound
    return bool(lm.seen_bigram(low, nxt)) and lm.logp(nxt, low) - uni >= 0.5


def _name_echo(
    left: str, right: str, initial: bool, words: Sequence[str], k: int, listed: bool
) -> bool:
    """Whether "Name and Name" joins a capitalised word (not the sentence's first) to itself:
    "Russia, China and China", "in Moscow and Moscow". Reduplicated place names ("Walla Walla")
    have no conjunction between; a second copy that begins a longer name or modifies the next
    word ("Moscow and Moscow Region", "New York and New York City", "Washington and Washington
    state") is another place, not an echo; a second copy followed by a verb may begin a new
    clause ("Wu blamed Wang and Wang was removed"), so it counts only after a comma, in a list
    ("Russia, China and China opposed" — ``listed``)."""
    if initial or not (left.isalpha() and len(left) >= 2 and left[0].isupper()):
        return False
    if left != right or left.isupper():
        return False  # "US and US" abbreviations are left to the source checks
    if k + 2 < len(words):
        from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_pos, penn_tag

        nxt = words[k + 2]
        low = nxt.lower()
        if nxt[:1].isupper():
            return False  # "New York and New York City"
        tag = penn_tag(low)
        if low not in EN_FUNCTION_WORDS and "NOUN" in en_pos(low) and tag != "VBD":
            return False  # a noun after it may make it another place: "Moscow and Moscow region"
        if not listed and (low in _CLAUSE_VERBS or tag in ("VBD", "VBZ") or "VERB" in en_pos(low)):
            return False
    return True


# Auxiliaries that may begin a new clause after "Name and Name" (see _name_echo).
_CLAUSE_VERBS = frozenset(
    "is are was were has have had will would can could should may might must does did".split()
)


def _nominal_singular(words: Sequence[str], k: int, listed: bool) -> bool:
    """Whether "X and X" (the conjunction at ``k``) joins a singular noun to itself inside a noun
    phrase ("prices for energy and energy", "the climate and climate"): after a preposition, a
    determiner or a comma, and not followed by "again" ("time and time again"). English
    reduplicates adverbs ("again and again"), comparatives, plurals of measure ("miles and
    miles") and verbs ("rose and rose"), never a singular noun in a noun phrase, so the trigram
    model's idiom reading does not apply: it is inflated by compounds ("energy and energy
    efficiency")."""
    from mtqa.lexicon.lemmas import en_pos

    word = words[k + 1].lower()
    if k + 2 < len(words) and words[k + 2].lower() == "again":
        return False
    if k < 2 or word.endswith("s") or "NOUN" not in en_pos(word):
        return False
    before = words[k - 2].lower()
    return listed or before in _ECHO_PREPOSITIONS or before in _DETERMINERS or before == "and"


def coordination_repeats(mt: str, lang: str, content_zipf: float) -> list[Hit]:
    """A word said twice across a coordination: "calm and calm" (the same word joined to itself)
    and "expand ties and strengthen ties" (two coordinated phrases ending in the same noun, which
    an editor writes once: "expand and strengthen ties").

    Emphatic shapes are left alone: comparatives ("bigger and bigger", "more and more") and the
    reduplications the English trigram model knows ("again and again", "miles and miles").
    """
    conj = _CONJUNCTIONS.get(lang)
    if conj is None or not _has_close_repeat(_lower_words(mt), 4):
        return []
    text = _mask_urls(mt)
    toks = list(_WORD.finditer(text))
    words = [t.group() for t in toks]
    hits: list[Hit] = []
    for k, w in enumerate(words):
        if w.lower() not in conj or k == 0 or k + 1 >= len(toks):
            continue
        # the conjunction must join two words of one clause: no punctuation around it
        if text[toks[k - 1].end() : toks[k + 1].start()].strip(" ") != w:
            continue
        left, right = words[k - 1], words[k + 1]
        # "petroleum and petroleum products": the second one modifies the next noun, the first
        # stands alone (a noun; "strong and strong relations" has no such reading)
        modifies = (
            k + 2 < len(toks)
            and not text[toks[k + 1].end() : toks[k + 2].start()].strip()
            and _zipf(words[k + 2].lower(), lang) < content_zipf
            and _may_stand_alone(left, words[k + 2], lang)
        )
        # a sentence begins with a capital: "Calm and calm" is the same word twice
        start = toks[k - 1].start()
        initial = k == 1 or text[max(0, start - 4) : start].strip()[-1:] in (".", "!", "?")
        same = left == right or (initial and left[1:].islower() and left.lower() == right)
        listed = k >= 2 and text[toks[k - 2].end() : toks[k - 1].start()].strip() == ","
        name = same and lang == "en" and _name_echo(left, right, initial, words, k, listed)
        # a part of a hyphenated compound is no echo: "pre-carnival and carnival parties"
        hyphened = (
            text[max(0, start - 1) : start] == "-"
            or text[toks[k + 1].end() : toks[k + 1].end() + 1] == "-"
        )
        if name or (
            not hyphened
            and same
            and not modifies
            and _echo_word(right, lang, content_zipf)
            and (_nominal_singular(words, k, listed) or not _idiom(right, w, lang))
        ):
            joined = mt[toks[k - 1].start() : toks[k + 1].end()]
            what = f"the name {left!r}" if name else repr(left)
            hits.append(
                Hit(
                    toks[k - 1].start(),
                    toks[k + 1].end(),
                    "repetition",
                    "major",
                    0.7,
                    f"{what} is joined to itself: '{joined}'",
                    left,
                )
            )
            continue
        # "a X and b X": the same last word, two different single words before it; in English
        # also "a the X and b the X" and "a X and to b X" (one determiner on both sides)
        if k < 2:
            continue
        ia, ix1 = k - 2, k - 1
        det = None
        if lang == "en" and words[ia].lower() in _DETERMINERS and ia > 0:
            det, ia = words[ia].lower(), ia - 1
        ib = k + 1
        if lang == "en" and words[ib].lower() == "to":
            ib += 1
        ix2 = ib + 1
        if det is not None:
            if ix2 >= len(toks) or words[ix2].lower() != det:
                continue
            ix2 += 1
        if ix2 >= len(toks):
            continue
        a, x1, b, x2 = words[ia], words[ix1], words[ib], words[ix2]
        if x1.lower() != x2.lower() or a.lower() == b.lower():
            continue
        if not _echo_word(x1, lang, content_zipf) or not (a.islower() and b.islower()):
            continue
        if a.lower() in _DETERMINERS or b.lower() in _DETERMINERS:
            continue  # "the ties and the ties" is the adjacent/list rules' business
        if any(_zipf(v.lower(), lang) >= content_zipf for v in (a, b)):
            continue  # "old ties and new ties" needs content words on both sides
        if (
            ix2 + 1 < len(toks)
            and not text[toks[ix2].end() : toks[ix2 + 1].start()].strip()
            and _zipf(words[ix2 + 1].lower(), lang) < content_zipf
        ):
            continue  # "beat parking worker": the second one modifies the next noun
        gap = text[toks[ia].end() : toks[ix2].start()]
        if any(ch in gap for ch in ',;:()"“”«»'):
            continue
        start, end = toks[ia].start(), toks[ix2].end()
        once = f"{a} {w} {b} {det + ' ' if det else ''}{x2}"
        hits.append(
            Hit(
                start,
                end,
                "repetition",
                "minor",
                0.5,
                f'{x1!r} is said twice in one coordination; once is enough ("{once}")',
                once,
            )
        )
    return hits


def phrase_echoes(mt: str, lang: str, content_zipf: float) -> list[Hit]:
    """A word echoed through a preposition and a determiner: "the peace of the peace".

    Without a determiner "X prep X" is idiom ("step by step", "face to face", "year after year",
    "hand in hand"), so only "X of X" and "X prep det X" count.
    """
    if lang != "en" or not _has_close_repeat(_lower_words(mt), 3):
        return []
    text = _mask_urls(mt)
    toks = list(_WORD.finditer(text))
    lows = [t.group().lower() for t in toks]
    hits: list[Hit] = []
    for i, w in enumerate(lows):
        if not _echo_word(toks[i].group(), lang, content_zipf):
            continue
        for n in (2, 3):  # "X of X", "X of the X"
            j = i + n
            if j >= len(toks) or lows[j] != w:
                continue
            between = lows[i + 1 : j]
            if between[0] not in _ECHO_PREPOSITIONS:
                continue
            if n == 2 and between[0] != "of":
                continue
            if n == 3 and between[1] not in _DETERMINERS:
                continue
            if any(ch in text[toks[i].end() : toks[j].start()] for ch in ',;:()"“”«»-'):
                continue
            start, end = toks[i].start(), toks[j].end()
            hits.append(
                Hit(
                    start,
                    end,
                    "repetition",
                    "major",
                    0.7,
                    f"{toks[i].group()!r} is echoed in '{mt[start:end]}'",
                )
            )
            break
    return hits


# --- reports without a subject ------------------------------------------------------------------

# "В Кремле заявили, что..." rendered word for word: "In the Kremlin said that..." - a place in
# the subject's seat; so is the Russian order of place, verb, subject: "In the DPRK recorded
# the first case" («В КНДР зафиксировали первый случай»). A sentence that opens with "In", "At",
# "During", "On", "From", "Near", "Within" or "Over" ("After" also opens clauses: left out),
# one noun phrase, then a past-tense verb followed by "that", a colon or a quote (a report: the
# suggestion drops the preposition) or by an article (the subject after the verb: no suggestion).
_REPORT_OPENING = regex.compile(
    r"(?:^|(?<=[.!?][\"”»]?\s))(?:In|At|During|On|From|Near|Within|Over) "
)
_REPORT_WORD = regex.compile(r"[\p{L}\p{N}'’\-]+")
_REPORT_NEXT = regex.compile(r"\s+that\b|\s*:|\s*[\"“«]")
_INVERTED_NEXT = regex.compile(r"\s+(?:the|a|an)\b")
# Words that open a new noun phrase (a subject) unless a preposition or "and" comes first.
_NP_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "my", "his", "her", "its", "our"}
    | {"their", "your", "all", "every", "each", "some", "many", "several", "both"}
)
_NP_LINKS = frozenset({"of", "for", "on", "in", "at", "under", "with", "to", "and", "from", "by"})
_NP_STOPS = frozenset(
    {"he", "she", "they", "we", "i", "you", "it", "there", "who", "which", "where", "when"}
    | {"what", "whose", "whom", "himself", "herself", "itself", "themselves"}
)
_NOT_REPORTS = frozenset({"be", "have", "do"})


def _one_noun_phrase(words_: Sequence[str]) -> bool:
    """Whether the words read as one noun phrase (with "of ..." and the like), not a place
    followed by a subject ("In his speech Putin", "In that game my team")."""
    from mtqa.lexicon.lemmas import penn_tag

    for k, word in enumerate(words_):
        low = word.lower()
        prev = words_[k - 1].lower() if k else None
        if low in _NP_STOPS or penn_tag(low) in ("VBD", "VBZ", "VBP"):
            return False
        if k and low in _NP_DETERMINERS and prev not in _NP_LINKS:
            return False
        if low.endswith(("'s", "’s")):
            return False  # "Burundi's home": a possessive opens the subject
        name_starts = k and word[:1].isupper() and not words_[k - 1][:1].isupper()
        if name_starts and prev not in _NP_LINKS and prev not in _NP_DETERMINERS:
            return False  # "speech Putin": a name starts the subject
    return True


def _report_verb(mt: str, at: int) -> tuple[int, bool] | None:
    """Where the past-tense verb ends that follows one noun phrase from ``at`` (words separated
    by single spaces, at most eight), and whether it reports speech (followed by "that", a
    colon or a quote; else an article: the subject follows the verb); None if there is no
    such verb (the first past-tense word decides)."""
    from mtqa.lexicon.lemmas import en_lemmas, penn_tag

    words_: list[str] = []
    pos = at
    while len(words_) <= 8:
        w = _REPORT_WORD.match(mt, pos)
        if w is None:
            return None
        word = w.group()
        if words_ and word.islower() and penn_tag(word) == "VBD":
            if {lem.lemma for lem in en_lemmas(word)} & _NOT_REPORTS:
                return None
            reports = bool(_REPORT_NEXT.match(mt, w.end()))
            if not (reports or _INVERTED_NEXT.match(mt, w.end())):
                return None
            return (w.end(), reports) if _one_noun_phrase(words_) else None
        words_.append(word)
        if mt[w.end() : w.end() + 1] != " ":
            return None
        pos = w.end() + 1
    return None


def subjectless_reports(mt: str, lang: str) -> list[Hit]:
    """ "In the Kremlin said that...": a Russian impersonal report («В Кремле заявили») with
    the place left where the subject should be; the suggestion drops the preposition."""
    if lang != "en":
        return []
    hits = []
    for m in _REPORT_OPENING.finditer(mt):
        found = _report_verb(mt, m.end())
        if found is None:
            continue
        verb_end, reports = found
        span = mt[m.start() : verb_end]
        if reports:
            rest = mt[m.end() : verb_end]
            fixed: str | None = rest[:1].upper() + rest[1:]
            msg = f"'{span}' has a place where the subject should be (a word-for-word impersonal "
            msg += f"report): '{fixed}'?"
        else:
            fixed = None  # the subject is somewhere after the verb: no safe rewrite
            msg = f"'{span}': no subject before the verb (Russian word order)"
        hits.append(Hit(m.start(), verb_end, "grammar", "minor", 0.6, msg, fixed))
    return hits


# --- spacing ------------------------------------------------------------------------------------

_HYPHEN_SPACE = regex.compile(r"(\p{L}+)(?:( +)-|-( +))(\p{L}+)")
_SPACE_BEFORE = regex.compile(r"(?<=\S)( +)([,;:!?)\]»]|\.(?![.\d]))")
_SPACE_AFTER = regex.compile(r"([(\[«])( +)(?=\S)")
_NO_SPACE_AFTER_COMMA = regex.compile(r"(?<=\p{L})[,;](?=\p{L})")
_DOUBLE_SPACE = regex.compile(r"(?<=\S) {2,}(?=\S)")


def spacing(mt: str, lang: str) -> list[Hit]:
    """Stray spaces in hyphenated words, before closing or after opening punctuation; missing or doubled spaces."""
    if _TARGET_SCRIPT.get(lang) == "cjk":
        return []
    conj = _CONJUNCTIONS.get(lang, frozenset())
    hits: list[Hit] = []
    # The substring tests only skip patterns that cannot match; scanning is the costly part.
    for m in _HYPHEN_SPACE.finditer(mt) if "-" in mt else ():
        if m.group(3) and m.group(4).lower() in conj | {"to", "до"}:
            continue  # suspended hyphen: "long- and short-term"
        joined = f"{m.group(1)}-{m.group(4)}"
        hits.append(
            Hit(
                m.start(),
                m.end(),
                "spacing",
                "minor",
                0.8,
                "stray space in hyphenated word",
                joined,
            )
        )
    for m in _SPACE_BEFORE.finditer(mt):
        hits.append(
            Hit(
                m.start(1),
                m.end(2),
                "spacing",
                "minor",
                0.7,
                f"space before {m.group(2)!r}",
                m.group(2),
            )
        )
    for m in _SPACE_AFTER.finditer(mt):
        hits.append(
            Hit(
                m.start(1),
                m.end(2),
                "spacing",
                "minor",
                0.7,
                f"space after {m.group(1)!r}",
                m.group(1),
            )
        )
    for m in _NO_SPACE_AFTER_COMMA.finditer(mt) if ("," in mt or ";" in mt) else ():
        s = max(0, m.start() - 1)
        hits.append(
            Hit(s, m.end() + 1, "spacing", "minor", 0.6, f"no space after {m.group()!r}", None)
        )
    for m in _DOUBLE_SPACE.finditer(mt) if "  " in mt else ():
        hits.append(Hit(m.start(), m.end(), "spacing", "minor", 0.4, "double space", " "))
    return hits


# --- untranslated -------------------------------------------------------------------------------


_ASCII_LATIN = frozenset({"latin"})
_NO_SCRIPT: frozenset[str] = frozenset()
# Cyrillic and Greek letters drawn like Latin ones: copied from the source (the "С" of "°С", the
# "В" of a gate "В12"), they read right and are wrong bytes, not untranslated words.
LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "ABEKMHOPCTXaeopcyxijsABEHIKMNOPTXYZ"
)


def latin_lookalike(word: str) -> str | None:
    """``word`` with its Cyrillic/Greek look-alike letters spelt in Latin, when that leaves only
    Latin letters and something changed; else None."""
    latin = word.translate(LOOKALIKES)
    return latin if latin != word and _letter_scripts(latin) <= _ASCII_LATIN else None


@lru_cache(maxsize=65536)
def _letter_scripts(word: str) -> frozenset[str]:
    """The scripts of the letters in ``word`` (latin, cyrillic, cjk, greek, arabic)."""
    if word.isascii():  # the common case, without a Unicode name lookup per letter
        return _ASCII_LATIN if any(c.isalpha() for c in word) else _NO_SCRIPT
    return frozenset(script_of(c) for c in word if c.isalpha()) - {"other"}


def untranslated(
    mt: str, lang: str, critical_words: int, critical_share: float, latin_common_zipf: float
) -> list[Hit]:
    """Letters of another script in the target: whole runs (untranslated) and mixed-script words.

    For a Latin-script target every run of Cyrillic/CJK/Arabic words (a lone letter such as the
    Cyrillic "С" in "°С" is minor; Greek only as runs of two or
    more letters) is flagged, major or critical by length. For Cyrillic and CJK targets Latin names
    and brands are normal, so a Latin run counts only if it holds a lower-case common English word.
    """
    expected = _TARGET_SCRIPT.get(lang, "latin")
    if expected == "latin" and mt.isascii():
        return []  # every letter is Latin: nothing foreign, no mixed words
    text = _mask_urls(mt)
    words = list(_LETTER_WORD.finditer(text))
    total: list[int] = []  # the text's letter count, counted when a run needs it
    hits: list[Hit] = []
    run: list[regex.Match[str]] = []

    def foreign(m: regex.Match[str]) -> bool:
        scripts = _letter_scripts(m.group())
        if len(scripts) != 1 or expected in scripts:
            return False
        (script,) = scripts
        if script == "greek" and len(m.group()) < 2:
            return False
        return script in _FOREIGN_SCRIPTS

    def close_run() -> None:
        if not run:
            return
        if expected == "latin" and all(
            len(m.group()) == 1 and latin_lookalike(m.group()) for m in run
        ):
            for m in run:  # lone look-alike letters ("+ 22 ° С ... + 24 ° С"): one each, minor
                hits.append(_lookalike_hit(m.start(), m.end(), m.group(), expected))
            run.clear()
            return
        if expected != "latin" and _letter_scripts(run[0].group()) == {"latin"}:
            common = [
                m.group()
                for m in run
                if m.group().islower()
                and len(m.group()) >= 2
                and _zipf(m.group(), "en") >= latin_common_zipf
            ]
            if not common:
                run.clear()
                return
        start, end = run[0].start(), run[-1].end()
        letters = sum(1 for c in mt[start:end] if c.isalpha())
        script = min(_letter_scripts(mt[start:end]))
        n_words = len(run) if script != "cjk" else max(1, letters // 2)
        if not total:
            total.append(sum(1 for c in text if c.isalpha()) or 1)
        critical = n_words >= critical_words or letters / total[0] >= critical_share
        hits.append(
            Hit(
                start,
                end,
                "untranslated",
                "critical" if critical else ("minor" if letters == 1 else "major"),
                0.9,
                f"{script} text left in a {expected}-script translation",
            )
        )
        run.clear()

    for m in words:
        scripts = _letter_scripts(m.group())
        if foreign(m):
            run.append(m)
            continue
        close_run()
        # Hyphenated compounds may join scripts ("анти-CAA", "Omicron-вариант"); each part may not.
        # (A part's scripts are some of the word's: a word of one script has no mixed part.)
        if len(scripts) < 2:
            continue
        mixed = [_letter_scripts(part) for part in _WORD_PART_BREAK.split(m.group())]
        if any(len(ps) > 1 for ps in mixed) and scripts & {"latin", "cyrillic", "greek"} - {
            expected
        }:
            if expected == "latin" and latin_lookalike(m.group()):
                hits.append(_lookalike_hit(m.start(), m.end(), m.group(), expected))
                continue
            hits.append(
                Hit(
                    m.start(),
                    m.end(),
                    "untranslated",
                    "minor",
                    0.7,
                    "word mixes letters of " + " and ".join(sorted(scripts)) + " script",
                )
            )
    close_run()
    return hits


def _lookalike_hit(start: int, end: int, word: str, expected: str) -> Hit:
    latin = latin_lookalike(word)
    script = min(_letter_scripts(word) - {expected})
    return Hit(
        start,
        end,
        "untranslated",
        "minor",
        0.7,
        f"'{word}' has {script} letters drawn like {expected} ones (copied from the source?)",
        suggestion=latin,
    )


# --- pairs --------------------------------------------------------------------------------------

_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {v: k for k, v in _BRACKETS.items()}
_LIST_MARKER = regex.compile(r"^\s*(?:\d{1,2}|\p{L})\)")
_BRACKET_CHAR = regex.compile(r"[()\[\]{}]")
_QUOTE_CHAR = regex.compile(r'[«»„“”"]')


def _quote_marks(mt: str, lang: str) -> list[tuple[int, str, str]]:
    """(offset, family, 'O'|'C') for each quote mark; straight quotes get a direction from context."""
    cyr = _TARGET_SCRIPT.get(lang) == "cyrillic"
    marks: list[tuple[int, str, str]] = []
    open_low = False  # „ … “ (Russian inner quotes) is open
    for m in _QUOTE_CHAR.finditer(mt):
        i, c = m.start(), m.group()
        if c == "«":
            marks.append((i, "«»", "O"))
        elif c == "»":
            marks.append((i, "«»", "C"))
        elif c == "„":
            marks.append((i, "„“", "O"))
            open_low = True
        elif c == "“" and (cyr or lang == "de") and open_low:
            marks.append((i, "„“", "C"))
            open_low = False
        elif c == "“":
            marks.append((i, "“”", "O"))
        elif c == "”":
            marks.append((i, "“”", "C"))
        elif c == '"':
            before = mt[i - 1] if i else " "
            after = mt[i + 1] if i + 1 < len(mt) else " "
            if before.isdigit():
                continue  # inches, seconds: 5"
            if before.isspace() or before in "([{—–-" or i == 0:
                marks.append((i, '""', "O"))
            elif after.isspace() or not after.isalnum():
                marks.append((i, '""', "C"))
            else:
                marks.append((i, '""', "?"))
    return marks


def unbalanced_pairs(mt: str, lang: str) -> list[Hit]:
    """Brackets that do not pair up inside the sentence, and quote marks out of order.

    A quotation may run over several sentences, so a sentence may start inside a quote (its first
    mark closes) or end inside one (its last mark opens); what no sentence may do is open a quote
    that is already open or close one that is already closed.
    """
    hits: list[Hit] = []
    stack: list[int] = []
    for m in _BRACKET_CHAR.finditer(mt):
        i, c = m.start(), m.group()
        if c in _BRACKETS:
            stack.append(i)
        elif c in _CLOSERS:
            if stack and mt[stack[-1]] == _CLOSERS[c]:
                stack.pop()
            elif i < 3 or not _LIST_MARKER.match(mt[: i + 1]):
                hits.append(
                    Hit(i, i + 1, "punctuation", "minor", 0.6, f"{c!r} without its opening")
                )
    for i in stack:
        hits.append(
            Hit(
                i,
                i + 1,
                "punctuation",
                "minor",
                0.6,
                f"{mt[i]!r} without its closing {_BRACKETS[mt[i]]!r}",
            )
        )
    families: dict[str, list[tuple[int, str]]] = {}
    for i, fam, d in _quote_marks(mt, lang):
        families.setdefault(fam, []).append((i, d))
    # Russian nests quotes of one kind («… «…»») where English alternates “…‘…’…”.
    nesting = _TARGET_SCRIPT.get(lang) == "cyrillic"
    for fam, seq in families.items():
        depth: int | None = None  # unknown before the first mark
        for i, d in seq:
            if d == "?":
                d = "C" if depth else "O"
            if d == "O":
                if depth and not (nesting or fam == "«»"):
                    hits.append(
                        Hit(
                            i,
                            i + 1,
                            "punctuation",
                            "minor",
                            0.6,
                            f"{mt[i]!r} opens a quote already open",
                        )
                    )
                    continue
                depth = (depth or 0) + 1
            else:
                if depth == 0:
                    hits.append(
                        Hit(
                            i,
                            i + 1,
                            "punctuation",
                            "minor",
                            0.6,
                            f"{mt[i]!r} closes a quote never opened",
                        )
                    )
                depth = max(0, (depth or 1) - 1)
    return hits


@lru_cache(maxsize=4096)
def _unpaired_kinds(text: str, lang: str) -> frozenset[str]:
    """What unbalanced_pairs finds in ``text``, each finding as _unpaired_kind names it."""
    return frozenset(_unpaired_kind(text, h) for h in unbalanced_pairs(text, lang))


def _unpaired_kind(text: str, hit: Hit) -> str:
    """A bracket by its character; a quotation mark by what is wrong with it (it opens a quote
    already open, closes one never opened), whatever its style («», "")."""
    mark = text[hit.start : hit.end]
    return mark if mark in _BRACKETS or mark in _CLOSERS else hit.message.replace(repr(mark), "")


def _source_unpaired(src: str, src_lang: str, mt: str, hit: Hit) -> bool:
    """Whether the source leaves unpaired a mark of the kind the translation's ``hit`` is about:
    a bracket of the same character («спасибо)», an emoticon), a quotation mark wrong in the
    same way (a quote running over sentences, in «» in the source and "" in English)."""
    return _unpaired_kind(mt, hit) in _unpaired_kinds(src, src_lang)


# --- names --------------------------------------------------------------------------------------


_CYRILLIC_ACRONYM = regex.compile(r"\b\p{Lu}{2,6}\b")


@lru_cache(maxsize=4096)
def _source_acronyms(src: str) -> tuple[str, ...]:
    """The all-caps Cyrillic words of a source (УМВД, ГИБДД), lowercase."""
    return tuple(
        dict.fromkeys(
            m.group().lower()
            for m in _CYRILLIC_ACRONYM.finditer(src)
            if script_of(m.group()[0]) == "cyrillic"
        )
    )


def source_acronym(src: str, word: str) -> bool:
    """Whether an all-caps translation word spells an all-caps source word letter by letter in
    a news transliteration ("UMVD" for «УМВД», "UTAK" for «УТАК»): the source's own acronym,
    which English news keeps where it has no English one; not a misspelling of it ("EUFA" for
    «УЕФА» is none)."""
    from mtqa.checks.source.names import scheme_match

    low = word.lower()
    return any(scheme_match(a, low, True) for a in _source_acronyms(src))


def caps_names(mt: str, lang: str, unknown_zipf: float, common_zipf: float) -> list[Hit]:
    """Short all-caps tokens where a name or a pronoun belongs ("said SHE", "met with VVP").

    An acronym in the dictionary (NATO, EU, FBI have real word frequencies) is fine; an all-caps
    token unknown to the dictionary is a likely undecoded name. An all-caps token that spells a
    very common word is read as that word unless it stands like an acronym (after "the", or
    before another word), so "said SHE." is flagged and "the US", "US officials" are not.
    """
    if _TARGET_SCRIPT.get(lang, "latin") != "latin" or not _CAPS_TOKEN.search(mt):
        return []
    letters = [c for c in mt if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) > 0.5:
        return []  # an all-caps headline
    toks = list(_WORD.finditer(mt))
    hits: list[Hit] = []
    for k, m in enumerate(toks):
        w = m.group()
        if not (2 <= len(w) <= 5 and w.isalpha() and w.isupper()) or _ROMAN.match(w):
            continue
        if k > 0 and toks[k - 1].group().isupper() and len(toks[k - 1].group()) > 1:
            continue  # a run of caps words is emphasis or a title
        if k + 1 < len(toks) and toks[k + 1].group().isupper() and len(toks[k + 1].group()) > 1:
            continue
        z = _zipf(w.lower(), lang)
        before = mt[toks[k - 1].end() : m.start()] if k else ""
        prev = toks[k - 1].group() if k else ""
        after = mt[m.end() : toks[k + 1].start()] if k + 1 < len(toks) else mt[m.end() :]
        if before[-1:] in "(/[" and after[:1] in ")/]":
            continue  # an acronym being defined: "... Tropical Medicine (LSHTM)"
        if z < unknown_zipf and prev.lower() != "the":  # "the UFD" reads as an organisation
            hits.append(
                Hit(
                    m.start(),
                    m.end(),
                    "name",
                    "minor",
                    0.3,
                    f"{w!r} is not a known word or acronym",
                )
            )
        elif z >= common_zipf:
            acronym_like = (
                prev.lower() in ("the", "a", "an")
                or (k + 1 < len(toks) and not after.strip())  # modifies the next word
                or "-" in after[:1]
                or "-" in before[-1:]
                or (
                    after[:1] != ""
                    and not after[:1].isspace()
                    and after[:1] not in ".,;:!?)]\"”»'’"
                )
            )  # the last: glued to a symbol or digit, "US$2.3", "UK£"
            if k > 0 and not acronym_like and prev[:1].islower():
                # Minor: a common word in capitals is as often an acronym standing where the
                # word's reading fits ("can trust US", "rain to southwest US"; none of its 2 hits
                # in 7,040 WMT21 system outputs was a slip, 3 of 1,005 original English news
                # sentences were the country).
                hits.append(
                    Hit(
                        m.start(),
                        m.end(),
                        "name",
                        "minor",
                        0.5,
                        f"{w!r} in capitals where a name or {w.lower()!r} belongs",
                    )
                )
    return hits


# --- the check ----------------------------------------------------------------------------------


# --- another language -----------------------------------------------------------------------

# Languages a Latin-script text that is not the target's may be in (wordfreq has lists for
# them); asked only for a text most of whose lower-case words the target language lacks.
_OTHER_LATIN = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ro", "cs", "sv", "da", "tr", "id")
_LANGUAGE_NAMES = {
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "ro": "Romanian",
    "cs": "Czech",
    "sv": "Swedish",
    "da": "Danish",
    "tr": "Turkish",
    "id": "Indonesian",
    "en": "English",
}
# A lower-case word of Latin letters (a Cyrillic run is the untranslated rule's business).
_LOWER_WORD = regex.compile(
    r"(?<![\p{L}'’-])(?=\p{Ll})\p{Latin}[\p{Latin}'’]+(?<=\p{Ll})(?![\p{L}'’-])"
)


def other_language(mt: str, lang: str, min_words: int, share: float) -> list[Hit]:
    """A Latin-script text that is not in the target language at all (an untranslated feed item
    in German, a French quote left as it is): of its lower-case words (names left out; at least
    ``min_words``), ``share`` or more are words another language's frequency list knows better
    than the target's (by a Zipf point or more), or words no list knows. Critical: such a text is
    no translation to publish. The cheap first test — the mean Zipf frequency of the words in the
    target language below 4.2 (English news reads about 5.5) — keeps the other lists from being
    asked for ordinary text."""
    if _TARGET_SCRIPT.get(lang, "latin") != "latin":
        return []
    words = [m.group().replace("’", "'") for m in _LOWER_WORD.finditer(_mask_urls(mt))]
    if len(words) < min_words:
        return []
    own = [_zipf(w, lang) for w in words]
    if sum(own) / len(own) >= 4.2:
        return []  # ordinary text: its function words alone keep the mean high
    name = _LANGUAGE_NAMES.get(lang, lang)
    best, best_share = "", 0.0
    for other in _OTHER_LATIN:
        if other == lang:
            continue
        better = sum(1 for w, z in zip(words, own) if _zipf(w, other) >= z + 1.0) / len(words)
        if better > best_share:
            best, best_share = other, better
    unknown = sum(1 for z in own if z < 1.0) / len(words)
    if best_share >= share:
        what = f"the text reads as {_LANGUAGE_NAMES[best]}, not {name}"
    elif unknown >= share:
        what = f"most of its words are not {name}"
    else:
        return []
    start = len(mt) - len(mt.lstrip())
    return [
        Hit(
            start,
            len(mt.rstrip()),
            "untranslated",
            "critical",
            0.9,
            f"{what} ({len(words)} lower-case words read)",
        )
    ]


class RulesCheck(Check):
    """Editor's rules on the MT alone; any target language, no source needed.

    Flags only, no score: the pipeline already turns flags into features (summed confidence per
    severity), so a ``rules`` score would count the same evidence twice.

    Params (defaults in brackets): ``enabled`` (all rules), ``doubling_allowed`` (["had", "that"]),
    ``content_zipf`` (5.8: a word rarer than this is a content word), ``list_max_gap_tokens`` (12),
    ``untranslated_critical_words`` (3), ``untranslated_critical_share`` (0.4),
    ``latin_common_zipf`` (3.5), ``caps_unknown_zipf`` (1.5), ``caps_common_zipf`` (5.5),
    ``other_language_min_words`` (6), ``other_language_share`` (0.6).
    """

    name = "rules"
    per_segment = True
    version = "4"

    def __init__(
        self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()
    ) -> None:
        super().__init__(params, langs)
        lang = langs.tgt
        allowed = frozenset(
            w.lower() for w in self.param("doubling_allowed", list(_DEFAULT_DOUBLING_ALLOWED))
        )
        rules: dict[str, Callable[[str], list[Hit]]] = {
            "adjacent_repeats": lambda mt: adjacent_repeats(mt, lang, allowed),
            "list_repeats": lambda mt: repeated_list_items(
                mt,
                lang,
                float(self.param("content_zipf", 5.8)),
                int(self.param("list_max_gap_tokens", 12)),
            ),
            "coordination_repeats": lambda mt: coordination_repeats(
                mt, lang, float(self.param("content_zipf", 5.8))
            ),
            "phrase_echoes": lambda mt: phrase_echoes(
                mt, lang, float(self.param("content_zipf", 5.8))
            ),
            "subjectless_reports": lambda mt: subjectless_reports(mt, lang),
            "spacing": lambda mt: spacing(mt, lang),
            "untranslated": lambda mt: untranslated(
                mt,
                lang,
                int(self.param("untranslated_critical_words", 3)),
                float(self.param("untranslated_critical_share", 0.4)),
                float(self.param("latin_common_zipf", 3.5)),
            ),
            "other_language": lambda mt: other_language(
                mt,
                lang,
                int(self.param("other_language_min_words", 6)),
                float(self.param("other_language_share", 0.6)),
            ),
            "pairs": lambda mt: unbalanced_pairs(mt, lang),
            "caps_names": lambda mt: caps_names(
                mt,
                lang,
                float(self.param("caps_unknown_zipf", 1.5)),
                float(self.param("caps_common_zipf", 5.5)),
            ),
        }
        enabled = self.param("enabled", list(rules))
        self.rules = {name: fn for name, fn in rules.items() if name in enabled}

    def resources(self) -> str:
        from importlib import metadata

        return f"wordfreq:{metadata.version('wordfreq')}"

    def hits(self, mt: str) -> dict[str, list[Hit]]:
        """Every rule's hits on one MT text, by rule name (for evaluation and tests)."""
        return {name: fn(mt) for name, fn in self.rules.items()}

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        out = []
        src = self.langs.src
        for seg in segments:
            flags = []
            for rule, hits in self.hits(seg.mt).items():
                for h in hits:
                    if (
                        rule == "caps_names"
                        and seg.src
                        and source_acronym(seg.src, seg.mt[h.start : h.end])
                    ):
                        continue  # the source's own acronym spelt letter by letter (УМВД: UMVD)
                    if rule == "pairs" and seg.src and _source_unpaired(seg.src, src, seg.mt, h):
                        continue  # the source leaves the mark unpaired too (an emoticon «)»)
                    flags.append(
                        self.flag(
                            seg,
                            h.start,
                            h.end,
                            category=h.category,
                            severity=h.severity,
                            confidence=h.confidence,
                            message=h.message,
                            suggestion=h.suggestion,
                        )
                    )
            flags.sort(key=lambda f: (f.start, f.end, f.category))
            out.append(CheckResult(flags=tuple(flags)))
        return out
