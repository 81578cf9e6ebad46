"""Read Princeton WordNet 3.0 from the system and score how well a word's senses fit a sentence.

WordNet (Debian's ``wordnet-base``: ``/usr/share/wordnet``; WordNet 3.0 licence, permissive) is
read where the system has it, never copied or shipped. The index files (``index.noun`` ...) are
sorted, so a lemma is found by binary search over the file's bytes; a synset is one ``seek`` in
``data.noun`` ... by its byte offset. Nothing is parsed at import or at start: the first lookup
reads the index file into memory (a few MB), synsets are read one at a time and cached.

The *coherence* of an English word with its sentence is a Lesk-style overlap: each sense of the
word has a signature (its synset's words, gloss and examples, its hypernyms' and topic domain's
words and glosses), the sentence's other content words a bag (their own lemmas and the words of
their first senses), and the word's coherence is the best sense's idf-weighted cosine with that
bag, the sense weighted by its SemCor share. Used by the adequacy check as evidence that another
dictionary rendering of the same source word fits the sentence's topic better.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from mtqa.errors import MtqaError

DEFAULT_DIRS: tuple[str, ...] = (
    "/usr/share/wordnet",
    "/usr/share/WordNet",
    "/usr/local/WordNet-3.0/dict",
)

# WordNet's file suffix per part of speech (mtqa's lemmatiser tags: NOUN, VERB, ADJ, ADV).
POS_FILES: Mapping[str, str] = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}
_SS_TYPE = {"n": "NOUN", "v": "VERB", "a": "ADJ", "s": "ADJ", "r": "ADV"}
# Pointers whose targets enter a sense's signature: hypernyms, instance hypernyms, topic domain,
# similar-to (adjective satellites' heads), attribute, derivationally related forms.
_SIGNATURE_POINTERS = frozenset({"@", "@i", ";c", "&", "=", "+"})
# Senses of a context word that enter the sentence's bag.
CONTEXT_SENSES = 3
# Senses of the judged word considered.
WORD_SENSES = 8

_STOP = frozenset(
    """a an the of or and to in on at by for with from as is are be been being was were that
    which who whom whose this these those it its into onto than then such any some one ones
    something someone somebody especially usually often esp etc e g i not no nor but if so very
    more most less least other another each every all both either neither used use using make
    made having has have had do does did can could may might must shall should will would
    about above after again against below between during over under up down out off through
    act state quality person thing part kind type way form group there here also""".split()
)
_TOKEN = re.compile(r"[a-z]+")


def _stem(word: str) -> str:
    """A crude shared stem for overlap counting (no lemmatiser inside glosses: speed)."""
    w = word.lower()
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:7]


# stem -> the zipf frequency of the commonest word seen with that stem (its rarity weight)
_STEM_ZIPF: dict[str, float] = {}


def _bag(text: str) -> list[str]:
    out = []
    for t in _TOKEN.findall(text.lower()):
        if len(t) > 2 and t not in _STOP:
            s = _stem(t)
            if s not in _STEM_ZIPF:
                from mtqa.lexicon.frequency import zipf

                _STEM_ZIPF[s] = zipf(t)
            out.append(s)
    return out


@dataclass(frozen=True)
class Synset:
    """One WordNet synset as the data file has it."""

    offset: int
    pos: str  # NOUN, VERB, ADJ, ADV
    lexname: int  # lexicographer file number (a coarse topic: noun.food, verb.motion ...)
    words: tuple[str, ...]  # lowercase, spaces for underscores
    pointers: tuple[tuple[str, int, str], ...]  # (symbol, target offset, target pos)
    gloss: str  # definition and examples


@dataclass(frozen=True)
class Sense:
    """A sense of a lemma: its synset and SemCor count (0 when untagged)."""

    synset: Synset
    rank: int  # 0: the commonest sense
    count: int


def find_wordnet(path: str | os.PathLike[str] | None = None) -> Path | None:
    """The WordNet dict folder: ``path`` when given (a user error when it is not one), else
    ``MTQA_WORDNET`` or the system's, or None when the system has none."""
    if path is not None:
        root = Path(path)
        if not (root / "index.noun").is_file() or not (root / "data.noun").is_file():
            raise MtqaError(
                f"WordNet folder {root} has no index.noun/data.noun (apt-get install wordnet-base)"
            )
        return root
    env = os.environ.get("MTQA_WORDNET")
    if env:
        return find_wordnet(env)
    for d in DEFAULT_DIRS:
        if (Path(d) / "index.noun").is_file() and (Path(d) / "data.noun").is_file():
            return Path(d)
    return None


