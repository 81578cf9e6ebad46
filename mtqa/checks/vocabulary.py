"""Invented words in English output: tokens that no English (or source-language) word list knows.

wordfreq's frequency lists know rare-but-real words and modern names ("putin", "kyiv",
"zelensky"); a mis-transliterated name ("Pesckov") or a garbled non-word is in none of them.
Numbers, URLs, e-mail addresses, handles, acronyms and dotted abbreviations are never judged;
hyphenated compounds are judged by their parts and possessives by their stem; a lowercase word
English builds from listed parts ("recultivation", "servicepeople") counts as known. A flagged token gets
a suggestion when a frequent word or name lies within a small edit distance. With a Russian (or
Ukrainian, Belarusian) source language, a known name with a Russian case ending left on it
("talks with Erdoganom") is flagged with the name as the suggestion, and so is a name spelt through
Russian letters where English knows the original spelling ("Makron" → Macron; see
mtqa/names_key.py) or with the soft sign written as an apostrophe ("Kazan'").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import regex

from mtqa.checks.base import Check, Languages, severity_for
from mtqa.names_key import POSSESSIVE_SURNAME_ENDINGS, is_romanised
from mtqa.text import words
from mtqa.types import CheckResult, Flag, Segment

DEFAULTS: dict[str, Any] = {
    # Tokens shorter than this are never judged (initials, units, "km").
    "min_length": 4,
    # All-caps tokens up to this length are acronyms (NATO, FSB, OSCE).
    "acronym_max": 6,
    # Suggestions come from the top of the English list, within this edit distance.
    "suggest_top": 150000,
    "suggest_max_distance": 2,
    # Confidence for an unknown lowercase word / capitalised (name) token, raised by a close match
    # (a typo of a common word: one edit from a word at least ``typo_zipf`` frequent). An unknown
    # word with no such match is a coinage or a transliterated word more often than an error
    # (tuned on WMT21 references): minor.
    "word_confidence": 0.5,
    "name_confidence": 0.35,
    "close_match_bonus": 0.25,
    "typo_zipf": 3.0,
    # A suggested name that is this common as a word is no name ("Leus" is not "Less").
    "name_max_zipf": 4.5,
    # A suggested name must be at least this frequent in English (5e-8 is zipf 1.7).
    "name_min_frequency": 5e-8,
    "severity": {"minor": 0.3, "major": 0.65, "critical": 0.99},
    # A name English text knows with a Russian case ending left on it ("talks with Erdoganom",
    # "a message to Macronu"): the known name must be at least this common (zipf) and used as a
    # name (see _name_like); the flag has this confidence (0.7: major). None: not looked for.
    # Only for a Russian, Ukrainian or Belarusian source language (other languages' names end
    # in "-u" natively: Henriku, Antoniu).
    "case_name_min_zipf": 1.7,
    "case_confidence": 0.7,
    # A final "-e" is Russian's prepositional (and a feminine dative) case, which follows a
    # preposition (в Ереване -> "in Yerevane", о Байдене -> "about Bidene"); English spells
    # names with a silent e too ("Bruce Colvine", "Browne"). So a name read with "-e" is flagged
    # at ``case_confidence`` only after one of these words (the name's capitalised run
    # skipped), else at ``name_confidence`` (minor). None: after any word.
    "case_e_prepositions": ("in", "on", "at", "about", "to", "near", "under", "over"),
    # An unknown capitalised word whose transliteration key (mtqa.names_key) equals that of a
    # name English knows at least this well (zipf), with a Russian source language: the known
    # spelling is suggested at ``key_confidence`` (minor: target-only evidence is weak). None:
    # not looked for.
    "key_name_min_zipf": 1.5,
    # ... and has at least this many letters (a four-letter word has too many such readings).
    "key_min_length": 5,
    "key_confidence": 0.45,
    # A lowercase word no list has but English builds from listed parts (built_word): a prefix
    # or suffix with a word at least ``built_part_zipf`` common, or two words each at least
    # ``built_compound_zipf`` common, is an English word. None: every unlisted word is judged.
    "built_part_zipf": 3.0,
    "built_compound_zipf": 3.5,
    # A lowercase word no list has that English's inflection rules make from a listed word
    # ("denuclearizes", inflected_word) is an English word (when no common word is one edit
    # away, as for built words). False: such words are judged as unknown.
    "inflected": True,
}

# Stretches whose tokens are not prose: URLs, e-mail addresses, @handles, #hashtags, file names.
# Substrings without which _NON_PROSE_RE cannot match (a cheap test before the regex).
_NON_PROSE_HINTS = ("http", "www.", "@", "#", ".com", ".org", ".net", ".ru", ".ua", ".htm", ".pdf")
_NON_PROSE_RE = regex.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+|\b\w+\.(?:com|org|net|ru|ua|html?|pdf)\b",
    regex.IGNORECASE,
)
_LATIN_RE = regex.compile(r"^[\p{Script=Latin}'’\-.]+$")
_INNER_CAPITAL = regex.compile(r"^.\p{Ll}+\p{Lu}")  # RosBank, McLaren: brand and clan names
_VOWELS = frozenset("aeiou")
_IOTA = frozenset("yj")
# A known name plus one of these is its inflected or feminine form (Gagarina, "Igora Drive").
_NAME_ENDINGS = ("a", "u", "e", "y")


# Russian case endings as transliterated onto a name, and what the nominative ends in instead:
# Эрдоганом -> Erdoganom (Erdogan), Макрону -> Macronu, Ереване -> Yerevane, Зеленским ->
# Zelenskim (Zelensky), Навального -> Navalnogo (Navalny), Захаровой -> Zakharovoy (Zakharova). The genitive "-a"
# (Peskova) is left out: it is also how feminine surnames end. On every WMT21 ru-en reference
# and MT output these fire once ("Kianu"); on other languages' text "-u" and "-e" end names
# natively (Henriku, Vosse), hence the source-language condition of VocabularyCheck._case_name.
_CASE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ogo", "y"),
    ("omu", "y"),
    ("ym", "y"),
    ("im", "y"),
    ("oy", "a"),
    ("oi", "a"),
    ("om", ""),
    ("em", ""),
    ("ym", ""),
    ("im", ""),
    ("u", ""),
    ("e", ""),
)

# A capitalised word with a soft sign (ь) romanised as an apostrophe: after a consonant at the end
# (Kazan', Merkel'; a plural possessive ends in s, z or x: Jones') or between two consonants
# (Tin'kov; O'Brien and D'Alema have a vowel on one side).
_SOFT_SIGN_RE = regex.compile(
    r"^\p{Lu}\p{Ll}*(?:[bcdfghjklmnpqrtvw]['’]|[bcdfghjklmnpqrstvwxz]['’][bcdfghjklmnpqrstvwxz]\p{Ll}+)$"
)

# An English contraction, not a soft sign: "It'll", "That'd", "They've".
_CONTRACTION = regex.compile(r"['’](?:ll|re|ve|d|s|m)$", regex.IGNORECASE)

# A single quotation mark opening a quotation (before a word, after a space or bracket).
_QUOTE_OPENED = regex.compile(r"(?:^|[\s(\[])['‘’]\p{L}")

# Source languages whose case endings these are (Ukrainian and Belarusian decline names alike).
_CASE_LANGS = frozenset({"ru", "uk", "be"})


# Endings no English name has but Russian surnames and place adjectives take in the oblique
# cases (Grozovskogo, Berezovskim, Ivanovym, Petrovoy): a name carrying one is flagged even when
# English text does not know the name, suggesting the nominative. Never seen on an unknown
# capitalised word of the WMT21 ru-en references and outputs or the MLQE-PE ru-en post-edits
# and outputs.
_OBLIQUE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("skogo", "sky"),
    ("skomu", "sky"),
    ("skim", "sky"),
    ("ovym", "ov"),
    ("evym", "ev"),
    ("inym", "in"),
    ("ovoy", "ova"),
    ("evoy", "eva"),
    ("inoy", "ina"),
)


def case_stripped(word: str) -> list[tuple[str, str]]:
    """(nominative candidate, ending) pairs for a name that may carry a Russian case ending,
    longest ending first; the candidate keeps at least four letters. A bare ending follows a
    consonant (Russian declines Erdogan to Erdoganu, but not Dama to Damau)."""
    low = word.lower()
    out = []
    for ending, nominative in _CASE_ENDINGS:
        if not low.endswith(ending) or len(low) - len(ending) < 4:
            continue
        stem = low[: -len(ending)]
        if not nominative and stem[-1] in "aeiouy":
            continue
        out.append((stem + nominative, ending))
    return out


def name_variant(unknown: str, known: str) -> bool:
    """Whether ``unknown`` is a spelling variant of the name ``known`` rather than a garble:
    an inflected or feminine form, another vowel (Kulakov/Kulikov), a doubled letter
    (Tammeka/Tameka), an iotation (Lyuna/Luna, Artjom/Artyom), or a different first letter (then
    it is another name: Brodno/Grodno)."""
    u, k = unknown.lower(), known.lower()
    if not u or not k or u[0] != k[0]:
        return True
    if u.startswith(k) and u[len(k) :] in _NAME_ENDINGS:
        return True
    if len(u) == len(k):
        diff = [(i, a, b) for i, (a, b) in enumerate(zip(u, k)) if a != b]
        if len(diff) != 1:
            return False
        i, a, b = diff[0]
        if {a, b} == {"i", "y"} and i == len(u) - 1:
            return False  # Navalni for Navalny: the usual transliteration slip
        # another ending makes another name (Annino/Anning)
        return (a in _VOWELS and b in _VOWELS) or (a in _IOTA and b in _IOTA) or i >= len(u) - 2
    longer, shorter = (u, k) if len(u) > len(k) else (k, u)
    if len(longer) != len(shorter) + 1:
        return False
    for i, ch in enumerate(longer):
        if longer[:i] + longer[i + 1 :] == shorter:
            if ch in "iy" and i == len(longer) - 1:
                return False  # Zelenskyi for Zelensky
            doubled = (i > 0 and longer[i - 1] == ch) or longer[i + 1 : i + 2] == ch
            if doubled or ch in _IOTA or i >= len(longer) - 2:
                return True
    return False


@lru_cache(maxsize=4)
def frequency_dict(lang: str) -> dict[str, float]:
    """wordfreq's word → frequency table for ``lang`` (loaded once; empty if unsupported)."""
    import wordfreq

    try:
        # Called as wordfreq's own lookups call it, (lang, "best"): its cache is keyed on the
        # arguments as written, so get_frequency_dict(lang) would load the same table twice.
        return wordfreq.get_frequency_dict(lang, "best")
    except (LookupError, ValueError):
        return {}


_PLAIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=4)
def _suggestion_words(lang: str, top: int) -> tuple[frozenset[str], dict[str, list[str]]]:
    """The alphabetic words among the ``top`` most frequent, and a symmetric-delete index (each
    word and its one-letter deletions map to the words they come from) over the few of them with
    letters beyond a-z. Words of a-z alone are found by inserting a-z letters instead, which spares
    indexing some 140,000 words (seconds) at first use."""
    import wordfreq

    words = frozenset(w for w in wordfreq.top_n_list(lang, top) if w.isalpha())
    index: dict[str, list[str]] = {}
    for w in words:
        if _PLAIN_LETTERS.issuperset(w):
            continue
        for key in (w, *[w[:i] + w[i + 1 :] for i in range(len(w))]):
            index.setdefault(key, []).append(w)
    return words, index


@lru_cache(maxsize=8192)
def close_words(low: str, lang: str, top: int) -> frozenset[str]:
    """Listed words sharing a key with ``low``, where a word's keys are itself and its one-letter
    deletions: the symmetric-delete candidates for edit distance up to 2."""
    words, index = _suggestion_words(lang, top)
    found: set[str] = set()
    for key in {low, *(low[:i] + low[i + 1 :] for i in range(len(low)))}:
        found.update(index.get(key, ()))
        if key in words:
            found.add(key)
        # A plain word that has ``key`` among its deletions is ``key`` with one a-z letter added.
        for i in range(len(key) + 1):
            head, tail = key[:i], key[i:]
            found.update(words.intersection([head + ch + tail for ch in _PLAIN_LETTERS]))
    return frozenset(found)


