"""Files, directory trees, globs and archives (.gz, .zip, .tar*, WARC), read as a stream of documents.

Members are visited in a fixed order (sorted directory walks, archive order), so two runs over the
same inputs see the same documents in the same order: the batch's resume relies on it.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import gzip
import io
import itertools
import json
import os
import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Self

from mtqa.deps import MissingDependency
from mtqa.errors import InputError, MtqaError
from mtqa.io.decode import decode, open_regular, read_capped
from mtqa.io.readers import header_cells as _cells
from mtqa.io.sources import Parser, SourceDoc, SourceOptions
from mtqa.io.sources.feeds import read_feed
from mtqa.io.sources.fetch import fetch_with_retry, is_url, looks_like_feed
from mtqa.io.src_pattern import source_path

FEED_SUFFIXES = (".xml", ".rss", ".atom")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md")
DUMP_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv")
# The meta key of a document whose source was asked for (--src-pattern, --src-tree, --src-field)
# but not found: it is checked without one, and the batch report counts it.
SOURCE_MISSING = "source_missing"
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
ARCHIVE_ERRORS = (OSError, EOFError, zlib.error, tarfile.TarError, zipfile.BadZipFile, ValueError)
# Reading one zip member can also fail with these: encrypted (RuntimeError), an unsupported
# compression method (NotImplementedError).
MEMBER_ERRORS = (*ARCHIVE_ERRORS, RuntimeError, NotImplementedError)


IGNORED_EXAMPLES = 10


class Meter:
    """Bytes of input files read so far, for progress and ETA (total is None for URLs), and the
    files and members left out as not documents (hidden, or of a kind mtqa does not read)."""

    def __init__(self) -> None:
        self.done = 0
        self.total: int | None = 0
        self.ignored = 0
        self.ignored_examples: list[str] = []

    def ignore(self, name: str, why: str) -> None:
        self.ignored += 1
        if len(self.ignored_examples) < IGNORED_EXAMPLES:
            self.ignored_examples.append(f"{name} ({why})")


class _CountingReader(io.RawIOBase):
    def __init__(self, raw: IO[bytes], meter: Meter) -> None:
        self._raw = raw
        self._meter = meter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self._meter.done += n or 0
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass(frozen=True)
class Unit:
    """One thing named on the command line or found under it: a file or a URL."""

    location: str
    rel: str  # path relative to the directory it was found under (for paired trees)
    explicit: bool  # named directly, so an unknown extension is read as text, not ignored
    ignored: str | None = None  # why it is not a document (hidden, a --src-pattern source), if so


def kind_of(name: str) -> str:
    low = name.lower()
    for kind, suffixes in (
        ("warc", WARC_SUFFIXES),
        ("tar", TAR_SUFFIXES),
        ("zip", (".zip",)),
        ("feed", FEED_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("dump", DUMP_SUFFIXES),
        ("text", TEXT_SUFFIXES),
    ):
        if low.endswith(suffixes):
            return kind
    if low.endswith(".gz"):
        return "gz"
    return "unknown"


def iter_units(inputs: Iterable[str], opts: SourceOptions | None = None) -> Iterator[Unit]:
    """Files and URLs named by ``inputs`` (paths, directories walked in sorted order, globs, URLs).

    Hidden files and folders, and (with ``opts.src_pattern``) the source files that sit beside
    their translations, come out as units with ``ignored`` set, so that they can be counted.
    Raises InputError for an input that names nothing."""
    seen: set[str] = set()
    for item in inputs:
        for unit in _expand(item, opts):
            if unit.location not in seen:
                seen.add(unit.location)
                yield unit


def _expand(item: str, opts: SourceOptions | None) -> Iterator[Unit]:
    if is_url(item):
        yield Unit(item, Path(item.split("?")[0]).name or "index.html", True)
        return
    path = Path(item)
    if path.is_dir():
        yield from _walk(path, opts)
        return
    if path.exists() or path.is_symlink():
        yield Unit(item, path.name, True)  # a FIFO or device becomes an error row when read
        return
    if glob.has_magic(item):
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            raise InputError(f"{item}: the pattern matches no files")
        for match in matches:
            if Path(match).is_dir():
                yield from _walk(Path(match), opts)
            else:
                yield Unit(match, Path(match).name, True)
        return
    if item == "-":
        raise InputError(
            "mtqa batch does not read standard input (a rerun must read the same documents "
            "again to resume): save it to a file and give its path, or use mtqa check -"
        )
    raise InputError(f"{item}: no such file, directory or URL")


def _walk(root: Path, opts: SourceOptions | None) -> Iterator[Unit]:
    pattern = opts.src_pattern if opts is not None else None
    beside = pattern is not None and (
        opts is not None and (opts.src_tree is None or _same_dir(opts.src_tree, root))
    )
    sources: set[str] = set()  # relative paths named as another file's source
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in [d for d in dirnames if d.startswith(".")]:
            dirnames.remove(name)
            full = Path(dirpath) / name
            yield Unit(str(full), full.relative_to(root).as_posix(), False, "a hidden folder")
        folder = Path(dirpath).relative_to(root).as_posix()
        if beside and pattern is not None:
            # Files named as another file's source are sources, not translations to check; the
            # walk is top-down, so a pattern into a subfolder ('ru/{stem}.txt') is known in time.
            for n in filenames:
                rel_n = n if folder == "." else f"{folder}/{n}"
                target = source_path(rel_n, pattern)
                if target != rel_n:
                    sources.add(target)
        for name in sorted(filenames):
            full = Path(dirpath) / name
            rel = full.relative_to(root).as_posix()
            if name.startswith("."):
                yield Unit(str(full), rel, False, "a hidden file")
            elif rel in sources:
                yield Unit(str(full), rel, False, "a source file (--src-pattern)")
            else:
                yield Unit(str(full), rel, False)


def _same_dir(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def input_bytes(units: Iterable[Unit]) -> int | None:
    """Total size of the units' files, or None when a URL makes it unknown."""
    total = 0
    for unit in units:
        if unit.ignored:
            continue
        if is_url(unit.location):
            return None
        with contextlib.suppress(OSError):
            total += os.path.getsize(unit.location)
    return total


