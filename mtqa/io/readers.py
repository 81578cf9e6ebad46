"""Readers: turn a plain-text article, one-sentence-per-line text, TSV/CSV or JSONL into segments."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mtqa.errors import InputError
from mtqa.io.align import align_sentences
from mtqa.io.decode import DEFAULT_MAX_LINE_CHARS, decode, read_bytes, reject_lone_surrogates
from mtqa.text import normalise, paragraphs, split_sentences
from mtqa.types import Segment

FORMATS = ("auto", "text", "lines", "tsv", "csv", "jsonl")
FIELDS = ("mt", "src", "ref", "id")


@dataclass(frozen=True)
class ReadOptions:
    fmt: str = "auto"
    src_path: str | None = None
    ref_path: str | None = None
    src_lang: str = "ru"
    tgt_lang: str = "en"
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS


def detect_format(path: str, text: str, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in (".tsv", ".csv", ".jsonl"):
        return suffix[1:]
    if suffix == ".ndjson":
        return "jsonl"
    if path == "-" and text.lstrip().startswith("{"):
        return "jsonl"
    return "text"


def read_segments(path: str, opts: ReadOptions = ReadOptions()) -> list[Segment]:
    """Read one input (a path or '-') into segments in document order."""
    if [path, opts.src_path, opts.ref_path].count("-") > 1:
        raise InputError(
            "standard input can be read only once: give - for at most one of the input, "
            "--src and --ref"
        )
    name = "<stdin>" if path == "-" else path
    text = decode(read_bytes(path), name, opts.max_line_chars)
    fmt = detect_format(path, text, opts.fmt)
    if fmt in ("tsv", "csv", "jsonl") and (opts.src_path or opts.ref_path):
        raise InputError(f"{name}: --src/--ref go with text input; give src/ref as columns here")
    if fmt == "jsonl":
        return parse_jsonl(text, name)
    if fmt in ("tsv", "csv"):
        return parse_table(text, name, "\t" if fmt == "tsv" else ",")
    markup = opts.fmt == "auto" and fmt == "text"  # a feed or a saved page, by name or content
    if markup:
        text = _article_of_markup(path, text, name)
    src = _side_text(opts.src_path, opts.max_line_chars, markup)
    ref = _side_text(opts.ref_path, opts.max_line_chars, markup)
    if fmt == "lines":
        return parse_lines(text, name, src, ref)
    if fmt == "text":
        return parse_article(text, name, src, ref, opts.src_lang, opts.tgt_lang)
    raise InputError(f"unknown input format {fmt!r} (choose from {', '.join(FORMATS)})")


def _markup_kind(path: str, text: str) -> str | None:
    """ "feed" for RSS/Atom, "html" for a web page (by name, else by the first tag), else None."""
    from mtqa.io.sources.fetch import looks_like_feed

    suffix = Path(path).suffix.lower() if path != "-" else ""
    head = text[:2048].lstrip()
    if head.startswith("<") and looks_like_feed(head.encode("utf-8")):
        return "feed"
    if suffix in (".html", ".htm") or head.lower().startswith(("<!doctype html", "<html")):
        return "html"
    return None


def _article_of_markup(path: str, text: str, name: str) -> str:
    """A plain-text article as is; a saved web page's main text (as mtqa batch reads pages); a
    feed refused (it holds many articles), so that markup is never checked as prose."""
    kind = _markup_kind(path, text)
    if kind == "feed":
        shown = "-" if name == "<stdin>" else name
        raise InputError(
            f"{name} is an RSS/Atom feed, many articles: check its entries with "
            f"`mtqa batch {shown} --out results.jsonl` (or give --input-format text to read it "
            "as plain text)"
        )
    if kind == "html":
        from mtqa.io.sources.web import article_text

        return article_text(text, name)[0]
    return text


def _side_text(path: str | None, max_line_chars: int, markup: bool) -> tuple[str, str] | None:
    if path is None:
        return None
    name = "<stdin>" if path == "-" else path
    text = decode(read_bytes(path), name, max_line_chars)
    return name, _article_of_markup(path, text, name) if markup else text


def _clean(value: object, name: str, where: str, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        if field == "id" and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if field == "id" and isinstance(value, float) and math.isfinite(value):
            return repr(value)
        what = "a string, a whole number" if field == "id" else "a string"
        raise InputError(f"{name}: {where}: field {field!r} must be {what} or null (got {value!r})")
    reject_lone_surrogates(value, f"{name}: {where}: field {field!r}")
    value = normalise(value).strip()
    return value or None


def _no_constants(token: str) -> object:
    raise ValueError(f"{token} is not a JSON value")


class _Ids:
    """Explicit ids seen so far in one input: a second use of an id is an error."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.first: dict[str, int] = {}

    def check(self, segment_id: str, number: int) -> None:
        first = self.first.setdefault(segment_id, number)
        if first != number:
            raise InputError(
                f"{self.name}: line {number}: duplicate id {segment_id!r} (first on line {first})"
            )