@lru_cache(maxsize=4)
def _known_names(
    lang: str, top: int, min_frequency: float
) -> tuple[frozenset[str], frozenset[str]]:
    """The alphabetic listed words at least ``min_frequency`` frequent, and all their prefixes.
    Built once, at the first unknown capitalised word with a Russian source language."""
    import wordfreq

    from mtqa.names_key import prefixes_of

    freq = frequency_dict(lang)
    known = frozenset(
        w
        for w in wordfreq.top_n_list(lang, top)
        if w.isalpha() and freq.get(w, 0.0) >= min_frequency
    )
    return known, prefixes_of(known)


# English makes new words from known parts: a combining prefix before a word (re-, micro-,
# giga-, cyber-: "recultivation", "gigacalories"), two words run together ("servicepeople"), a
# word with a doctrine or agent suffix ("stupidism", "progressors"). Newsrooms write such
# coinages for Russian compounds (рекультивация, медработники) and no word list has them. The
# prefixes that negate or reverse (un-, non-, in-, dis-, de-, anti-, counter-, mis-) are not
# among these: a polarity flip spelt as a non-word stays flagged.
_BUILD_PREFIXES = (
    "re", "pre", "post", "co", "inter", "intra", "trans", "sub", "super", "over", "under",
    "multi", "poly", "mono", "semi", "mini", "micro", "macro", "mega", "giga", "kilo", "nano",
    "tera", "ultra", "hyper", "neo", "pseudo", "quasi", "proto", "bio", "eco", "geo", "agro",
    "aero", "hydro", "electro", "thermo", "petro", "photo", "tele", "cyber", "circum",
)  # fmt: skip
_BUILD_SUFFIXES = ("isms", "ism", "ists", "ist", "ors", "or")