class Reader:
    """Turns units into documents, following the options for dumps and paired trees."""

    def __init__(self, opts: SourceOptions = SourceOptions(), meter: Meter | None = None) -> None:
        self.opts = opts
        self.meter = meter or Meter()

    def documents(self, units: Iterable[Unit]) -> Iterator[SourceDoc]:
        for unit in units:
            yield from self.read_unit_safely(unit)

    def read_unit_safely(self, unit: Unit) -> Iterator[SourceDoc]:
        """:meth:`read_unit`, with any failure while reading ending the unit in an error document
        (a reader bug or a library's exception on hostile input must not stop the batch)."""
        count = 0
        try:
            for doc in self.read_unit(unit):
                count += 1
                yield doc
        except MissingDependency:
            raise  # the same for every document: stop with one line naming what to install
        except MtqaError as e:
            yield SourceDoc.failed(
                f"{unit.location}#<failed after {count}>",
                unit.location,
                _parent(unit.location),
                str(e),
            )
        except Exception as e:  # noqa: BLE001 - reported as this input's error row
            yield SourceDoc.failed(
                f"{unit.location}#<failed after {count}>",
                unit.location,
                _parent(unit.location),
                f"{unit.location}: cannot read after {count} document(s) ({type(e).__name__}: {e})",
            )

    def read_unit(self, unit: Unit) -> Iterator[SourceDoc]:
        loc = unit.location
        if unit.ignored:
            self.meter.ignore(loc, unit.ignored)
            return
        if is_url(loc):
            yield from self._read_url(loc)
            return
        kind = kind_of(loc)
        if kind == "unknown" and not unit.explicit:
            self.meter.ignore(loc, "not a kind of file mtqa reads")
            return
        group = _parent(loc)
        try:
            raw = open_regular(loc)
        except MtqaError as e:
            yield SourceDoc.failed(loc, loc, group, str(e))
            return
        with io.BufferedReader(_CountingReader(raw, self.meter), 1 << 16) as f:
            if kind == "zip":
                yield from self._read_zip(loc)
            elif kind == "tar":
                yield from self._read_tar(loc, f)
            elif kind == "warc":
                yield from self._read_warc(loc, f, loc)
            else:
                side_root = None
                if self.opts.src_tree is None and self.opts.src_pattern is not None:
                    side_root = _parent(loc)  # sources beside their translations
                yield from self._read_leaf(
                    loc,
                    unit.rel if side_root is None else Path(loc).name,
                    group,
                    f,
                    unit.explicit,
                    src_root=side_root,
                )

    # --- containers --------------------------------------------------------------------------

    def _read_zip(self, loc: str) -> Iterator[SourceDoc]:
        # A zip's directory is at its end, so the file is opened by path for random access.
        try:
            archive = zipfile.ZipFile(loc)
        except ARCHIVE_ERRORS as e:
            yield SourceDoc.failed(loc, loc, loc, f"{loc}: not a readable zip archive ({e})")
            return
        seen: dict[str, int] = {}
        with archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                name = _member_name(loc, info.filename, seen)
                group = _member_group(loc, info.filename)
                problem = self._member_problem(name, info.filename, info.file_size)
                if problem is not None:
                    if problem:
                        yield SourceDoc.failed(name, name, group, problem)
                    continue
                try:
                    with archive.open(info) as member:
                        yield from self._read_leaf(
                            name, _clean_member(info.filename), group, member, False
                        )
                except MEMBER_ERRORS as e:
                    yield SourceDoc.failed(name, name, group, f"{name}: cannot read member ({e})")
        self.meter.done += os.path.getsize(loc)

    def _read_tar(self, loc: str, f: IO[bytes]) -> Iterator[SourceDoc]:
        last = "the start"
        try:
            # Stream mode ("r|*"): members are read in order without seeking, memory stays flat.
            seen: dict[str, int] = {}
            header_errors: list[Exception] = []
            with tarfile.open(
                fileobj=f, mode="r|*", tarinfo=_recording_tarinfo(header_errors)
            ) as archive:
                for info in archive:
                    last = info.name
                    archive.members.clear()  # type: ignore[attr-defined]  # tarfile keeps every header read
                    if info.isdir():
                        continue
                    name = _member_name(loc, info.name, seen)
                    group = _member_group(loc, info.name)
                    if not info.isfile():
                        if not (info.issym() or info.islnk()) and _hidden(info.name):
                            continue
                        self.meter.ignore(name, "a link or special file in the archive")
                        continue
                    problem = self._member_problem(name, info.name, info.size)
                    if problem is not None:
                        if problem:
                            yield SourceDoc.failed(name, name, group, problem)
                        continue
                    member = archive.extractfile(info)
                    if member is None:
                        continue
                    yield from self._read_leaf(name, _clean_member(info.name), group, member, False)
            # tarfile ends quietly at a header it cannot read; only a block of zeros is a real end.
            end = header_errors[-1] if header_errors else None
            # EmptyHeaderError / EOFHeaderError exist in tarfile but not in its type stubs.
            if end is None or isinstance(end, tarfile.EmptyHeaderError):  # type: ignore[attr-defined]
                raise tarfile.ReadError(
                    "the archive ends without its end-of-archive marker (cut short?)"
                )
            if not isinstance(end, tarfile.EOFHeaderError):  # type: ignore[attr-defined]
                raise tarfile.ReadError(f"truncated or damaged header ({end})")
        except ARCHIVE_ERRORS as e:
            where = f"{loc}!{last}"
            yield SourceDoc.failed(
                f"{loc}!<corrupt after {last}>",
                where,
                loc,
                f"{loc}: corrupt archive after {last} ({e})",
            )

    def _read_warc(self, loc: str, f: IO[bytes], group: str) -> Iterator[SourceDoc]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        number = 0
        try:
            for record in ArchiveIterator(f):
                if record.rec_type not in ("response", "resource"):
                    continue
                number += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record-{number}"
                doc_id = f"{loc}#{record_id}"
                source = f"{loc} {uri or record_id}"
                if record.http_headers is not None:
                    status = record.http_headers.get_statuscode() or ""
                    ctype = record.http_headers.get_header("Content-Type") or ""
                else:
                    status, ctype = "200", record.rec_headers.get_header("Content-Type") or ""
                if status != "200" or "html" not in ctype.lower():
                    continue
                try:
                    body = read_capped(record.content_stream(), self.opts.max_doc_bytes, source)
                except MtqaError as e:
                    yield SourceDoc.failed(doc_id, source, group, str(e))
                    continue
                meta = {"url": uri, "date": record.rec_headers.get_header("WARC-Date") or ""}
                yield SourceDoc(
                    doc_id=doc_id,
                    source=source,
                    group=f"{group}!{_host(uri)}" if uri else group,
                    parser="html",
                    mt=body,
                    meta={k: v for k, v in meta.items() if v},
                )
        except (ArchiveLoadFailed, *ARCHIVE_ERRORS, AttributeError, TypeError, KeyError) as e:
            yield SourceDoc.failed(
                f"{loc}#<corrupt after record {number}>",
                loc,
                group,
                f"{loc}: corrupt WARC after record {number} ({e})",
            )

    # --- single files ------------------------------------------------------------------------

    def _read_leaf(
        self,
        name: str,
        rel: str,
        group: str,
        f: IO[bytes],
        explicit: bool,
        src_root: str | None = None,
    ) -> Iterator[SourceDoc]:
        kind = kind_of(rel)
        cap = self.opts.max_doc_bytes
        if kind == "gz":
            # The documents keep the .gz name (``a.txt.gz``, ``dump.jsonl.gz:3``): named after the
            # inner file, they would share their ids with an ``a.txt`` beside it. The inner name
            # (``rel`` without .gz) says what kind of file it is and where its source is.
            inner = rel[: -len(".gz")]
            try:
                with gzip.GzipFile(fileobj=f) as g:
                    if kind_of(inner) in ("dump", "warc"):
                        yield from self._read_leaf(name, inner, group, g, explicit)  # type: ignore[arg-type]
                        return
                    data = read_capped(g, cap, name)  # type: ignore[arg-type]
            except MtqaError as e:
                yield SourceDoc.failed(name, name, group, str(e))
                return
            except ARCHIVE_ERRORS as e:
                yield SourceDoc.failed(name, name, group, f"{name}: corrupt gzip data ({e})")
                return
            yield from self._read_leaf(name, inner, group, io.BytesIO(data), explicit, src_root)
            return
        if kind == "dump":
            yield from self._read_dump(name, rel, group, f)
            return
        if kind == "warc":
            yield from self._read_warc(name, f, name)
            return
        if kind == "unknown" and not explicit:
            self.meter.ignore(name, "not a kind of file mtqa reads")
            return
        try:
            data = read_capped(f, cap, name)
        except MtqaError as e:
            yield SourceDoc.failed(name, name, group, str(e))
            return
        if kind in (
            "unknown",
            "text",
        ):  # a page or feed saved as .txt is read as one, as check does
            kind = _sniff(data)
        if kind == "feed" or (kind == "unknown" and looks_like_feed(data)):
            yield from read_feed(data, name)
            return
        parser: Parser = "html" if kind == "html" else "text"
        src_tree = src_root or self.opts.src_tree
        try:
            src = self._paired(src_tree, rel, self.opts.src_pattern, "source")
            ref = self._paired(self.opts.ref_tree, rel, None, "reference")
        except MtqaError as e:
            yield SourceDoc.failed(name, name, group, f"{name}: {e}")
            return
        meta = {}
        if src_tree is not None and src is None:  # asked for, not found: checked alone, and said
            pattern = self.opts.src_pattern
            meta[SOURCE_MISSING] = str(
                Path(src_tree) / (source_path(rel, pattern) if pattern else rel)
            )
        yield SourceDoc(
            doc_id=name,
            source=name,
            group=group,
            parser=parser,
            mt=data,
            src=src,
            ref=ref,
            meta=meta,
        )

    def _paired(self, tree: str | None, rel: str, pattern: str | None, what: str) -> bytes | None:
        """The file matching ``rel`` (by ``pattern`` if given) under ``tree``, or None if there is
        none. Raises MtqaError for a path that leaves the tree and for a file that cannot be read."""
        if tree is None:
            return None
        wanted = source_path(rel, pattern) if pattern else rel
        parts = wanted.split("/")
        if wanted.startswith("/") or ".." in parts or re.match(r"[A-Za-z]:", wanted):
            raise InputError(f"its {what} path {wanted!r} is absolute or leaves the tree; not read")
        root = Path(tree).resolve()
        for candidate in (root / wanted, root / f"{wanted}.gz"):
            if not candidate.exists():
                continue
            resolved = candidate.resolve()
            if resolved != root and root not in resolved.parents:
                raise InputError(f"its {what} {candidate} resolves outside {tree}; not read")
            cap = self.opts.max_doc_bytes
            with open_regular(str(resolved)) as f:
                if candidate.name.endswith(".gz"):
                    try:
                        with gzip.GzipFile(fileobj=f) as g:
                            return read_capped(g, cap, str(candidate))  # type: ignore[arg-type]
                    except ARCHIVE_ERRORS as e:
                        raise InputError(
                            f"its {what} {candidate} is corrupt gzip data ({e})"
                        ) from None
                return read_capped(f, cap, str(candidate))
        return None

    def _member_problem(self, name: str, member: str, size: int) -> str | None:
        """None to read the member; "" to leave it out (counted); else the error row's message."""
        if _unsafe_member(member):
            return f"{name}: unsafe member name (absolute, or with '..'); not read"
        if _hidden(member):
            self.meter.ignore(name, "hidden")
            return ""
        if kind_of(member) == "unknown":
            self.meter.ignore(name, "not a kind of file mtqa reads")
            return ""
        if size > self.opts.max_doc_bytes and kind_of(member) not in ("dump", "warc", "gz"):
            return (
                f"{name}: larger than {self.opts.max_doc_bytes:,} bytes (--max-doc-bytes); not read"
            )
        return None

    def _read_url(self, url: str) -> Iterator[SourceDoc]:
        self.meter.total = None
        try:
            page = fetch_with_retry(
                url, self.opts.timeout_s, min(self.opts.max_fetch_bytes, self.opts.max_doc_bytes)
            )
        except MtqaError as e:
            yield SourceDoc.failed(url, url, url, str(e))
            return
        if looks_like_feed(page.body, page.content_type):
            yield from read_feed(page.body, url)
            return
        yield SourceDoc(
            doc_id=url,
            source=url,
            group=_host(page.url),
            parser="html",
            mt=page.body,
            meta={"url": page.url},
        )

    # --- dumps: one document per row ---------------------------------------------------------

    def _read_dump(self, name: str, rel: str, group: str, f: IO[bytes]) -> Iterator[SourceDoc]:
        low = rel.lower()
        if low.endswith((".jsonl", ".ndjson")):
            yield from self._read_jsonl_dump(name, group, f)
        else:
            yield from self._read_table_dump(name, group, f, "\t" if low.endswith(".tsv") else ",")

    def _row_doc(
        self, name: str, group: str, number: int, row: dict[str, Any], ids: dict[str, int]
    ) -> SourceDoc:
        o = self.opts
        doc_id = f"{name}:{number}"
        raw_id = row.get(o.id_field)
        record_id = _record_id(raw_id)
        source = f"{name} line {number}" + (f" (id {record_id})" if record_id is not None else "")
        if record_id is None and raw_id not in (None, ""):
            return SourceDoc.failed(
                doc_id,
                source,
                group,
                f"{source}: field {o.id_field!r} must be a string or a whole number (got {raw_id!r})",
            )
        if record_id is not None:
            first = ids.setdefault(record_id, number)
            if first != number:
                return SourceDoc.failed(
                    doc_id,
                    source,
                    group,
                    f"{source}: duplicate id {record_id!r} (first on line {first})",
                    record_id,
                )
        text = row.get(o.text_field)
        if not isinstance(text, str) or not text.strip():
            found = ", ".join(list(row)[:20])
            return SourceDoc.failed(
                doc_id,
                source,
                group,
                f"{source}: no text in field {o.text_field!r} (--text-field; found: {found})",
                record_id,
            )
        meta = {
            k: str(v)
            for k, v in row.items()
            if k not in {o.text_field, o.src_field, o.ref_field}
            and isinstance(v, (str, int, float))
            and len(str(v)) < 500
        }
        src = _field(row, o.src_field)
        if o.src_field is not None and src is None:  # asked for, not in this row: said so
            meta[SOURCE_MISSING] = f"field {o.src_field!r}"
        return SourceDoc(
            doc_id=doc_id,
            source=source,
            group=group,
            parser="text",
            mt=text,
            src=src,
            ref=_field(row, o.ref_field),
            meta=meta,
            record_id=record_id,
        )

    def _read_jsonl_dump(self, name: str, group: str, f: IO[bytes]) -> Iterator[SourceDoc]:
        first = True
        ids: dict[str, int] = {}
        cap = self.opts.max_doc_bytes
        for number, line in enumerate(_capped_lines(f, cap), 1):
            source = f"{name} line {number}"
            doc_id = f"{name}:{number}"
            if line is None:
                yield SourceDoc.failed(
                    doc_id, source, group, f"{source}: longer than {cap:,} bytes (--max-doc-bytes)"
                )
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(decode(line, source), parse_constant=_no_json_constant)
            except MtqaError as e:
                yield SourceDoc.failed(doc_id, source, group, str(e))
                continue
            except ValueError as e:
                yield SourceDoc.failed(doc_id, source, group, f"{source}: not valid JSON ({e})")
                continue
            if not isinstance(row, dict):
                yield SourceDoc.failed(doc_id, source, group, f"{source}: expected a JSON object")
                continue
            if first and self.opts.text_field not in row and "mt" in row:
                # A file in `mtqa check`'s segment format: the whole file is one document.
                try:
                    rest = read_capped(f, max(0, cap - len(line)), name)
                except MtqaError as e:
                    yield SourceDoc.failed(name, name, group, str(e))
                    return
                yield SourceDoc(
                    doc_id=name, source=name, group=group, parser="jsonl", mt=line + rest
                )
                return
            first = False
            yield self._row_doc(name, group, number, row, ids)

    def _read_table_dump(
        self, name: str, group: str, f: IO[bytes], delimiter: str
    ) -> Iterator[SourceDoc]:
        bad: dict[int, str] = {}
        lines = _decoded_lines(f, name, bad, self.opts.max_doc_bytes)
        first = next(lines, None)
        if first is None:
            yield SourceDoc.failed(name, name, group, f"{name}: input is empty")
            return
        wanted = {self.opts.text_field, "mt"}
        if (
            delimiter == ","
            and not wanted & set(_cells(first, ","))
            and wanted & set(_cells(first, ";"))
        ):
            delimiter = ";"  # Excel's CSV in Russian and most European locales
        # strict: a quote left open would otherwise swallow the rest of the file into one field.
        reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter, strict=True)
        csv.field_size_limit(self.opts.max_doc_bytes)  # one record's field, like one document
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            yield SourceDoc.failed(name, name, group, f"{name}: input is empty")
            return
        except csv.Error as e:
            yield SourceDoc.failed(name, name, group, f"{name}: line 1: {e}")
            return
        if self.opts.text_field not in header and "mt" in [h.lower() for h in header]:
            rest = _joined_capped(lines, self.opts.max_doc_bytes, name)
            text = delimiter.join(header) + "\n" + rest
            parser: Parser = "tsv" if delimiter == "\t" else "csv"
            yield SourceDoc(doc_id=name, source=name, group=group, parser=parser, mt=text)
            return
        if self.opts.text_field not in header:
            yield SourceDoc.failed(
                name,
                name,
                group,
                f"{name}: the header has no {self.opts.text_field!r} column (--text-field); "
                f"found: {', '.join(header)}",
            )
            return
        first_line = 2
        ids: dict[str, int] = {}
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield SourceDoc.failed(
                    f"{name}:{first_line}",
                    f"{name} line {first_line}",
                    group,
                    f"{name}: the record starting on line {first_line}: {e} (a quote left open?); "
                    "the rest of the file is not read",
                )
                return
            number = reader.line_num
            start, first_line = first_line, number + 1
            if not any(c.strip() for c in cells):
                continue
            broken = [bad[n] for n in range(start, number + 1) if n in bad]
            for n in range(start, number + 1):
                bad.pop(n, None)
            if broken:
                yield SourceDoc.failed(f"{name}:{start}", f"{name} line {start}", group, broken[0])
                continue
            if len(cells) != len(header):
                yield SourceDoc.failed(
                    f"{name}:{start}",
                    f"{name} line {start}",
                    group,
                    f"{name}: line {start}: {len(cells)} fields, the header has {len(header)}",
                )
                continue
            yield self._row_doc(name, group, start, dict(zip(header, cells)), ids)


