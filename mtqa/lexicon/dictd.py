"""Reading a dictd English→Russian dictionary (Mueller 7 from Debian's ``mueller7-dict``).

A dictd dictionary is a text file of entries (``.dict``, or ``.dict.dz``, which is gzip with
random-access chunks, so ``gzip`` reads it whole) and a tab-separated index of
``headword<TAB>base64 offset<TAB>base64 length``. A Mueller entry is a headword line, a
transcription and numbered senses; each sense holds comma/semicolon separated Russian
translations and English phrases with their Russian rendering ("legal entity юридическое лицо").

:func:`read_entries` parses entries into plain records. The dictionary is GPL-2+: mtqa reads it
where the system has it and never ships it or anything derived from it (the lemma maps built from
it are cached per user, see :mod:`mtqa.lexicon.lookup`).
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from mtqa.errors import MtqaError

SYSTEM_DIR = Path("/usr/share/dictd")
SYSTEM_NAME = "mueller7"
ENV_VAR = "MTQA_DICTIONARY"

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_VALUE = {c: i for i, c in enumerate(_B64)}

# Part-of-speech labels of Mueller entries, mapped to coarse tags shared with mtqa.lexicon.lemmas.
POS_LABELS = {
    "n": "NOUN",
    "v": "VERB",
    "a": "ADJ",
    "adv": "ADV",
    "prep": "ADP",
    "cj": "CONJ",
    "pron": "PRON",
    "num": "NUM",
    "int": "INTJ",
    "interj": "INTJ",
    "pl": None,
}

_TRANSCRIPTION = regex.compile(r"\[[^\]\n]*\]")
_PARENS = regex.compile(r"\([^()]*\)")
_LABEL = regex.compile(r"(?<!\w)_([\p{L}\-]+)\.?")
# Sense numbers "1." "12)" and sub-sense letters "а)" at the start of a piece or after a space.
_MARKER = regex.compile(r"(?:(?<=^)|(?<=\s))(?:\d+\s*[.)]|[а-я]\))")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")


@dataclass(frozen=True)
class DictionaryFiles:
    """Where a dictd dictionary lives: its index and its text (.dict or .dict.dz)."""

    index: Path
    text: Path
    name: str

    def fingerprint(self) -> str:
        """Size and mtime of both files: changes when the dictionary is reinstalled or edited."""
        parts = []
        for p in (self.index, self.text):
            st = p.stat()
            parts.append(f"{st.st_size}-{int(st.st_mtime)}")
        return "_".join(parts)

    def size(self) -> int:
        return self.text.stat().st_size


@dataclass(frozen=True)
class Sense:
    """One Russian rendering of a headword, in dictionary order (``rank`` 0 is the first)."""

    pos: str | None
    rank: int
    ru: str


@dataclass(frozen=True)
class Phrase:
    """An English phrase of an entry with its Russian rendering."""

    en: str
    ru: str


@dataclass(frozen=True)
class Entry:
    headword: str
    senses: tuple[Sense, ...]
    phrases: tuple[Phrase, ...]


def decode_b64(text: str) -> int:
    """dictd's base64 number (most significant digit first)."""
    value = 0
    for c in text:
        try:
            value = value * 64 + _B64_VALUE[c]
        except KeyError:
            raise ValueError(f"not a dictd base64 number: {text!r}") from None
    return value


