"""What a source word can become in English, and back: one :class:`Lexicon` over every lexicon.

Two lexicons are merged:

* the system dictionary (Mueller 7, :mod:`mtqa.lexicon.dictd`), turned into lemma maps once and
  cached per user (``~/.cache/mtqa/lexicon``, keyed by the dictionary files' size and mtime,
  written atomically), so a later process loads them in a fraction of a second;
* the lexicon mined from CC0 parallel data that ships with mtqa (:mod:`mtqa.lexicon.mined`).

Maps (all lemmas lowercase, ``ё`` folded to ``е``):

* ``links``: Russian lemma → English lemmas it may be rendered by (any word of any sense);
* ``renders``: Russian lemma → English headwords whose sense list has it as a one-word
  translation, most central sense first (the suggestions);
* ``phrases``: Russian lemma sequence of a set phrase → its English renderings ("юридический
  лицо" → "legal entity");
* ``units``: two Russian lemmas that render one English headword together ("окружающий среда"
  → "environment", "железный дорога" → "railway"), from the headword's senses; ``unit_first``
  those that are the headword's first rendering, ``unit_noun`` those among a noun's first five
  renderings;
* ``gapped``: two Russian lemmas of a rendering with a function word inside ("принимать
  внимание" for «принимать во внимание») → its English headwords (among their first eight
  renderings) and phrases ("take into account"; :mod:`mtqa.lexicon.units`);
* ``support``: Russian noun lemma → the dictionary's verb + noun phrases for it, each as
  ``"ru_verb|en_verb|en_noun|phrase"`` ("заявление" → "сделать|make|statement|make a statement"),
  from phrase lines whose Russian side is a verb, at most one preposition, and the noun, and whose
  English side is a verb, function words, the noun and at most one trailing function word
  ("to take control of взять под контроль"; :mod:`mtqa.checks.source.support`);
* ``en_support``: English noun lemma → the verbs the dictionary's English phrases join to it
  ("apology" → make, tender), from every phrase line whose English side is a verb, function
  words and the noun, whatever its Russian side.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import regex

from mtqa.lexicon import dictd
from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemma_set, ru_lemmas

CACHE_FORMAT = 15
# The ``unit_noun`` map keeps two-word renderings among a noun's first this many renderings.
UNIT_NOUN_RANKS = 5
# ... and the ``gapped`` map a headword's renderings among its first this many.
GAPPED_RANKS = 8
_VERB_ENDINGS = ("ть", "ться", "ти", "тись", "чь", "чься")
# The infinitive endings by which the opening word of a ``gapped`` key counts as a verb
# (mtqa.lexicon.units).
GAPPED_VERB_ENDINGS = ("ть", "ться", "ти", "чь")
_CYR_WORD = regex.compile(r"\p{Cyrillic}+(?:-\p{Cyrillic}+)*")
_LAT_WORD = regex.compile(r"\p{Latin}+(?:['\-]\p{Latin}+)*")
# Placeholders of the dictionary's phrases, not words of them.
_RU_PLACEHOLDERS = frozenset(
    {"кто-л", "что-л", "кем-л", "чем-л", "кого-л", "чего-л", "кому-л", "чему-л", "ком-л"}
)
# ... and of its English phrases ("make one's way", "smth"): words of neither language.
_EN_PLACEHOLDERS = frozenset({"one's", "oneself", "one", "smb", "smth"})


class Table:
    """A map from a key to a tuple of strings, stored as one tab-joined string per key and
    split on first use: loading the cached dictionary then creates a few hundred thousand
    strings instead of millions of objects."""

    __slots__ = ("_split", "raw")

    def __init__(self, raw: dict[str, str]) -> None:
        self.raw = raw
        self._split: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_tuples(cls, data: dict[str, tuple[str, ...]]) -> Table:
        return cls({k: "\t".join(v) for k, v in data.items()})

    def get(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        # .get, not try/except: most keys asked (word pairs as phrases) are absent, and a raised
        # KeyError costs several dict lookups
        value = self._split.get(key)
        if value is not None:
            return value
        joined = self.raw.get(key)
        if joined is None:
            return default
        value = tuple(joined.split("\t"))
        self._split[key] = value
        return value

    def __getitem__(self, key: str) -> tuple[str, ...]:
        if key not in self.raw:
            raise KeyError(key)
        return self.get(key)

    def add(self, key: str, values: tuple[str, ...]) -> None:
        """Add ``values`` to the key's tuple (no repeats, order kept)."""
        merged = tuple(dict.fromkeys(self.get(key) + values))
        self.raw[key] = "\t".join(merged)
        self._split[key] = merged

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Table) and other.raw == self.raw

    __hash__ = None  # type: ignore[assignment]