def _member_name(archive: str, member: str, seen: dict[str, int]) -> str:
    """archive!member; a name the archive holds twice (tar allows it) gets ~2, ~3 on later copies."""
    count = seen[member] = seen.get(member, 0) + 1
    return f"{archive}!{member}" + (f"~{count}" if count > 1 else "")


def _capped_lines(f: IO[bytes], cap: int) -> Iterator[bytes | None]:
    """Lines of ``f``, each read with at most ``cap`` bytes in memory; a longer line is skipped to
    its end and comes out as None."""
    while True:
        line = f.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while True:  # discard the rest of the line, a chunk at a time
                rest = f.readline(1 << 16)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _decoded_lines(f: IO[bytes], name: str, bad: dict[int, str], cap: int) -> Iterator[str]:
    """Lines of ``f`` as text; an undecodable line is replaced and its error kept in ``bad``."""
    for number, line in enumerate(_capped_lines(f, cap), 1):
        if line is None:
            raise InputError(f"{name}: line {number}: longer than {cap:,} bytes (--max-doc-bytes)")
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as e:
            bad[number] = (
                f"{name}: not valid UTF-8 at line {number}, byte {e.start + 1} "
                f"(0x{line[e.start : e.start + 1].hex()}); convert it to UTF-8"
            )
            yield line.decode("utf-8", errors="replace")