def parse_jsonl(text: str, name: str) -> list[Segment]:
    segments: list[Segment] = []
    ids = _Ids(name)
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            # NaN / Infinity are not JSON; Python accepts them unless told not to.
            row = json.loads(line, parse_constant=_no_constants)
        except ValueError as e:
            raise InputError(
                f"{name}: line {number}: not valid JSON ({getattr(e, 'msg', e)})"
            ) from None
        if not isinstance(row, dict):
            raise InputError(f"{name}: line {number}: expected a JSON object")
        where = f"line {number}"
        mt = _clean(row.get("mt"), name, where, "mt")
        if "mt" not in row:
            raise InputError(f"{name}: line {number}: no 'mt' field")
        if mt is None:
            raise InputError(f"{name}: line {number}: 'mt' is empty")
        segment_id = _clean(row.get("id"), name, where, "id")
        if segment_id is not None:
            ids.check(segment_id, number)
        segments.append(
            Segment(
                index=len(segments),
                id=segment_id or str(number),
                mt=mt,
                src=_clean(row.get("src"), name, where, "src"),
                ref=_clean(row.get("ref"), name, where, "ref"),
            )
        )
    return segments


def header_cells(line: str, delimiter: str) -> list[str]:
    """The cells of one header line, stripped (lower case is the caller's choice)."""
    try:
        return [c.strip() for c in next(csv.reader([line], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return []


def parse_table(text: str, name: str, delimiter: str) -> list[Segment]:
    """TSV/CSV with a header row; a record's id defaults to the line where it starts. A quote
    left open (the rest of the file would become one field) is an error."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    first = text.split("\n", 1)[0].lower()
    if (
        delimiter == ","
        and "mt" not in header_cells(first, ",")
        and "mt" in header_cells(first, ";")
    ):
        delimiter = ";"  # Excel's CSV in Russian and most European locales
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError(f"{name}: input is empty") from None
    except csv.Error as e:
        raise InputError(f"{name}: line 1: {e} (a quote left open?)") from None
    if "mt" not in header:
        kind = "TSV" if delimiter == "\t" else "CSV"
        raise InputError(
            f"{name}: the {kind} header has no 'mt' column (found: {', '.join(header)})"
        )
    col = {f: header.index(f) for f in FIELDS if f in header}
    segments: list[Segment] = []
    ids = _Ids(name)
    start = reader.line_num + 1
    try:
        for row in reader:
            number, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    f"{name}: line {number}: {len(row)} fields, the header has {len(header)}"
                )
            where = f"line {number}"
            values = {f: _clean(row[i], name, where, f) for f, i in col.items()}
            mt = values.get("mt")
            if mt is None:
                raise InputError(f"{name}: line {number}: 'mt' is empty")
            segment_id = values.get("id")
            if segment_id is not None:
                ids.check(segment_id, number)
            segments.append(
                Segment(
                    index=len(segments),
                    id=segment_id or str(number),
                    mt=mt,
                    src=values.get("src"),
                    ref=values.get("ref"),
                )
            )
    except csv.Error as e:
        raise InputError(
            f"{name}: the record starting on line {start}: {e} (a quote left open?)"
        ) from None
    return segments


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _side(field: str, name: str) -> str:
    """How a message names the src/ref side: "the src file a.ru.txt", or just "src" (a field)."""
    return field if name == field else f"the {field} file {name}"


def _side_name(field: str, src: tuple[str, str] | None, ref: tuple[str, str] | None) -> str:
    side = src if field == "src" else ref
    return side[0] if side is not None else field


def parse_lines(
    text: str, name: str, src: tuple[str, str] | None, ref: tuple[str, str] | None
) -> list[Segment]:
    """One sentence per line; --src/--ref files must have the same number of lines."""
    mt_lines = _lines(text)
    sides: dict[str, list[str]] = {}
    for field, side in (("src", src), ("ref", ref)):
        if side is None:
            continue
        side_name, side_text = side
        side_lines = _lines(side_text)
        if len(side_lines) != len(mt_lines):
            raise InputError(
                f"misaligned input: {name} has {len(mt_lines)} lines but "
                f"{_side(field, side_name)} has {len(side_lines)}"
            )
        sides[field] = side_lines
    segments: list[Segment] = []
    for i, line in enumerate(mt_lines):
        mt = normalise(line).strip()
        if not mt:
            for field, side_lines in sides.items():
                if normalise(side_lines[i]).strip():
                    raise InputError(
                        f"{name}: line {i + 1} is empty but line {i + 1} of "
                        f"{_side_name(field, src, ref)} is not (one sentence per line in both)"
                    )
            continue
        segments.append(
            Segment(
                index=len(segments),
                id=str(i + 1),
                mt=mt,
                src=_clean(sides["src"][i], name, "", "src") if "src" in sides else None,
                ref=_clean(sides["ref"][i], name, "", "ref") if "ref" in sides else None,
            )
        )
    if not segments:
        raise InputError(f"{name}: input is empty")
    return segments


def _line_paragraphs(text: str) -> list[tuple[int, str]]:
    """Each non-blank line as a paragraph, with its start offset."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos + len(line) - len(line.lstrip()), line.strip()))
        pos += len(line) + 1
    return out


Paragraphs = list[tuple[int, str]]


def _lines_as_paragraphs(
    side: str, side_paras: Paragraphs, mt: str, mt_paras: Paragraphs
) -> tuple[Paragraphs, Paragraphs]:
    """When one article has no blank line and its lines are as many as the other's paragraphs,
    its lines are its paragraphs (one paragraph per line, as many CMS exports write them)."""
    if len(side_paras) == 1 and len(_line_paragraphs(side)) == len(mt_paras) > 1:
        return _line_paragraphs(side), mt_paras
    if len(mt_paras) == 1 and len(_line_paragraphs(mt)) == len(side_paras) > 1:
        return side_paras, _line_paragraphs(mt)
    return side_paras, mt_paras


def parse_article(
    text: str,
    name: str,
    src: tuple[str, str] | None,
    ref: tuple[str, str] | None,
    src_lang: str,
    tgt_lang: str,
) -> list[Segment]:
    """A plain-text article: blank-line paragraphs split into sentences.

    With a source or reference article, paragraphs must correspond one to one; sentences inside a
    paragraph are aligned by length (1-1, 1-2, 2-1), so a translation that merges or splits
    sentences still gets the right source.
    """
    text = normalise(text)
    mt_paras = paragraphs(text)
    side_paras: dict[str, list[tuple[int, str]]] = {}
    side_langs = {"src": src_lang, "ref": tgt_lang}
    for field, side in (("src", src), ("ref", ref)):
        if side is None:
            continue
        side_name, side_text = side
        paras = paragraphs(normalise(side_text))
        if len(paras) != len(mt_paras):
            found, mt_found = _lines_as_paragraphs(normalise(side_text), paras, text, mt_paras)
            if mt_found is mt_paras or not side_paras:  # never re-cut mt under a matched side
                paras, mt_paras = found, mt_found
        if len(paras) != len(mt_paras):
            raise InputError(
                f"misaligned input: {name} has {len(mt_paras)} paragraphs but "
                f"{_side(field, side_name)} has {len(paras)}; give one paragraph per blank-line "
                "block in both"
            )
        side_paras[field] = paras
    segments: list[Segment] = []
    for p, (p_start, para) in enumerate(mt_paras):
        mt_sents = [(p_start + off, s) for off, s in split_sentences(para, tgt_lang)]
        mt_texts = [s for _, s in mt_sents]
        # The source (else the reference) decides which mt sentences form one segment.
        groups: list[list[int]] | None = None
        sides: dict[str, list[str | None]] = {}
        for field, paras in side_paras.items():
            other = [s for _, s in split_sentences(paras[p][1], side_langs[field])]
            aligned = align_sentences(mt_texts, other)
            if groups is None:
                groups = [mts for mts, _ in aligned]
            sides[field] = _regroup(aligned, groups, other)
        if groups is None:
            groups = [[i] for i in range(len(mt_sents))]
        for k, idx in enumerate(groups):
            start = mt_sents[idx[0]][0]
            last_start, last = mt_sents[idx[-1]]
            segments.append(
                Segment(
                    index=len(segments),
                    id=f"p{p + 1}s{k + 1}",
                    mt=text[start : last_start + len(last)],
                    src=sides["src"][k] if "src" in sides else None,
                    ref=sides["ref"][k] if "ref" in sides else None,
                    paragraph=p,
                    offset=start,
                )
            )
    if not segments:
        raise InputError(f"{name}: input is empty")
    return segments


def _regroup(
    groups: Sequence[tuple[list[int], list[int]]], target: list[list[int]], other: list[str]
) -> list[str | None]:
    """Side sentences for a different grouping of the same mt sentences."""
    owner: dict[int, list[int]] = {}
    for mts, js in groups:
        owner.setdefault(mts[0], []).extend(js)
    out: list[str | None] = []
    for mts in target:
        js = [j for i in mts for j in owner.get(i, [])]
        out.append(" ".join(other[j] for j in js) or None)
    return out