class WordNet:
    """Lazy reader of one WordNet dict folder (index.*, data.*, cntlist.rev)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self._index: dict[str, bytes] = {}
        self._data: dict[str, BinaryIO] = {}
        self._synsets: dict[tuple[str, int], Synset] = {}
        self._senses: dict[tuple[str, str], tuple[Sense, ...]] = {}
        self._counts: dict[str, int] | None = None
        self._signatures: dict[tuple[str, int], frozenset[str]] = {}

    # -- files ---------------------------------------------------------------------------------

    def _index_bytes(self, pos: str) -> bytes:
        raw = self._index.get(pos)
        if raw is None:
            try:
                raw = (self.root / f"index.{POS_FILES[pos]}").read_bytes()
            except OSError as exc:
                raise MtqaError(f"WordNet index {exc.filename}: {exc.strerror}") from exc
            self._index[pos] = raw
        return raw

    def _index_line(self, pos: str, lemma: str) -> str | None:
        """The index line of ``lemma`` (binary search over the sorted file), or None."""
        raw = self._index_bytes(pos)
        key = lemma.lower().replace(" ", "_").encode("utf-8") + b" "
        lo, hi = 0, len(raw)
        while lo < hi:
            mid = (lo + hi) // 2
            start = raw.rfind(b"\n", 0, mid) + 1
            end = raw.find(b"\n", start)
            if end < 0:
                end = len(raw)
            line = raw[start:end]
            if line.startswith(b"  "):  # the licence header sorts first
                lo = end + 1
                continue
            if line.startswith(key):
                return line.decode("utf-8")
            if line < key:
                lo = end + 1
            else:
                hi = start
        return None

    def has_lemma(self, lemma: str, pos: str = "NOUN") -> bool:
        """Whether WordNet lists ``lemma`` (a word or a compound, "bank card") as ``pos``."""
        return self._index_line(pos, lemma) is not None

    def synset(self, pos: str, offset: int) -> Synset:
        key = (pos, offset)
        found = self._synsets.get(key)
        if found is not None:
            return found
        f = self._data.get(pos)
        if f is None:
            try:
                f = open(self.root / f"data.{POS_FILES[pos]}", "rb")  # noqa: SIM115 (kept open and reused)
            except OSError as exc:
                raise MtqaError(f"WordNet data {exc.filename}: {exc.strerror}") from exc
            self._data[pos] = f
        f.seek(offset)
        line = f.readline().decode("utf-8")
        found = _parse_synset(line)
        self._synsets[key] = found
        return found

    def _sense_counts(self) -> dict[str, int]:
        """SemCor tag counts by ``lemma%ss_type:sense_number`` (cntlist.rev)."""
        if self._counts is None:
            counts: dict[str, int] = {}
            try:
                text = (self.root / "cntlist.rev").read_text(encoding="utf-8")
            except OSError:
                text = ""
            for line in text.splitlines():
                parts = line.split()
                if len(parts) == 3:
                    lemma, _, rest = parts[0].partition("%")
                    ss = rest[:1]
                    ss = "3" if ss == "5" else ss
                    counts[f"{lemma}%{ss}:{parts[1]}"] = counts.get(
                        f"{lemma}%{ss}:{parts[1]}", 0
                    ) + int(parts[2])
            self._counts = counts
        return self._counts

    # -- senses --------------------------------------------------------------------------------

    def senses(self, lemma: str, pos: str) -> tuple[Sense, ...]:
        """The lemma's senses of this part of speech, commonest first (empty when unknown)."""
        key = (lemma.lower(), pos)
        found = self._senses.get(key)
        if found is not None:
            return found
        result: tuple[Sense, ...] = ()
        if pos in POS_FILES:
            line = self._index_line(pos, lemma)
            if line is not None:
                parts = line.split()
                n_synsets, n_ptr = int(parts[2]), int(parts[3])
                offsets = [int(o) for o in parts[4 + n_ptr + 2 :][:n_synsets]]
                ss = {"NOUN": "1", "VERB": "2", "ADJ": "3", "ADV": "4"}[pos]
                counts = self._sense_counts()
                name = parts[0]
                result = tuple(
                    Sense(self.synset(pos, o), k, counts.get(f"{name}%{ss}:{k + 1}", 0))
                    for k, o in enumerate(offsets)
                )
        self._senses[key] = result
        return result

    def signature(self, synset: Synset) -> frozenset[str]:
        """Stems of the synset's words and gloss, and of its related synsets' (hypernyms two
        levels up, topic domain, similar-to, attribute, derivations)."""
        key = (synset.pos, synset.offset)
        found = self._signatures.get(key)
        if found is not None:
            return found
        words: set[str] = set()
        _add_synset(words, synset)
        frontier = [synset]
        for depth in range(2):
            nxt: list[Synset] = []
            for s in frontier:
                for sym, off, pos in s.pointers:
                    if sym in _SIGNATURE_POINTERS and (depth == 0 or sym in ("@", "@i")):
                        target = self.synset(pos, off)
                        _add_synset(words, target)
                        nxt.append(target)
            frontier = nxt
        result = frozenset(words)
        self._signatures[key] = result
        return result