def _joined_capped(lines: Iterable[str], cap: int, name: str) -> str:
    parts: list[str] = []
    size = 0
    for line in lines:
        size += len(line)
        if size > cap:
            raise InputError(f"{name}: larger than {cap:,} bytes (--max-doc-bytes); not read")
        parts.append(line)
    return "".join(parts)


def _no_json_constant(token: str) -> object:
    raise ValueError(f"{token} is not a JSON value")


def _record_id(value: object) -> str | None:
    """A dump row's id as text; ids that are not a string or a whole number are not used."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _field(row: dict[str, Any], key: str | None) -> str | None:
    if key is None:
        return None
    value = row.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _sniff(data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if looks_like_feed(data):
        return "feed"
    return "text"


def _clean_member(member: str) -> str:
    """A member name without leading './' (tar -C dir . writes them)."""
    while member.startswith("./"):
        member = member[2:]
    return member


def _hidden(member: str) -> bool:
    return any(
        (part.startswith(".") and part not in (".", "..")) or part == "__MACOSX"
        for part in member.split("/")
    )


def _unsafe_member(member: str) -> bool:
    parts = member.replace("\\", "/").split("/")
    return member.startswith(("/", "\\")) or ".." in parts or bool(re.match(r"[A-Za-z]:", member))


def _recording_tarinfo(errors: list[Exception]) -> type[tarfile.TarInfo]:
    """A TarInfo class that notes each header error, so the end of the archive can be told from
    a header tarfile could not read (it stops silently at both)."""

    class _RecordingTarInfo(tarfile.TarInfo):
        @classmethod
        def fromtarfile(cls, tar: tarfile.TarFile) -> Self:
            try:
                return super().fromtarfile(tar)
            except tarfile.HeaderError as e:
                errors.append(e)
                raise

    return _RecordingTarInfo


def _parent(path: str) -> str:
    parent = os.path.dirname(path)
    return parent or "."


def _member_group(archive: str, member: str) -> str:
    folder = os.path.dirname(_clean_member(member))
    return f"{archive}!{folder}" if folder else archive


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url
