"""The source check: composes numbers, names, copy and length evidence into one result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, Any, Protocol

import regex

from mtqa.checks.base import Check, Languages, severity_for
from mtqa.checks.source.casing import case_findings
from mtqa.checks.source.degree import DegreeFinding, degree_findings
from mtqa.checks.source.focus import FocusFinding, focus_findings
from mtqa.checks.source.gender import gender_findings
from mtqa.checks.source.names import (
    NAME_CONVENTION_MAJOR_ZIPF,
    NAME_MAJOR_ZIPF,
    Name,
    NameCandidates,
    _stem,
    _zipf,
    acronym_findings,
    compound_rendering,
    judged_however_known,
    kept_case_form,
    leftover_findings,
    mangled_known_name,
    misread_chinese,
    name_candidates,
    name_similarity,
    skeleton,
    source_names,
    transliterate,
)
from mtqa.checks.source.negation import negation_findings
from mtqa.checks.source.numbers import Item, number_words, numbers, restored_scale
from mtqa.checks.source.punctuation import final_punctuation_finding
from mtqa.checks.source.qualifiers import qualifier_findings
from mtqa.checks.source.surface import LENGTH_STATS, copy_message, length_z
from mtqa.checks.source.tense import tense_findings
from mtqa.checks.source.timewords import TimeFinding, time_findings
from mtqa.checks.source.units import unit_findings
from mtqa.checks.source.weekdays import weekday_findings
from mtqa.checks.source.words import POSSESSIVE as _POSSESSIVE
from mtqa.text import script_of
from mtqa.types import CheckResult, Flag, Segment, Severity

if TYPE_CHECKING:
    from mtqa.lexicon.lookup import Lexicon

# Default confidences of the two capitalisation findings (params ``<kind>_confidence``).
_CASE_CONFIDENCE = {"first_lower": 0.5, "all_lower": 0.6}


class Finding(Protocol):
    """What the fidelity modules report: a span of the MT and what to tell the reader."""

    # read-only: the modules report frozen dataclasses
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def message(self) -> str: ...
    @property
    def suggestion(self) -> str | None: ...


_MT_NAME_PART = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")  # hyphens split compounds


# Items either side of an item's proportional place that may be its counterpart on the other side.
_NEAR = 64


def _near(other: Sequence[object], i: int, n: int) -> range:
    """Indices of ``other`` near the place of item ``i`` of ``n``: all of it when it is short, a
    window in a long sentence, so matching costs items x window, not items x items."""
    mid = i * len(other) // max(1, n)
    return range(max(0, mid - _NEAR), min(len(other), mid + _NEAR))


# (name, MT word) weighings a SourceCheck keeps (cleared past this many: bounded memory).
WEIGH_CACHE_LIMIT = 100_000


class SourceCheck(Check):
    """Compares MT with its source: numbers, dates, names, copies and length.

    Scores: ``length_ratio`` (MT characters / source characters) and ``source_match`` (0..100,
    share of the source's numbers, dates and required names found in the MT; 100 when it has none).
    Flags: ``number`` (an MT number, date or month with no counterpart in the source, or a day of
    the week when the source names another day, or a "more than"/"up to"/"another" before a
    number that the source's contradicts or a "more"/"less" it drops: qualifiers.py; suggestion =
    the source's value; or a unit or currency of the same kind swapped, "eight pounds" for
    «восемь килограммов»: units.py), ``name`` (an
    MT word close to a source name that matches none of its candidate spellings - several
    transliteration schemes, nominative forms, Pinyin for Palladius-written Chinese names - and
    that English text does not know as well; suggestion = the best candidate spelling),
    ``untranslated`` (MT is a copy of the source, or mostly in the source script; critical; or
    an MT word that spells a Russian acronym letter by letter, "OPEK" for «ОПЕК»; minor),
    ``length`` (length ratio far from the pair's usual; whole sentence, low confidence),
    ``punctuation`` (the source ends a sentence with a mark, an MT of 10+ words with none; minor),
    ``capitalization`` (MT starts lowercase where the source starts with a capital, or has no
    capital while the source capitalises names; minor) and ``gender`` (ru→en: a he/she pronoun
    whose gender the source contradicts; major) and ``tense`` (ru→en: a future verb group where
    the source's verbs are all past, or a past one where they are all future; major) and
    ``mistranslation`` (ru→en: a comparative, superlative, time word or focus adverb the source
    contradicts, major, or a superlative weakened, minor; suggestion from the source word:
    degree.py, timewords.py, focus.py, docs/closed-classes.md) - docs/adequacy.md

    Params: ``number_severity`` ("major"), ``name_found_ratio`` (0.9), ``name_mangled_ratio``
    (0.75), ``name_common_zipf`` (4.5), ``english_common_zipf`` (3.0), ``name_known_zipf`` (1.0),
    ``name_foreign_zipf`` (1.0: a spelling with a foreign scheme's letters is good at this zipf),
    ``name_major_zipf`` (2.0: a mangled name is major when English knows its spelling this well;
    ``name_convention_major_zipf``, 3.0, when only another language's convention reaches it),
    ``copy_ratio`` (0.9), ``copy_min_words`` (2), ``length_min_chars`` (20), ``length_stats``
    ({pair: [mean, sd]} of ln ratio), ``length_z`` ({minor, major, critical} thresholds on |z|),
    ``punctuation`` / ``capitalization`` / ``gender`` (True: on), ``punctuation_min_words`` (10),
    ``punctuation_confidence`` (0.3), ``first_lower_confidence`` (0.5), ``all_lower_confidence``
    (0.6), ``gender_severity`` ("major"), ``gender_confidence`` (0.6), ``tense`` (True),
    ``tense_severity`` ("major"), ``tense_confidence`` (0.6), ``acronyms`` (True),
    ``acronym_known_zipf`` (1.0: a spelling English knows this well is an acronym it keeps),
    ``degree`` / ``time_words`` / ``focus`` (True).
    """

    name = "source"
    per_segment = True
    version = "8"
    needs = ("src",)
    # Weigh lowercase MT words against names as fully as capitalised ones (the plain loop the
    # shortcut in _names replaces; tests compare the two).
    _exhaustive_names = False

    def __init__(
        self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()
    ) -> None:
        super().__init__(params, langs)
        pair = f"{langs.src}-{langs.tgt}"
        stats = dict(LENGTH_STATS)
        stats.update({k: tuple(v) for k, v in self.param("length_stats", {}).items()})
        self.length_mean, self.length_sd = stats.get(pair, (0.0, 0.25))
        self.length_z = dict(self.param("length_z", {"minor": 3.0, "major": 4.5, "critical": 6.0}))
        self._weigh_cache: dict[tuple[Name, str, float, float], tuple[bool, float]] = {}
        self._closed_lexicon: Lexicon | None = None  # loaded by _links on its first question

    def resources(self) -> str:
        from importlib import metadata

        try:
            morph = f"pymorphy3:{metadata.version('pymorphy3')}"
        except metadata.PackageNotFoundError:
            morph = "no-pymorphy3"
        return (
            f"translit:bgn-pcgn+schemes+palladius|{morph}|wordfreq:{metadata.version('wordfreq')}"
        )

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        return [self._check_one(seg) for seg in segments]

    def _check_one(self, seg: Segment) -> CheckResult:
        src = seg.src or ""
        flags: list[Flag] = []
        copy_flag = self._copy(seg, src)
        if copy_flag is not None:
            flags.append(copy_flag)
        found_n, total_n, number_flags = self._numbers(seg, src)
        found_m, total_m, name_flags = self._names(seg, src)
        flags += number_flags + name_flags
        flags += self._omissions(seg, src) if copy_flag is None else []
        if src and copy_flag is None:
            flags += self._weekdays(seg, src)
            if self.param("qualifiers", True):
                flags += self._qualifiers(seg, src)
            if self.param("units", True):
                flags += self._units(seg, src)
            if self.langs.src == "ru" and self.langs.tgt == "en":
                flags += self._closed_classes(seg, src)
        if self.langs.src == "ru" and src and copy_flag is None and self.param("negation", True):
            flags += [
                self.flag(
                    seg,
                    f.start,
                    f.end,
                    category="negation",
                    severity=f.severity,
                    confidence=0.7,
                    message=f.message,
                )
                for f in negation_findings(src, seg.mt)
            ]
        if copy_flag is None:
            flags += self._fidelity(seg, src)
        if copy_flag is not None:
            found_n = found_m = 0
        length_ratio = len(seg.mt.strip()) / max(1, len(src.strip()))
        length_flag = self._length(seg, src, length_ratio)
        if length_flag is not None:
            flags.append(length_flag)
        total = total_n + total_m
        match = 100.0 * (found_n + found_m) / total if total else 100.0
        if copy_flag is not None:
            match = 0.0
        flags.sort(key=lambda f: (f.start, f.end, f.category))
        return CheckResult(
            scores={"length_ratio": length_ratio, "source_match": match}, flags=tuple(flags)
        )

    # -- final punctuation, letter case, pronoun gender (punctuation.py, casing.py, gender.py) --

    def _fidelity(self, seg: Segment, src: str) -> list[Flag]:
        flags: list[Flag] = []
        if not src.strip() or not seg.mt.strip():
            return flags
        if self.param("punctuation", True):
            p = final_punctuation_finding(src, seg.mt, int(self.param("punctuation_min_words", 10)))
            confidence = float(self.param("punctuation_confidence", 0.3))
            flags += self._as_flags(seg, [p] if p else [], "punctuation", "minor", confidence)
        if self.param("capitalization", True):
            for c in case_findings(src, seg.mt):
                confidence = float(self.param(f"{c.kind}_confidence", _CASE_CONFIDENCE[c.kind]))
                flags += self._as_flags(seg, [c], "capitalization", "minor", confidence)
        if self.langs.src == "ru" and self.langs.tgt == "en":
            if self.param("acronyms", True):  # names.acronym_findings: «ОБСЕ» left as "OBSE"
                found = acronym_findings(src, seg.mt, float(self.param("acronym_known_zipf", 1.0)))
                flags += self._as_flags(seg, found, "untranslated", "minor", 0.4)
            for name, findings in (("gender", gender_findings), ("tense", tense_findings)):
                if self.param(name, True):
                    flags += self._as_flags(
                        seg,
                        findings(src, seg.mt),
                        name,
                        self.param(f"{name}_severity", "major"),
                        float(self.param(f"{name}_confidence", 0.6)),
                    )
        return flags

    def _as_flags(
        self,
        seg: Segment,
        findings: Sequence[Finding],
        category: str,
        severity: Severity,
        confidence: float,
    ) -> list[Flag]:
        """One flag per finding (its span, message and suggestion)."""
        return [
            self.flag(
                seg,
                f.start,
                f.end,
                category=category,
                severity=severity,
                confidence=confidence,
                message=f.message,
                suggestion=f.suggestion,
            )
            for f in findings
        ]

    # -- copies and length --

    def _copy(self, seg: Segment, src: str) -> Flag | None:
        message = copy_message(
            seg.mt,
            src,
            self.langs.tgt,
            float(self.param("copy_ratio", 0.9)),
            int(self.param("copy_min_words", 2)),
            self.langs.src,
        )
        if message is None:
            return None
        mt = seg.mt.strip()
        start = seg.mt.find(mt)
        return self.flag(
            seg,
            start,
            start + len(mt),
            category="untranslated",
            severity="critical",
            confidence=0.95,
            message=message,
        )

    def _length(self, seg: Segment, src: str, ratio: float) -> Flag | None:
        if len(src.strip()) < int(self.param("length_min_chars", 20)) or ratio <= 0:
            return None
        short = float(self.param("length_short_chars", 60))
        z = length_z(src, ratio, self.length_mean, self.length_sd, short)
        severity = severity_for(abs(z), self.length_z)
        if severity is None:
            return None
        mt = seg.mt.strip()
        start = seg.mt.find(mt)
        what = "shorter" if z < 0 else "longer"
        hint = "omission" if z < 0 else "addition"
        return self.flag(
            seg,
            start,
            start + len(mt),
            category="length",
            severity=severity,
            confidence=min(0.8, 0.1 * abs(z)),
            message=f"translation is {ratio:.2f}× the source length, much {what} than usual (possible {hint})",
        )

    # -- omissions (omission.py) --

    def _omissions(self, seg: Segment, src: str) -> list[Flag]:
        """Source names nothing in the MT renders (ru source; params ``omission`` (False: off by default, see docs/names-and-precision.md),
        ``omission_severity`` ("major"))."""
        if self.langs.src != "ru" or not src.strip() or not self.param("omission", False):
            return []
        from mtqa.checks.source.omission import missing_names, omission_message
        from mtqa.lexicon.lookup import load_lexicon

        found = missing_names(src, seg.mt, lambda: load_lexicon(self.params.get("dictionary")))
        severity = self.param("omission_severity", "major")
        return [
            self.flag(
                seg,
                m.start,
                m.end,
                category="omission",
                severity=severity,
                confidence=0.6 if m.anchored else 0.5,
                message=omission_message(m),
            )
            for m in found
        ]

    # -- numbers --

    def _numbers(self, seg: Segment, src: str) -> tuple[int, int, list[Flag]]:
        s_items = numbers(src, self.langs.src)
        m_items = numbers(seg.mt, self.langs.tgt)
        s_words = number_words(src, self.langs.src)
        m_words = number_words(seg.mt, self.langs.tgt)
        used: set[int] = set()
        missing: list[Item] = []
        found = 0
        for i, s in enumerate(s_items):
            near = _near(m_items, i, len(s_items))
            k = next((k for k in near if k not in used and s.matches(m_items[k])), None)
            if k is None:
                k = next((k for k in near if s.matches(m_items[k])), None)  # repeated use
            if k is not None:
                used.add(k)
                found += 1
            elif any(s.matches(m_words[k]) for k in _near(m_words, i, len(s_items))):
                found += 1
            else:
                missing.append(s)
        flags = []
        unmatched = [
            m
            for k, m in enumerate(m_items)
            if k not in used
            and not any(m.matches(s_items[i]) for i in _near(s_items, k, len(m_items)))
            and not any(m.matches(s_words[i]) for i in _near(s_words, k, len(m_items)))
        ]
        severity = self.param("number_severity", "major")
        for m in unmatched:
            if m.values == {1.0}:
                continue  # "a year", "сутки" → "1 year", "24 hours": singulars carry no digit
            suggestion = (
                english_form(missing[0]) if len(missing) == 1 and len(unmatched) == 1 else None
            )
            what = (
                "month"
                if any(isinstance(v, tuple) and v[0] == "month" for v in m.values)
                else "number"
            )
            # the source's own slip, mended («1,5 военнослужащих» → "1500"): shown, not blocking
            restored = restored_scale(m, s_items)
            flags.append(
                self.flag(
                    seg,
                    m.start,
                    m.end,
                    category="number",
                    severity="minor" if restored else severity,
                    confidence=0.7,
                    message=f"{what} {m.text!r} has no counterpart in the source"
                    + (f" (source has {missing[0].text!r})" if suggestion else "")
                    + (
                        f"; it is the source's {restored.text!r} times a thousand or more: the"
                        " source may have left out its scale word"
                        if restored
                        else ""
                    ),
                    suggestion=suggestion,
                )
            )
        return found, len(s_items), flags

    def _weekdays(self, seg: Segment, src: str) -> list[Flag]:
        """A day of the week the source contradicts (not counted in ``source_match``: a dropped
        or freely rendered day, "yesterday" for «в пятницу», is no error)."""
        severity = self.param("number_severity", "major")
        return [
            self.flag(
                seg,
                f.start,
                f.end,
                category="number",
                severity=severity,
                confidence=0.7,
                message=f"weekday {f.text!r} does not match the source's {f.source!r}",
                suggestion=f.suggestion,
            )
            for f in weekday_findings(src, seg.mt, self.langs.src, self.langs.tgt)
        ]

    def _qualifiers(self, seg: Segment, src: str) -> list[Flag]:
        """A number whose "more than", "up to" or "another" the source contradicts (major), or a
        "more" or "less" the translation drops (minor) (qualifiers.py)."""
        found = qualifier_findings(src, seg.mt, self.langs.src, self.langs.tgt)
        major = [f for f in found if f.severity == "major"]
        minor = [f for f in found if f.severity != "major"]
        return self._as_flags(seg, major, "number", "major", 0.7) + self._as_flags(
            seg, minor, "number", "minor", 0.4
        )

    def _units(self, seg: Segment, src: str) -> list[Flag]:
        """A number whose unit or currency is another of the same kind than the source's:
        "eight pounds" for «восемь килограммов» (units.py)."""
        found = unit_findings(src, seg.mt, self.langs.src, self.langs.tgt)
        return self._as_flags(seg, found, "number", self.param("number_severity", "major"), 0.7)

    def _closed_classes(self, seg: Segment, src: str) -> list[Flag]:
        """Comparatives and superlatives, time words and focus adverbs the source contradicts
        (major) or whose superlative the translation weakens (minor): degree.py, timewords.py,
        focus.py (params ``degree``, ``time_words``, ``focus``: True)."""
        found: list[DegreeFinding | TimeFinding | FocusFinding] = []
        if self.param("degree", True):
            found += degree_findings(src, seg.mt, self._links)
        if self.param("time_words", True):
            found += time_findings(src, seg.mt)
        if self.param("focus", True):
            found += focus_findings(src, seg.mt)
        major = [f for f in found if f.severity == "major"]
        minor = [f for f in found if f.severity != "major"]
        return self._as_flags(seg, major, "mistranslation", "major", 0.7) + self._as_flags(
            seg, minor, "mistranslation", "minor", 0.4
        )

    def _links(self, src_word: str, mt_word: str) -> bool:
        """Whether the dictionary (param ``dictionary``) lets ``mt_word`` render ``src_word``:
        degree.py's judge of generic degrees. The lexicon is resolved and loaded on the first
        question and kept for the check's life."""
        if self._closed_lexicon is None:
            from mtqa.lexicon.lookup import load_lexicon

            self._closed_lexicon = load_lexicon(self.params.get("dictionary"))
        return self._closed_lexicon.links_word(src_word, mt_word)

    # -- names --

    def _weigh(
        self, name: Name, cands: NameCandidates | None, w: str, floor: float, foreign_zipf: float
    ) -> tuple[bool, float]:
        """(whether capitalised MT word ``w`` is one of the name's good spellings, else its
        best similarity to the name or a candidate spelling, exact at ``floor`` or above).
        ``cands`` is ``_candidates(name)``. Cached per (name, word, thresholds), bounded."""
        key = (name, w, floor, foreign_zipf)
        cache = self._weigh_cache
        try:
            return cache[key]
        except KeyError:
            pass
        if cands is not None and cands.rendered_by(w, foreign_zipf, self.langs.tgt):
            value = (True, 0.0)
        else:
            sim = name_similarity(name.text, w, floor)
            if cands is not None:
                sim = max([sim, *map(name_similarity, cands.spellings, repeat(w), repeat(floor))])
            value = (False, sim)
        if len(cache) >= WEIGH_CACHE_LIMIT:
            cache.clear()
        cache[key] = value
        return value

    def _names(self, seg: Segment, src: str) -> tuple[int, int, list[Flag]]:
        names = source_names(src, self.langs.src, float(self.param("name_common_zipf", 4.5)))
        if not names:
            return 0, 0, []
        found_ratio = float(self.param("name_found_ratio", 0.9))
        mangled_ratio = float(self.param("name_mangled_ratio", 0.75))
        en_common = float(self.param("english_common_zipf", 3.0))
        known_zipf = float(self.param("name_known_zipf", 1.0))
        foreign_zipf = float(self.param("name_foreign_zipf", 1.0))
        name_major_zipf = float(self.param("name_major_zipf", NAME_MAJOR_ZIPF))
        convention_zipf = float(
            self.param("name_convention_major_zipf", NAME_CONVENTION_MAJOR_ZIPF)
        )
        # Only similarities at or above these thresholds decide anything below.
        floor = min(found_ratio, mangled_ratio)
        # (match, its text, written as a name: capitalised) of each MT word of 2+ letters
        mt_words = [
            (m, w, w[:1].isupper())
            for m in _MT_NAME_PART.finditer(seg.mt)
            if len(w := m.group()) >= 2
        ]
        found = required = 0
        # (already counted as found, close MT words best first, source name, its candidates)
        close: list[tuple[bool, list[regex.Match[str]], Name, NameCandidates | None]] = []
        claimed: set[int] = set()  # MT words that render some source name well
        # Names neither required nor judged, with their MT words: they only claim words, which
        # matters only when some name is close to a word (weighed after the loop, if at all).
        claim_only: list[tuple[Name, list[Any]]] = []
        for n, name in enumerate(names):
            # A name is sought among the MT words near its place: a window, so a long sentence
            # costs names x window, not names x words (the whole sentence up to 2 windows).
            near_words = [mt_words[j] for j in _near(mt_words, n, len(names))]
            judged = name.rare or name.frequent
            # Shortcuts (the plain loop when _exhaustive_names): a name neither required nor
            # judged (a sentence's first word) only claims the MT words that render it; "near"
            # counts only for a required name; a lowercase word is never claimed or flagged
            # (both need a capital), so it only decides whether the name is found or near.
            short = not self._exhaustive_names
            if short and not (name.required or judged):
                claim_only.append((name, near_words))
                continue
            cands = _candidates(name)
            ranked: list[tuple[float, regex.Match[str]]] = []  # MT words at mangled_ratio or more
            name_found = near = False
            for m, w, upper in near_words:
                if not upper and short:
                    if cands is None and not name_found:
                        name_found = name_similarity(name.text, w, found_ratio) >= found_ratio
                    elif cands is not None and not near and not name.chinese and name.required:
                        near = name_similarity(name.text, w, found_ratio) >= found_ratio
                    continue
                if short and upper:
                    # the same weighing as below, cached per (name, word): a name recurs
                    rendered, sim = self._weigh(name, cands, w, floor, foreign_zipf)
                    if rendered:
                        claimed.add(m.start())
                        name_found = True
                        continue
                else:
                    # English writes names capitalised: only those are weighed against candidates
                    if (
                        cands is not None
                        and upper
                        and cands.rendered_by(w, foreign_zipf, self.langs.tgt)
                    ):
                        claimed.add(m.start())
                        name_found = True
                        continue
                    sim = name_similarity(name.text, w, floor)
                    if cands is not None and upper:
                        spellings = cands.spellings
                        sim = max([sim, *map(name_similarity, spellings, repeat(w), repeat(floor))])
                # With candidate spellings a name is found only when one of them is used;
                # a near miss is judged below.
                if sim >= found_ratio and cands is None:
                    claimed.add(m.start())
                    name_found = True
                    continue
                if sim >= found_ratio and not name.chinese:
                    near = True  # counts for source_match, but is still judged
                if sim >= mangled_ratio:
                    ranked.append((sim, m))
            if name.required:
                required += 1
            if name_found or near:
                found += name.required
            if not name_found and ranked and judged:
                ranked.sort(key=lambda sm: -sm[0])  # stable: the first of equals stays first
                close.append((near, [m for _, m in ranked], name, cands))
        for name, near_words in claim_only if close else ():
            cands = _candidates(name)
            for m, w, upper in near_words:
                if not upper:
                    continue
                if cands is not None:
                    rendered = cands.rendered_by(w, foreign_zipf, self.langs.tgt)
                else:
                    rendered = name_similarity(name.text, w, floor) >= found_ratio
                if rendered:
                    claimed.add(m.start())
        flags = []
        lang = self.langs.tgt
        spans: set[tuple[int, int]] = set()
        for counted, words, name, cands in close:
            # the closest MT word that is no other name's rendering, written as a name
            first = next(
                (m for m in words if m.start() not in claimed and m.group()[:1].isupper()), None
            )
            if first is None:
                continue
            m = first
            w = m.group()
            bare = _POSSESSIVE.sub("", w)
            # A name English text knows (as well as any spelling of the source's) is never
            # garbled because of how an inflected source form transliterates (Guardiola/Гвардиолы).
            known = max((_zipf(sp, lang) for sp in cands.spellings), default=0.0) if cands else 0.0
            # A Chinese name spelt from its Russian letters is judged however common the English
            # word is ("Si" for «Си»: Xi).
            misread = cands is not None and misread_chinese(cands, bare)
            # so is another convention's twin of the spelling English knows far better
            # ("Wladimir", "Iwan" for a Russian Владимир, Иван),
            # or a woman's surname in the man's form ("Nadezhda Grigoriev")
            misread = misread or (cands is not None and judged_however_known(cands, bare, lang))
            # A frequent name's own English spelling may be far rarer than a transliteration
            # (Volodymyr/Vladimir): there any spelling English knows is accepted.
            if (
                not misread
                and _zipf(bare, lang) >= known_zipf
                and (_zipf(bare, lang) + 0.5 >= known or not name.rare)
            ):
                found += name.required and not counted  # English's own spelling (Guardiola)
                continue
            if not misread and _zipf(bare, lang) >= en_common:
                continue  # an ordinary word
            if (
                not name.chinese
                and abs(len(skeleton(w)) - len(skeleton(transliterate(_stem(name.text))))) > 3
                and not (cands is not None and kept_case_form(cands, bare))
            ):
                continue  # a derived word ("Lithuanian" for "Литвы"), not a misspelling
            suggestion = cands.best(lang, near=bare) if cands is not None else name.text
            if name.quoted and _zipf(suggestion, lang) < known_zipf:
                continue  # a quoted word judged only against a spelling English knows
            start, end = m.start(), m.end()
            if name.whole:  # flag the whole name's rendering, suggest the whole name
                start, end, suggestion = compound_rendering(
                    name.whole, name.text, seg.mt, start, end, lang
                )
            if (start, end) in spans:
                continue  # another part of the same name already flagged it
            spans.add((start, end))
            if name.chinese:
                message = (
                    f"{w!r} transliterates the Russian spelling of the Chinese name {name.text!r}; "
                    f"English news writes it in Pinyin"
                )
            else:
                message = (
                    f"{w!r} matches none of the usual spellings of the source name {name.text!r}"
                )
            # a well-known name mangled ("Putina", "Makron", "Pkhenyan") is major
            mangled = (
                not name.chinese
                and cands is not None
                and mangled_known_name(
                    cands, bare, suggestion, lang, name_major_zipf, convention_zipf
                )
            )
            flags.append(
                self.flag(
                    seg,
                    start,
                    end,
                    category="name",
                    severity="major" if name.chinese or mangled else "minor",
                    confidence=0.6 if name.chinese or mangled else 0.3,
                    message=message,
                    suggestion=suggestion,
                )
            )
        if self.langs.src in ("ru", "uk", "be") and self.langs.tgt == "en":
            # spellings no English text writes, of any source word (not only judged names)
            for f in leftover_findings(src, seg.mt, sorted(spans)):
                flags.append(
                    self.flag(
                        seg,
                        f.start,
                        f.end,
                        category="name",
                        severity="minor",
                        confidence=0.4,
                        message=f.message,
                        suggestion=f.suggestion,
                    )
                )
        return found, required, flags


@lru_cache(maxsize=65536)  # Name is frozen: a pure function of it
def _candidates(name: Name) -> NameCandidates | None:
    """The candidate spellings of a Cyrillic source name; None for a name in another script."""
    if any(script_of(c) == "cyrillic" for c in name.text):
        return name_candidates(name.text, name.chinese, name.agreement, name.foreign_run)
    return None


_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_DECIMAL_COMMA = regex.compile(r"^(\d+),(\d+)$")


def english_form(item: Item) -> str:
    """How English text writes a source number or month: "июле" → "July", "0,6" → "0.6"; other
    numbers as the source writes them."""
    months = sorted(v[1] for v in item.values if isinstance(v, tuple) and v[0] == "month")
    if months and not any(ch.isdigit() for ch in item.text):
        return _MONTH_NAMES[months[0] - 1]
    m = _DECIMAL_COMMA.match(item.text)
    return f"{m.group(1)}.{m.group(2)}" if m else str(item.text)