def _add_synset(words: set[str], synset: Synset) -> None:
    for w in synset.words:
        words.update(_bag(w))
    words.update(_bag(synset.gloss))


def _parse_synset(line: str) -> Synset:
    head, _, gloss = line.partition(" | ")
    parts = head.split()
    offset, lexname, ss_type = int(parts[0]), int(parts[1]), parts[2]
    n_words = int(parts[3], 16)
    words = tuple(parts[4 + 2 * k].replace("_", " ").lower() for k in range(n_words))
    words = tuple(re.sub(r"\([a-z]+\)$", "", w) for w in words)  # adjective markers: (a), (p)
    k = 4 + 2 * n_words
    n_ptr = int(parts[k])
    pointers = tuple(
        (parts[k + 1 + 4 * m], int(parts[k + 2 + 4 * m]), _SS_TYPE[parts[k + 3 + 4 * m]])
        for m in range(n_ptr)
    )
    return Synset(offset, _SS_TYPE[ss_type], lexname, words, pointers, gloss.strip())


@lru_cache(maxsize=4)
def load_wordnet(path: str | None = None) -> WordNet | None:
    """The WordNet reader for ``path`` (or the system's), once per process; None when absent."""
    root = find_wordnet(path)
    return WordNet(root) if root is not None else None


# -- coherence ----------------------------------------------------------------------------------