Maps = dict[str, Table]


def _derived(a: str, b: str) -> bool:
    """Two English words of one family: a shared prefix of at least 5 letters and 70% of the
    shorter word."""
    if a[:5] != b[:5]:
        return False
    n = 5
    for x, y in zip(a[5:], b[5:]):
        if x != y:
            break
        n += 1
    return n >= 0.7 * min(len(a), len(b))


def cache_dir() -> Path | None:
    """Where the dictionary's lemma maps are cached, as for mtqa's other caches:
    ``$MTQA_CACHE_DIR/lexicon``, else ``$XDG_CACHE_HOME/mtqa/lexicon``, else
    ``~/.cache/mtqa/lexicon``; None when ``MTQA_CACHE=off`` (maps rebuilt in every process)."""
    if os.environ.get("MTQA_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("MTQA_CACHE_DIR"):
        return Path(os.environ["MTQA_CACHE_DIR"]).expanduser() / "lexicon"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtqa" / "lexicon"


def _ru_content_lemmas(text: str) -> list[tuple[str, ...]]:
    """Per Russian word of ``text``: its content lemmas (function words give an empty tuple)."""
    out = []
    for w in _CYR_WORD.findall(text):
        if w in _RU_PLACEHOLDERS:
            continue
        lemmas = tuple(dict.fromkeys(lem.lemma for lem in ru_lemmas(w) if lem.pos != "FUNC"))
        out.append(lemmas)
    return out


def build_maps(entries: Iterable[dictd.Entry]) -> dict[str, dict[str, tuple[str, ...]]]:
    """The lemma maps of a dictionary (see the module docstring), as plain dicts of tuples."""
    links: dict[str, dict[str, None]] = {}
    renders: dict[str, dict[str, tuple[int, int]]] = {}
    phrases: dict[str, dict[str, None]] = {}
    units: dict[str, dict[str, None]] = {}
    unit_first: dict[str, dict[str, None]] = {}
    unit_noun: dict[str, dict[str, None]] = {}
    gapped: dict[str, dict[str, None]] = {}
    support: dict[str, dict[str, None]] = {}
    en_support: dict[str, dict[str, None]] = {}
    from mtqa.lexicon.units import gapped_key

    for entry in entries:
        head = entry.headword
        if not _LAT_WORD.fullmatch(head.replace(" ", "-")) or len(head) < 2:
            continue
        single = " " not in head
        for sense in entry.senses:
            gap = gapped_key(sense.ru) if sense.rank < GAPPED_RANKS else None
            if gap is not None:
                gapped.setdefault(gap, {})[head.lower()] = None
            words = _ru_content_lemmas(sense.ru)
            if len(words) > 3:
                continue  # a description ("лицо, помещающее объявления"), not a rendering
            for lemmas in words:
                for lem in lemmas:
                    links.setdefault(lem, {})[head] = None
            if single and len(words) == 1:
                for lem in words[0]:
                    best = renders.setdefault(lem, {})
                    key = (sense.rank, len(best))
                    if head not in best or best[head] > key:
                        best[head] = key
            elif not single and 2 <= len(words) <= 3 and all(words):
                phrases.setdefault(" ".join(w[0] for w in words), {})[head] = None
            elif single and len(words) == 2 and all(words) and len(sense.ru.split()) == 2:
                # exactly two Russian words, both content words ("окружающая среда")
                units.setdefault(" ".join(w[0] for w in words), {})[head.lower()] = None
                if sense.rank == 0:  # the headword's first rendering: what the word means
                    unit_first.setdefault(" ".join(w[0] for w in words), {})[head.lower()] = None
                if sense.pos == "NOUN" and sense.rank < UNIT_NOUN_RANKS:
                    # among the noun's first renderings (mineral: «полезные ископаемые», its
                    # second), not an adjective's ("bastard" a. «худшего качества») nor a late
                    # sense ("feature" ← «большая статья», its seventh)
                    unit_noun.setdefault(" ".join(w[0] for w in words), {})[head.lower()] = None
        for ph in entry.phrases:
            en_all = ph.en.split()
            while en_all and en_all[0] in ("to", "one's", "oneself"):
                en_all = en_all[1:]
            # Content words of the English side (the lemmatiser's closed classes left out).
            en_words = [
                w
                for w in en_all
                if w not in EN_FUNCTION_WORDS and w not in _EN_PLACEHOLDERS and len(w) > 1
            ]
            # At most 3 content words in 5; with none, whole words ("here and there"), not a
            # shortened name ("the C." for "the Conqueror").
            english = 0 < len(en_all) <= 5 and len(en_words) <= 3
            english = english and (bool(en_words) or all(len(w) > 1 or w == "a" for w in en_all))
            words = _ru_content_lemmas(ph.ru)
            if 2 <= len(words) <= 3 and all(words) and english:
                phrases.setdefault(" ".join(w[0] for w in words), {})[" ".join(en_all)] = None
            gap = gapped_key(ph.ru) if english and en_words else None
            if gap is not None:
                gapped.setdefault(gap, {})[" ".join(en_all)] = None
            pair = _support_pair(ph.ru, en_all)
            if pair is not None:
                noun, value = pair
                support.setdefault(noun, {})[value] = None
            en_pair = _en_verb_noun(en_all)
            if en_pair is not None:
                en_support.setdefault(en_pair[1], {})[en_pair[0]] = None
    # Interned strings: marshal then writes each headword once and loading shares the objects.
    intern = sys.intern
    return {
        "links": {intern(k): tuple(intern(x) for x in v) for k, v in links.items()},
        "renders": {
            intern(k): tuple(intern(x) for x in sorted(v, key=v.__getitem__))
            for k, v in renders.items()
        },
        "phrases": {intern(k): tuple(intern(x) for x in v) for k, v in phrases.items()},
        "units": {intern(k): tuple(intern(x) for x in v) for k, v in units.items()},
        "unit_first": {intern(k): tuple(intern(x) for x in v) for k, v in unit_first.items()},
        "unit_noun": {intern(k): tuple(intern(x) for x in v) for k, v in unit_noun.items()},
        "gapped": {intern(k): tuple(intern(x) for x in v) for k, v in gapped.items()},
        "support": {intern(k): tuple(intern(x) for x in v) for k, v in support.items()},
        "en_support": {intern(k): tuple(intern(x) for x in v) for k, v in en_support.items()},
    }


def _en_verb_noun(en_all: list[str]) -> tuple[str, str] | None:
    """(verb, noun lemma) of an English phrase that is a verb, at most two function words, a
    noun and at most one trailing function word ("make an apology", "suffer a defeat",
    "take control of"), or None. The first word must be able to be a verb and the last a noun
    (lemminflect)."""
    from mtqa.lexicon.lemmas import en_lemmas

    words = [w for w in en_all if w not in _EN_PLACEHOLDERS]
    if words and words[-1] in EN_FUNCTION_WORDS:
        words = words[:-1]
    if not 2 <= len(words) <= 4 or not all(w.isalpha() for w in (words[0], words[-1])):
        return None
    if words[0] in EN_FUNCTION_WORDS or words[-1] in EN_FUNCTION_WORDS:
        return None
    if any(w not in EN_FUNCTION_WORDS for w in words[1:-1]):
        return None
    if not any(lem.pos == "VERB" and lem.lemma == words[0] for lem in en_lemmas(words[0])):
        return None  # a base-form verb ("make"), not "burning question", "sweeping statement"
    nouns = [lem.lemma for lem in en_lemmas(words[-1]) if lem.pos == "NOUN"]
    return (words[0], nouns[0]) if nouns else None


def _support_pair(ru: str, en_all: list[str]) -> tuple[str, str] | None:
    """A support-verb phrase of the dictionary as (Russian noun lemma, "ru_verb|en_verb|en_noun|
    phrase"), or None: the Russian side a verb, at most one preposition, then a noun ("взять под
    контроль", "сделать заявление"); the English side a verb, at most two function words, a
    noun and at most one trailing function word ("take control of", "make a statement")."""
    ru_words = [w for w in _CYR_WORD.findall(ru) if w not in _RU_PLACEHOLDERS]
    if not 2 <= len(ru_words) <= 3:
        return None
    first = ru_lemmas(ru_words[0])
    verb = next((lem.lemma for lem in first if lem.pos == "VERB"), None)
    if verb is None or not verb.endswith(_VERB_ENDINGS):
        return None
    if len(ru_words) == 3 and not any(lem.pos == "FUNC" for lem in ru_lemmas(ru_words[1])):
        return None
    noun = next((lem.lemma for lem in ru_lemmas(ru_words[-1]) if lem.pos == "NOUN"), None)
    if noun is None:
        return None
    words = [w for w in en_all if w not in _EN_PLACEHOLDERS]
    if words and words[-1] in EN_FUNCTION_WORDS:
        words = words[:-1]
    if not 2 <= len(words) <= 4 or not words[0].isalpha() or not words[-1].isalpha():
        return None
    if any(w not in EN_FUNCTION_WORDS for w in words[1:-1]):
        return None
    if words[0] in EN_FUNCTION_WORDS or words[-1] in EN_FUNCTION_WORDS:
        return None
    return noun, f"{verb}|{words[0]}|{words[-1]}|{' '.join(en_all)}"


def load_dictionary_maps(files: dictd.DictionaryFiles) -> Maps:
    """The dictionary's lemma maps, from the user cache when it matches the files, else built
    (about half a minute for Mueller) and cached."""
    folder = cache_dir()
    path = (folder or Path(".")) / f"{files.name}-{files.fingerprint()}-v{CACHE_FORMAT}.marshal"
    try:
        if folder is None:
            raise FileNotFoundError(path)
        with open(path, "rb") as f:
            data = marshal.load(f)
        if isinstance(data, dict) and data.get("format") == CACHE_FORMAT:
            return {kind: Table(raw) for kind, raw in data["maps"].items()}
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        pass
    # Parsing Mueller takes tens of seconds: say so, as the QE model's first use does.
    print(f"mtqa: indexing the dictionary {files.name} (first use, once)...", file=sys.stderr)
    started = time.monotonic()
    maps = {kind: Table.from_tuples(v) for kind, v in build_maps(dictd.read_entries(files)).items()}
    print(f"mtqa: dictionary ready in {time.monotonic() - started:.1f} s", file=sys.stderr)
    if folder is None:
        return maps
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
        with os.fdopen(fd, "wb") as f:
            marshal.dump({"format": CACHE_FORMAT, "maps": {k: t.raw for k, t in maps.items()}}, f)
        os.replace(tmp, path)
        # Maps of an older dictionary file go; another cache format's stay, as another mtqa
        # version on the machine uses them (removing them made two versions rebuild in turn).
        for stale in path.parent.glob(f"{files.name}-*-v{CACHE_FORMAT}.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: the maps still serve this process
    return maps


@dataclass
class Lexicon:
    """Merged word knowledge, with per-word-form caches. Build with :func:`load_lexicon`."""

    links: Table
    renders: Table
    phrases: Table
    names: tuple[str, ...]
    units: Table = field(default_factory=lambda: Table({}))
    unit_first: Table = field(default_factory=lambda: Table({}))
    unit_noun: Table = field(default_factory=lambda: Table({}))
    gapped: Table = field(default_factory=lambda: Table({}))
    support: Table = field(default_factory=lambda: Table({}))
    en_support: Table = field(default_factory=lambda: Table({}))
    _src_cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _pair_cache: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)
    _render_cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # Per source word form: what mtqa.lexicon.align needs (filled there).
    word_cache: dict[str, object] = field(default_factory=dict, repr=False)
    phrase_cache: dict[str, object] = field(default_factory=dict, repr=False)
    unit_cache: dict[str, object] = field(default_factory=dict, repr=False)
    gapped_cache: dict[str, object] = field(default_factory=dict, repr=False)
    source_cache: dict[str, object] = field(default_factory=dict, repr=False)
    _prefix_cache: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)
    _stem_cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def src_candidates(self, word: str) -> frozenset[str]:
        """English lemmas any lemma of the Russian word form ``word`` may be rendered by."""
        try:
            return self._src_cache[word]
        except KeyError:
            pass
        out: set[str] = set()
        for lem in ru_lemmas(word):
            out.update(self.links.get(lem.lemma, ()))
            if lem.pos == "VERB" and len(lem.lemma) >= 6:
                # Aspect pairs (договориться/договариваться) share their first letters.
                out |= self._stem_links(lem.lemma[:5])
        value = frozenset(out)
        if len(self._src_cache) > 200_000:
            self._src_cache.clear()
        self._src_cache[word] = value
        return value

    def _stem_links(self, stem: str) -> frozenset[str]:
        """Every English lemma a Russian verb beginning with ``stem`` (five letters) links to;
        cached per stem (one per verb stem of the lexicon at most)."""
        try:
            return self._stem_cache[stem]
        except KeyError:
            pass
        out: set[str] = set()
        for verb in self.verb_stems.get(stem, ()):
            out.update(self.links[verb])
        value = frozenset(out)
        self._stem_cache[stem] = value
        return value

    @cached_property
    def verb_stems(self) -> dict[str, list[str]]:
        """Russian verbs of the lexicon by their first five letters."""
        stems: dict[str, list[str]] = {}
        for ru in self.links:
            if len(ru) >= 6 and ru.endswith(_VERB_ENDINGS):
                stems.setdefault(ru[:5], []).append(ru)
        return stems

    @cached_property
    def gapped_verbs(self) -> dict[str, tuple[str, ...]]:
        """The verbs that open a ``gapped`` key (five letters or more), by their first four
        letters and by themselves: the aspect partners :mod:`mtqa.lexicon.units` tries."""
        by_prefix: dict[str, dict[str, None]] = {}
        for key in self.gapped:
            first = key.split(" ", 1)[0]
            if len(first) >= 5 and first.endswith(GAPPED_VERB_ENDINGS):
                by_prefix.setdefault(first[:4], {})[first] = None
                by_prefix.setdefault(first, {})[first] = None  # the verb itself, for prefixes
        return {k: tuple(v) for k, v in by_prefix.items()}

    def _prefixes(self, src_word: str) -> dict[str, list[str]]:
        try:
            return self._prefix_cache[src_word]
        except KeyError:
            pass
        out: dict[str, list[str]] = {}
        for c in self.src_candidates(src_word):
            if len(c) >= 5:
                out.setdefault(c[:5], []).append(c)
        if len(self._prefix_cache) > 200_000:
            self._prefix_cache.clear()
        self._prefix_cache[src_word] = out
        return out

    def renderings(self, word: str) -> tuple[str, ...]:
        """One-word English renderings of the Russian word form, most central sense first."""
        try:
            return self._render_cache[word]
        except KeyError:
            pass
        out: dict[str, None] = {}
        for lem in ru_lemmas(word):
            for en in self.renders.get(lem.lemma, ()):
                out[en] = None
        value = tuple(out)
        if len(self._render_cache) > 200_000:
            self._render_cache.clear()
        self._render_cache[word] = value
        return value

    def links_word(self, src_word: str, mt_word: str) -> bool:
        """Whether the lexicon lets ``mt_word`` render ``src_word``: a shared lemma, or an English
        derivation of a rendering (voluntary/voluntarily, stable/stability)."""
        key = (src_word, mt_word.lower())
        try:
            return self._pair_cache[key]
        except KeyError:
            pass
        cands = self.src_candidates(src_word)
        mt_set = en_lemma_set(mt_word)
        value = not cands.isdisjoint(mt_set)
        if not value:
            by_prefix = self._prefixes(src_word)
            value = any(
                _derived(c, m) for m in mt_set for c in by_prefix.get(m[:5], ()) if len(m) >= 5
            )
        if len(self._pair_cache) > 500_000:
            self._pair_cache.clear()
        self._pair_cache[key] = value
        return value

    def phrase_renderings(self, lemma_seq: str) -> tuple[str, ...]:
        return self.phrases.get(lemma_seq, ())

    def unit_renderings(self, lemma_seq: str) -> tuple[str, ...]:
        """One-word English renderings of two Russian lemmas together ("окружающий среда")."""
        return self.units.get(lemma_seq, ())

    def unit_is_first_sense(self, lemma_seq: str, word: str) -> bool:
        """Whether the two Russian lemmas are the first rendering the dictionary gives for the
        English headword ``word`` (kindergarten: «детский сад»), not one of its later senses."""
        return word in self.unit_first.get(lemma_seq, ())

    def unit_is_noun_sense(self, lemma_seq: str, word: str) -> bool:
        """Whether the two Russian lemmas render the English headword ``word`` in one of its
        first noun senses (mineral: «полезные ископаемые», its second; ``UNIT_NOUN_RANKS``),
        not an adjective's."""
        return word in self.unit_noun.get(lemma_seq, ())

    def signature(self) -> str:
        return ";".join(self.names) if self.names else "none"