@lru_cache(maxsize=16384)
def built_word(low: str, lang: str, part_zipf: float, compound_zipf: float) -> bool:
    """Whether an unlisted lowercase word is an English coinage from listed parts: a prefix of
    _BUILD_PREFIXES before a word of five letters or more; a word of four or more before an
    -ism/-ist/-or suffix (each part at least ``part_zipf`` common); or two words of four letters
    or more run together, each at least ``compound_zipf`` common. No part may be a word English
    uses as a name (the LM's view, as for suggested names): "postavila" is no post + Avila."""
    from mtqa.checks.lm import english_lm
    from mtqa.lexicon.lemmas import all_lemmas

    freq = frequency_dict(lang)
    lm = english_lm()

    def part(word: str, floor: float, size: int) -> bool:
        if len(word) < size or _zipf(freq.get(word, 0.0)) < floor or lm.unigram(word) is None:
            return False
        # a noun or adjective by the LM, or a verb form or number word English's own word
        # lists know (no name is in them): "cinema|going", "home|wear", "four|balls"
        return lm.nominal(word) >= 0 or word in _NUMBER_WORDS or bool(all_lemmas(word))

    if not low.isalpha():
        return False
    if any(low.startswith(p) and part(low[len(p) :], part_zipf, 5) for p in _BUILD_PREFIXES):
        return True
    if any(low.endswith(s) and part(low[: -len(s)], part_zipf, 4) for s in _BUILD_SUFFIXES):
        return True
    return any(
        part(low[:k], compound_zipf, 4) and part(low[k:], compound_zipf, 4)
        for k in range(4, len(low) - 3)
    )


# Number words run into compounds ("fourball", "fiveseater"); the LM reads them as non-nominal.
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty"
    " hundred thousand".split()
)


@lru_cache(maxsize=16384)
def inflected_word(
    low: str, lang: str, part_zipf: float | None = None, compound_zipf: float | None = None
) -> str | None:
    """The word an unlisted lowercase word is a regular inflection of ("denuclearizes" of the
    listed "denuclearize"; with ``part_zipf`` and ``compound_zipf``, "reinjects" of "reinject",
    which built_word makes), or None. The base inflected back by English's rules must give the
    word itself, so a slip ("wanred" -> wan?) is no inflection."""
    import lemminflect

    freq = frequency_dict(lang)
    for upos in ("VERB", "NOUN", "ADJ"):
        for lemma in lemminflect.getAllLemmasOOV(low, upos).get(upos, ()):
            if lemma == low or len(lemma) < 4:
                continue
            if lemma not in freq and (
                part_zipf is None
                or compound_zipf is None
                or not built_word(lemma, lang, part_zipf, compound_zipf)
            ):
                continue
            forms = lemminflect.getAllInflectionsOOV(lemma, upos)
            if any(low in f for f in forms.values()):
                return lemma
    return None


# Case endings that only follow a preposition in Russian (see ``case_e_prepositions``).
_PREPOSITIONAL = frozenset({"e"})
_WORD_RE = regex.compile(r"[\p{L}'’.-]+")


def _after_preposition(mt: str, start: int, prepositions: Sequence[str] | None) -> bool:
    """Whether the word before the capitalised run ending at ``start`` is one of
    ``prepositions`` ("in Yerevane", "about Joe Bidene", "In Yerevane"); True when
    ``prepositions`` is None."""
    if prepositions is None:
        return True
    before = _WORD_RE.findall(mt[:start])
    # the name's own capitalised run and a coordination ("in Syria and Irake") are skipped; a
    # capitalised preposition opens the sentence ("In Yerevane, ...")
    while before and (
        (before[-1][:1].isupper() and before[-1].lower() not in prepositions)
        or before[-1] in ("and", "or")
    ):
        before.pop()
    return bool(before) and before[-1].lower() in prepositions