class Coherence:
    """How well an English word's senses fit the other content words of its sentence."""

    def __init__(self, wordnet: WordNet) -> None:
        self.wn = wordnet
        self._word_bags: dict[tuple[str, str], frozenset[str]] = {}

    def _context_word_bag(self, lemma: str, pos: str | None) -> frozenset[str]:
        key = (lemma.lower(), pos or "")
        found = self._word_bags.get(key)
        if found is not None:
            return found
        words: set[str] = set(_bag(lemma))
        for p in (pos,) if pos else ("NOUN", "VERB", "ADJ"):
            for k, sense in enumerate(self.wn.senses(lemma, p)[:CONTEXT_SENSES]):
                for w in sense.synset.words:
                    words.update(_bag(w))
                if k == 0:  # the commonest sense's gloss too
                    words.update(_bag(sense.synset.gloss))
                for sym, off, tpos in sense.synset.pointers:
                    if sym in ("@", "@i", ";c"):
                        for w in self.wn.synset(tpos, off).words:
                            words.update(_bag(w))
        result = frozenset(words)
        self._word_bags[key] = result
        return result

    def context(self, lemmas: Iterable[tuple[str, str | None]]) -> frozenset[str]:
        """The sentence's bag: stems of its content words (lemma, part of speech) and of the
        words of their commonest senses and those senses' hypernyms and domains."""
        bag: set[str] = set()
        for lemma, pos in lemmas:
            bag.update(self._context_word_bag(lemma, pos))
        return frozenset(bag)

    def score(
        self, lemma: str, pos: str, context: frozenset[str], names: bool = False
    ) -> float | None:
        """The best sense's overlap with the context (stems shared, each weighted by how rare it
        is among WordNet's glosses, over the square root of the signature's weight), times a
        SemCor prior; None when WordNet lacks the word in this part of speech."""
        senses = self.wn.senses(lemma, pos)[:WORD_SENSES]
        if not senses:
            return None
        own = set(_bag(lemma))
        total = sum(s.count for s in senses)
        best = 0.0
        for sense in senses:
            if not names and any(sym == "@i" for sym, _, _ in sense.synset.pointers):
                continue  # an instance (Cork the city, Mercury the planet): a name, not a sense
            sig = self.wn.signature(sense.synset) - own
            if not sig:
                continue
            shared = sig & context
            weight = sum(_idf(w) for w in shared)
            norm = math.sqrt(sum(_idf(w) for w in sig))
            prior = (sense.count + 1) / (total + len(senses))
            value = weight / norm * (0.5 + prior)
            best = max(best, value)
        return best

    def word_score(
        self, word: str, context: frozenset[str], pos: Iterable[str] = ()
    ) -> float | None:
        """``score`` of the word's best lemma and part of speech (any of ``pos`` when given),
        trying the word form itself too (the lemmatiser may miss a noun: "sediments")."""
        from mtqa.lexicon.lemmas import en_lemmas

        wanted = set(pos)
        pairs = {(lem.lemma, lem.pos) for lem in en_lemmas(word) if lem.pos in POS_FILES}
        low = word.lower()
        for p in POS_FILES:
            if low.endswith("s") and len(low) > 4:
                pairs.add((low[:-1], p))
            pairs.add((low, p))
        best: float | None = None
        for lemma, p in pairs:
            if wanted and p not in wanted:
                continue
            value = self.score(lemma, p, context, names=word[:1].isupper())
            if value is not None and (best is None or value > best):
                best = value
        return best


def _idf(stem: str) -> float:
    """A rarity weight for a stem: 7 minus the Zipf frequency of the first word seen with it
    (wordfreq; "rain" weighs more than "time"), at least 0.5."""
    z = _STEM_ZIPF.get(stem, 0.0)
    return max(0.5, 7.0 - z) if z > 0 else 4.0


def context_lemmas(words: Sequence[str], skip: int) -> list[tuple[str, str | None]]:
    """(lemma, part of speech) of every content word of ``words`` except index ``skip``."""
    from mtqa.lexicon.lemmas import en_lemmas

    out: list[tuple[str, str | None]] = []
    for k, w in enumerate(words):
        if k == skip or not w.isalpha() or w.lower() in _STOP or len(w) < 3:
            continue
        lems = [lem for lem in en_lemmas(w) if lem.pos in POS_FILES]
        if not lems:
            continue
        out.append((lems[0].lemma, lems[0].pos))
    return out