def merge(parts: list[tuple[str, Maps | dict[str, dict[str, tuple[str, ...]]]]]) -> Lexicon:
    """One lexicon from several (name, maps): the first part's tables are used as they are and
    the others' entries added to them."""
    merged: dict[str, Table | None] = {
        "links": None,
        "renders": None,
        "phrases": None,
        "units": None,
        "unit_first": None,
        "unit_noun": None,
        "gapped": None,
        "support": None,
        "en_support": None,
    }
    for _, maps in parts:
        for kind in merged:
            source = maps.get(kind, {})
            table = source if isinstance(source, Table) else Table.from_tuples(source)
            target = merged[kind]
            if target is None:
                merged[kind] = table
                continue
            for k in table:
                target.add(k, table.get(k))
    empty = {k: v if v is not None else Table({}) for k, v in merged.items()}
    return Lexicon(
        links=empty["links"],
        renders=empty["renders"],
        phrases=empty["phrases"],
        names=tuple(name for name, _ in parts),
        units=empty["units"],
        unit_first=empty["unit_first"],
        unit_noun=empty["unit_noun"],
        gapped=empty["gapped"],
        support=empty["support"],
        en_support=empty["en_support"],
    )


_LOADED: dict[str, Lexicon] = {}


def load_lexicon(dictionary: str | None = None, *, mined: bool = True) -> Lexicon:
    """The merged lexicon for a dictionary path (None: ``$MTQA_DICTIONARY`` or the system's
    Mueller, skipped when absent), loaded once per process."""
    files = dictd.resolve(dictionary)
    key = f"{files.index if files else ''}|{mined}"
    if key in _LOADED:
        return _LOADED[key]
    parts: list[tuple[str, Maps | dict[str, dict[str, tuple[str, ...]]]]] = []
    if files is not None:
        parts.append((f"{files.name}:{files.size()}", load_dictionary_maps(files)))
    if mined:
        from mtqa.lexicon.mined import load_mined

        shipped = load_mined()
        if shipped is not None:
            parts.append(shipped)
    lexicon = merge(parts)
    _LOADED[key] = lexicon
    return lexicon