def _light(word: str) -> str:
    """A spelling with y as i, doubled letters written once and no iotation after a consonant:
    equal for a name's own English variants (Zelenskyy, Zelensky; Lyuna, Luna)."""
    light = regex.sub(r"(\p{L})\1+", r"\1", word.replace("y", "i"))
    return regex.sub(r"(?<=[^aeiou])i(?=[aou])", "", light)  # Lyuna for Luna: iotation


def _zipf(frequency: float) -> float:
    """wordfreq's Zipf scale (log10 of occurrences per billion words) of a frequency."""
    import math

    return math.log10(frequency * 1e9) if frequency > 0 else 0.0


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent transpositions (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


# A one-letter slip's cost (log10), set against the candidate's frequency (Zipf, log10 too):
# how many slips of the same kind could have been made at that spot. Transposing two letters,
# dropping one or typing one twice can each go only one way (0); a wrong or an extra letter is
# one of some 25 (log10 25 = 1.4). So "wanred" is "warned" (one swap, Zipf 4.2) rather than
# "wanted" (r for t, Zipf 5.4 - 1.4). Neighbouring keys are given no discount: measured on
# generated typos (scripts/typo_suggestions.py) it changed little, and it handed "wanred" back
# to "wanted" (r and t are neighbours).
SLIP_COST = {"swap": 0.0, "drop": 0.0, "double": 0.0, "letter": 1.4}


def slip_kind(typo: str, word: str) -> str | None:
    """The one-letter slip that turns ``word`` into ``typo``: "swap" (two adjacent letters
    exchanged), "drop" (one left out), "double" (one typed twice), "letter" (a wrong or an extra
    letter); None when it takes more than one."""
    if typo == word:
        return None
    if len(typo) == len(word):
        diff = [i for i in range(len(word)) if typo[i] != word[i]]
        if len(diff) == 1:
            return "letter"
        i = diff[0]
        if len(diff) == 2 and diff[1] == i + 1 and (typo[i], typo[i + 1]) == (word[i + 1], word[i]):
            return "swap"
        return None
    if len(typo) == len(word) - 1:
        i = next((k for k in range(len(typo)) if typo[k] != word[k]), len(typo))
        return "drop" if typo[i:] == word[i + 1 :] else None
    if len(typo) == len(word) + 1:
        i = next((k for k in range(len(word)) if typo[k] != word[k]), len(word))
        if typo[i + 1 :] != word[i:]:
            return None
        return "double" if typo[i] in typo[i - 1 : i] + typo[i + 1 : i + 2] else "letter"
    return None


class VocabularyCheck(Check):
    """Share of known word tokens, and flags on tokens no word list knows."""

    name = "vocabulary"
    per_segment = True
    version = "4"
    target_langs = frozenset({"en"})
    batch_size = 256

    def __init__(
        self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()
    ) -> None:
        super().__init__(params, langs)
        self._p = self.params_with(DEFAULTS)
        self._verdicts: dict[str, bool | None] = {}
        self._suggestions: dict[tuple[str, bool], tuple[str, int] | None] = {}

    def resources(self) -> str:
        from importlib import metadata

        try:
            version = metadata.version("wordfreq")
        except metadata.PackageNotFoundError:  # pragma: no cover
            version = "unknown"
        return f"wordfreq-{version}({self.langs.tgt},{self.langs.src})"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        return [self.check_one(seg) for seg in segments]

    def known(self, word: str) -> bool:
        """Whether an English or source-language word list has this (lowercase) word."""
        return self._known(word)

    @lru_cache(maxsize=65536)  # noqa: B019 - bounded, lives with the check
    def _known(self, word: str) -> bool:
        if word in frequency_dict(self.langs.tgt):
            return True
        return self.langs.src != self.langs.tgt and word in frequency_dict(self.langs.src)

    def judge(self, token: str) -> bool | None:
        """True/False for a judged token (known or not), None for tokens that are not judged."""
        try:
            return self._verdicts[token]
        except KeyError:
            pass
        if len(self._verdicts) > 200_000:  # bounded: archives have long tails of rare tokens
            self._verdicts.clear()
        verdict = self._verdicts[token] = self._judge(token)
        return verdict

    def _judge(self, token: str) -> bool | None:
        p = self._p
        text = token.replace("’", "'")
        # (letters are never digits, so only a token with other characters needs the digit scan)
        if not text[:1].isalpha() or (not text.isalpha() and any(ch.isdigit() for ch in text)):
            return None
        if "." in text:  # U.S., Ph.D, e.g.: abbreviations
            return None
        if text.isupper() and len(text) <= p["acronym_max"]:
            return None
        if not _LATIN_RE.match(text):
            return None  # other scripts belong to the untranslated-text checks
        low = text.lower()
        for suffix in ("'s", "'"):
            if low.endswith(suffix) and len(low) > len(suffix):
                low = low[: -len(suffix)]
                break
        if "-" in low:
            parts = [q for q in low.split("-") if len(q) >= p["min_length"]]
            if not parts:
                return None
            return all(self.known(q) or self.known(q.replace("'", "")) for q in parts)
        if len(low) < p["min_length"]:
            return None
        if self.known(low) or self.known(low.replace("'", "")):
            return True
        return text[:1].islower() and self._built(low)

    def _built(self, low: str) -> bool:
        """Whether an unlisted lowercase word is a coinage from listed parts (built_word) and
        no typo: not one edit from a word at least ``typo_zipf`` common ("wanred" is no wan +
        red but "wanted")."""
        p = self._p
        if p["built_part_zipf"] is None:
            return False
        if not built_word(low, self.langs.tgt, p["built_part_zipf"], p["built_compound_zipf"]) and (
            not p["inflected"]
            or inflected_word(low, self.langs.tgt, p["built_part_zipf"], p["built_compound_zipf"])
            is None
        ):
            return False
        match = self.suggest(low, slips=False)  # any common word one edit away
        freq = frequency_dict(self.langs.tgt)
        return not (
            match is not None and match[1] == 1 and _zipf(freq.get(match[0], 0.0)) >= p["typo_zipf"]
        )

    def suggest(self, word: str, slips: bool = True) -> tuple[str, int] | None:
        """The closest listed word within the edit-distance limit, and its distance: fewest
        edits first; among one-edit words the likeliest typing slip (Zipf frequency less the
        slip's SLIP_COST) with ``slips``, else the most frequent (a name's spelling varies by
        transliteration, not by typing: "Yantar" is no slip of "Yantra")."""
        low = word.lower()
        try:
            return self._suggestions[low, slips]  # an unknown word recurs (names across systems)
        except KeyError:
            pass
        value = self._suggest(low, slips)
        if len(self._suggestions) > 50_000:
            self._suggestions.clear()
        self._suggestions[low, slips] = value
        return value

    def _suggest(self, low: str, slips: bool) -> tuple[str, int] | None:
        p = self._p
        found = close_words(low, self.langs.tgt, int(p["suggest_top"]))
        best: tuple[int, float, str] | None = None
        freq = frequency_dict(self.langs.tgt)
        for cand in found:
            d = edit_distance(low, cand)
            if d == 0 or d > p["suggest_max_distance"]:
                continue
            kind = slip_kind(low, cand) if d == 1 and slips else None
            cost = SLIP_COST[kind] if kind else 0.0
            key = (d, cost - _zipf(freq.get(cand, 0.0)), cand)
            if best is None or key < best:
                best = key
        if best is None:
            return None
        return best[2], best[0]

    def check_one(self, seg: Segment) -> CheckResult:
        mt = seg.mt
        skip: list[tuple[int, int]] = []
        low = mt.lower()
        if any(hint in low for hint in _NON_PROSE_HINTS):
            skip = [(m.start(), m.end()) for m in _NON_PROSE_RE.finditer(mt)]
        judged = known = 0
        flags: list[Flag] = []
        for tok in words(mt):
            if skip and any(a <= tok.start < b for a, b in skip):
                continue
            if self.langs.src in _CASE_LANGS and (
                "'" in tok.text or "’" in tok.text or mt[tok.end : tok.end + 1] in ("'", "’")
            ):
                soft = self._soft_sign(seg, tok.start, tok.end)
                if soft is not None:
                    judged += 1
                    flags.append(soft)
                    continue
            verdict = self.judge(tok.text)
            if verdict is None:
                continue
            judged += 1
            if verdict:
                known += 1
                continue
            flag = self._flag(seg, tok.start, tok.end, tok.text)
            if flag is not None:
                flags.append(flag)
        if not judged:
            return CheckResult(flags=tuple(flags))
        return CheckResult(scores={"vocabulary": 100.0 * known / judged}, flags=tuple(flags))

    def _case_name(self, word: str) -> tuple[str, str, bool] | None:
        """The name an unknown capitalised word is with a Russian case ending, the ending, and
        whether English text knows the name (else it is the nominative the ending implies);
        None when it is no such form."""
        floor = self._p["case_name_min_zipf"]
        if floor is None or self.langs.src not in _CASE_LANGS:
            return None
        if not word.isalpha() or word.isupper():
            return None
        freq = frequency_dict(self.langs.tgt)
        for cand, ending in case_stripped(word):
            zipf = _zipf(freq.get(cand, 0.0))
            if zipf < floor or zipf >= self._p["name_max_zipf"] or not self._name_like(cand):
                continue
            return cand[:1].upper() + cand[1:], ending, True
        low = word.lower()
        for ending, nominative in _OBLIQUE_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= 3:
                cand = low[: -len(ending)] + nominative
                return cand[:1].upper() + cand[1:], ending, False
        return None

    def _soft_sign(self, seg: Segment, start: int, end: int) -> Flag | None:
        """A name with the Russian soft sign written as an apostrophe (Kazan', Tin'kov): after a
        consonant at the end (not a plural possessive's s, nor a closing quotation mark) or
        between two consonants."""
        mt = seg.mt
        if mt[end : end + 1] in ("'", "’") and not regex.match(r"\p{L}", mt[end + 1 : end + 2]):
            if _QUOTE_OPENED.search(mt[:end]):
                return None  # 'Kazan': a quotation closes
            end += 1
        text = mt[start:end]
        if _SOFT_SIGN_RE.match(text) is None or _CONTRACTION.search(text):
            return None
        name = text.replace("'", "").replace("’", "")
        confidence = self._p["key_confidence"]
        return self.flag(
            seg,
            start,
            end,
            category="name",
            severity=severity_for(confidence, self._p["severity"]) or "minor",
            confidence=confidence,
            message=(
                f"'{text}' writes the Russian soft sign as an apostrophe; English news writes "
                f"'{name}'"
            ),
            suggestion=name,
        )

    def _key_name(self, word: str) -> tuple[str, str] | None:
        """The name English knows that an unknown capitalised word spells through Russian
        letters (mtqa.names_key.english_spellings; Makron → Macron), itself or without a Russian
        case ending (Makronom → Macron), and the ending ('' if none); None when there is none, or
        the two differ only as a name's own English variants do (y/i, a doubled letter)."""
        floor = self._p["key_name_min_zipf"]
        if floor is None or self.langs.src not in _CASE_LANGS:
            return None
        if not word.isalpha() or word.isupper() or len(word) < self._p["key_min_length"]:
            return None
        if _INNER_CAPITAL.match(word):
            return None  # ShOS, McLaren: an acronym spelt out or a clan name
        from mtqa.names_key import english_spellings

        low = word.lower()
        known, prefixes = _known_names(
            self.langs.tgt, int(self._p["suggest_top"]), 10 ** (floor - 9)
        )
        freq = frequency_dict(self.langs.tgt)
        for stem, ending in ((low, ""), *case_stripped(low)):
            if ending in ("im", "ym") and not stem.endswith("y"):
                continue  # -im/-ym is the instrumental of an adjective-shaped name only
            spellings = english_spellings(stem, prefixes.__contains__, known.__contains__)
            for cand in sorted(spellings, key=lambda w: -freq.get(w, 0.0)):
                if _light(cand) == _light(stem) or stem.startswith(cand):
                    continue  # Zelenskyy for Zelensky, Kharkova for Kharkov: the name's own forms
                if _zipf(freq.get(cand, 0.0)) >= self._p["name_max_zipf"]:
                    continue
                if not self._name_like(cand):
                    continue
                return cand[:1].upper() + cand[1:], ending
        return None

    def _name_like(self, word: str) -> bool:
        """Whether a listed word is used as a name: the LM does not know it or 'the' lowers it."""
        from mtqa.checks.lm import english_lm

        lm = english_lm()
        return lm.unigram(word) is None or lm.nominal(word) < 0

    @staticmethod
    def _source_renders(src: str, word: str) -> bool:
        """Whether a capitalised source word is a name that ``word`` spells in a usual way."""
        from mtqa.checks.source.names import name_candidates
        from mtqa.checks.source.words import WORD

        return any(
            m.group()[:1].isupper()
            and (
                name_candidates(m.group()).rendered_by(word)
                or name_candidates(m.group(), chinese=True).rendered_by(word)
            )
            for m in WORD.finditer(src)
            if len(m.group()) >= 2 and not m.group()[:1].isascii()
        )

    @staticmethod
    def _source_word_spelt(src: str, word: str) -> str | None:
        """The source word (Cyrillic, three letters or more) that ``word`` spells in a usual
        transliteration («врио»: "vrio", «ёлку»: "yolka"), or None."""
        from mtqa.checks.source.names import name_candidates
        from mtqa.checks.source.words import WORD

        for m in WORD.finditer(src):
            w = m.group()
            if len(w) >= 3 and not w[:1].isascii() and name_candidates(w).rendered_by(word):
                return w
        return None

    def _flag(self, seg: Segment, start: int, end: int, text: str) -> Flag | None:
        p = self._p
        is_name = text[:1].isupper()
        base = text.replace("’", "'")
        if base.lower().endswith("'s"):
            base = base[:-2]
        match = self.suggest(base, slips=not is_name) if "-" not in base else None
        freq = frequency_dict(self.langs.tgt)
        if is_name:
            cased = self._case_name(base)
            if cased is not None:
                name, ending, known = cased
                confidence = p["case_confidence"] if known else p["name_confidence"]
                if ending in _PREPOSITIONAL and not _after_preposition(
                    seg.mt, start, p["case_e_prepositions"]
                ):
                    confidence = min(confidence, p["name_confidence"])
                return self.flag(
                    seg,
                    start,
                    end,
                    category="name",
                    severity=severity_for(confidence, p["severity"]) or "minor",
                    confidence=confidence,
                    message=(
                        f"'{text}' reads like the name '{name}' with a Russian case ending "
                        f"(-{ending}) left on it"
                    ),
                    suggestion=name,
                )
        from mtqa.checks.source.names import unknown_name_garble

        # the other transliteration leftovers names.py knows (a twin, Chinese syllables spelt
        # from Russian letters, scheme endings): a suggestion for the path below
        garble = (
            unknown_name_garble(base)
            if is_name and "-" not in base and self.langs.src in _CASE_LANGS
            else None
        )
        if garble is not None and not (seg.src and self._source_renders(seg.src, base)):
            match = (garble[0].lower(), 1)
        elif is_name and "-" not in base and (keyed := self._key_name(base)) is not None:
            if seg.src and self._source_renders(seg.src, base):
                return None  # the source has this name, spelt so: the source check judges it
            name, ending = keyed
            how = f" with a Russian case ending (-{ending}) left on it" if ending else ""
            return self.flag(
                seg,
                start,
                end,
                category="name",
                severity=severity_for(p["key_confidence"], p["severity"]) or "minor",
                confidence=p["key_confidence"],
                message=(
                    f"'{text}' is a name no English word list knows; it reads like '{name}' "
                    f"spelt through Russian letters{how}"
                ),
                suggestion=name,
            )
        elif is_name:
            # Unknown names are everyday news (minor officials, towns); only a name one edit
            # away from a well-known name is evidence of a botched transliteration, and not a
            # usual variant of it.
            if match is None or match[1] > 1 or not self._name_like(match[0]):
                return None
            if not base.isascii():
                return None  # a name in its own language's letters (Võru, Pärnu), no slip of Viru
            if freq.get(match[0], 0.0) < p["name_min_frequency"]:
                return None
            if _zipf(freq.get(match[0], 0.0)) >= p["name_max_zipf"]:
                return None
            if _INNER_CAPITAL.match(base) or name_variant(base, match[0]):
                return None
            if base.lower().endswith(POSSESSIVE_SURNAME_ENDINGS) and is_romanised(base):
                # A Russian surname's own ending, romanised as it should be: no garble of a known
                # name one edit away (Kalnin is not Kalin).
                return None
            if seg.src and self._source_renders(seg.src, base):
                return None  # the source has this name, spelt so: the source check judges it
        confidence = p["name_confidence"] if is_name else p["word_confidence"]
        suggestion = None
        spelt = None if is_name or not seg.src else self._source_word_spelt(seg.src, base)
        if spelt is not None:
            match = None  # the source's word in Latin letters: no typo of an English word
        if match is not None:
            cand, dist = match
            # A typo's evidence is a common word one edit away, whichever slip is suggested.
            common = match if is_name else self.suggest(base, slips=False)
            if is_name or (
                common is not None
                and common[1] == 1
                and _zipf(freq.get(common[0], 0.0)) >= p["typo_zipf"]
            ):
                confidence += p["close_match_bonus"] / dist
            suggestion = cand[:1].upper() + cand[1:] if is_name else cand
        severity = severity_for(confidence, p["severity"]) or "minor"
        kind = "name" if is_name else "unknown-word"
        what = "a name no English word list knows" if is_name else "not an English word"
        msg = f"'{text}' is {what}"
        if spelt is not None:
            msg += f"; it spells the source's «{spelt}» in Latin letters (left untranslated?)"
        if suggestion:
            msg += f"; close to '{suggestion}' (possible mistransliteration or typo)"
        return self.flag(
            seg,
            start,
            end,
            category=kind,
            severity=severity,
            confidence=min(1.0, confidence),
            message=msg,
            suggestion=suggestion,
        )