def _files_for(base: Path) -> DictionaryFiles | None:
    """The index and text files for a path given as base name, index, .dict or .dict.dz."""
    name = base.name
    for suffix in (".index", ".dict.dz", ".dict"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    folder = base.parent
    index = folder / f"{name}.index"
    for text in (folder / f"{name}.dict.dz", folder / f"{name}.dict"):
        if index.is_file() and text.is_file():
            return DictionaryFiles(index, text, name)
    return None


def resolve(path: str | os.PathLike[str] | None = None) -> DictionaryFiles | None:
    """The dictionary to read: ``path``, else ``$MTQA_DICTIONARY``, else the system's Mueller.

    A path the user gave that is missing or not a dictd dictionary raises :class:`MtqaError`;
    with no path given and no system dictionary, returns None (checks run without it).
    """
    given = path if path not in (None, "") else os.environ.get(ENV_VAR) or None
    if given is not None:
        base = Path(given).expanduser()
        files = _files_for(base)
        if files is None:
            if not base.exists():
                raise MtqaError(f"dictionary not found: {base}")
            raise MtqaError(
                f"not a dictd dictionary: {base} (need NAME.index with NAME.dict or NAME.dict.dz)"
            )
        validate(files)
        return files
    return _files_for(SYSTEM_DIR / f"{SYSTEM_NAME}.index")


def validate(files: DictionaryFiles) -> None:
    """Raise :class:`MtqaError` unless the index reads as dictd and its first entry is in the text."""
    try:
        with open(files.index, encoding="utf-8") as f:
            first = f.readline().rstrip("\n").split("\t")
        if len(first) != 3:
            raise ValueError("index lines need three tab-separated fields")
        decode_b64(first[1])
        decode_b64(first[2])
        with _open_text(files.text) as t:
            t.read(16)
    except (OSError, ValueError, UnicodeDecodeError, EOFError) as e:
        raise MtqaError(f"not a dictd dictionary: {files.index} ({e})") from None


def _open_text(path: Path) -> io.BufferedIOBase:
    if path.name.endswith(".dz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def read_index(files: DictionaryFiles) -> list[tuple[str, int, int]]:
    out = []
    with open(files.index, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                raise MtqaError(f"not a dictd dictionary: {files.index} line {n} has no 3 fields")
            try:
                out.append((parts[0], decode_b64(parts[1]), decode_b64(parts[2])))
            except ValueError as e:
                raise MtqaError(f"not a dictd dictionary: {files.index} line {n}: {e}") from None
    return out


def read_text(files: DictionaryFiles) -> bytes:
    """The dictionary's entry text, decompressed (the index's offsets point into it)."""
    try:
        with _open_text(files.text) as t:
            return t.read()
    except (OSError, EOFError) as e:
        raise MtqaError(f"cannot read dictionary {files.text}: {e}") from None


def read_entries(files: DictionaryFiles) -> Iterator[Entry]:
    """Every entry of the dictionary, parsed (database metadata entries ``00-database-*`` skipped)."""
    data = read_text(files)
    for head, offset, length in read_index(files):
        if head.startswith(("00-database", "00database")):
            continue
        body = data[offset : offset + length].decode("utf-8", "replace")
        yield parse_entry(head, body)


def _expand_initial(text: str, head: str) -> str:
    """The headword for its initial in the entry's English phrases: Mueller writes "Supreme C."
    under court and "International M. Fund" under monetary (a capital letter and a dot, the
    headword's first letter; one-word headwords only)."""
    if not head.isalpha() or len(head) < 2:
        return text
    initial = head[0].upper()
    return regex.sub(rf"(?<![\p{{L}}.'\-]){initial}\.(?!\p{{L}})", head.capitalize(), text)


def _clean_en(text: str) -> str:
    text = regex.sub(r"\b(?:smb|smth|sb|sth)\.(?:'s)?", " ", text)
    text = regex.sub(r"[^\p{Latin}'\- ]", " ", text)
    return " ".join(text.split()).lower()


def _clean_ru(text: str) -> str:
    text = text.replace("ё", "е").replace("Ё", "Е")
    text = regex.sub(r"[^\p{Cyrillic}\- ]", " ", text)
    text = regex.sub(r"(?<!\p{L})-|-(?!\p{L})", " ", text)
    return " ".join(text.split()).lower()


def parse_entry(head: str, body: str) -> Entry:
    """Split one entry's text into senses (Russian renderings) and phrases."""
    lines = body.split("\n")
    if lines and lines[0].strip().lower() == head.lower():
        lines = lines[1:]
    text = " ".join(line.strip() for line in lines)
    text = _TRANSCRIPTION.sub(" ", text)
    for _ in range(2):  # nested parentheses, inner first
        text = _PARENS.sub(" ", text)
    senses: list[Sense] = []
    phrases: list[Phrase] = []
    pos: str | None = None
    rank = 0
    last_phrase_en: str | None = None
    # Sense numbers start a new rendering group; ';' separates items inside a sense.
    for chunk in regex.split(r"(?:(?<=^)|(?<=\s))(\d+\s*[.)])", text):
        if regex.fullmatch(r"\d+\s*[.)]", chunk or ""):
            continue
        for item in chunk.split(";"):
            continuation = regex.match(r"\s*[б-я]\)", item) is not None
            for m in _LABEL.finditer(item):
                label = m.group(1).lower()
                if label in POS_LABELS and POS_LABELS[label] is not None:
                    pos = POS_LABELS[label]
            item = _LABEL.sub(" ", item)
            item = _MARKER.sub(" ", item).strip()
            if not item or "=" in item:
                continue
            cyr = _CYRILLIC.search(item)
            if cyr is None:
                continue
            if _LATIN.search(item[: cyr.start()]):
                en = _clean_en(_expand_initial(item[: cyr.start()], head))
                # Alternatives ("to take part участвовать, принимать участие"), one phrase each.
                for alt in item[cyr.start() :].split(","):
                    ru = _clean_ru(alt)
                    if en and ru:
                        phrases.append(Phrase(en, ru))
                        last_phrase_en = en
                continue
            if continuation and last_phrase_en is not None:
                for alt in item.split(","):
                    ru = _clean_ru(alt)
                    if ru:
                        phrases.append(Phrase(last_phrase_en, ru))
                continue
            last_phrase_en = None
            if _LATIN.search(item):  # Russian words with a Latin remark: keep the Russian part
                item = item[: _LATIN.search(item).start()]  # type: ignore[union-attr]
            for alt in item.split(","):
                ru = _clean_ru(alt)
                if ru:
                    senses.append(Sense(pos, rank, ru))
                    rank += 1
    return Entry(head.lower(), tuple(senses), tuple(phrases))
