"""Files, directory trees, globs and archives (.gz, .zip, .tar*, WARC), read as a stream of documents.

Members are visited in a fixed order (sorted directory walks, archive order), so two runs over the
same inputs see the same documents in the same order: the batch's resume relies on it.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import os
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mtqa.errors import InputError, MtqaError
from mtqa.io.decode import decode
from mtqa.io.sources import SourceDoc, SourceOptions
from mtqa.io.sources.feeds import read_feed
from mtqa.io.sources.fetch import fetch, is_url, looks_like_feed

FEED_SUFFIXES = (".xml", ".rss", ".atom")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md")
DUMP_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
ARCHIVE_ERRORS = (OSError, EOFError, zlib.error, tarfile.TarError, zipfile.BadZipFile, ValueError)


class Meter:
    """Bytes of input files read so far, for progress and ETA (total is None for URLs)."""

    def __init__(self) -> None:
        self.done = 0
        self.total: int | None = 0


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


def iter_units(inputs: Iterable[str]) -> Iterator[Unit]:
    """Files and URLs named by ``inputs`` (paths, directories walked in sorted order, globs, URLs).

    Raises InputError for an input that names nothing."""
    seen: set[str] = set()
    for item in inputs:
        for unit in _expand(item):
            if unit.location not in seen:
                seen.add(unit.location)
                yield unit


def _expand(item: str) -> Iterator[Unit]:
    if is_url(item):
        yield Unit(item, Path(item.split("?")[0]).name or "index.html", True)
        return
    path = Path(item)
    if path.is_dir():
        yield from _walk(path)
        return
    if path.is_file():
        yield Unit(item, path.name, True)
        return
    if glob.has_magic(item):
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            raise InputError(f"{item}: the pattern matches no files")
        for match in matches:
            if Path(match).is_dir():
                yield from _walk(Path(match))
            else:
                yield Unit(match, Path(match).name, True)
        return
    raise InputError(f"{item}: no such file, directory or URL")


def _walk(root: Path) -> Iterator[Unit]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            full = Path(dirpath) / name
            yield Unit(str(full), full.relative_to(root).as_posix(), False)


def input_bytes(units: Iterable[Unit]) -> int | None:
    """Total size of the units' files, or None when a URL makes it unknown."""
    total = 0
    for unit in units:
        if is_url(unit.location):
            return None
        try:
            total += os.path.getsize(unit.location)
        except OSError:
            pass
    return total


class Reader:
    """Turns units into documents, following the options for dumps and paired trees."""

    def __init__(self, opts: SourceOptions = SourceOptions(), meter: Meter | None = None) -> None:
        self.opts = opts
        self.meter = meter or Meter()

    def documents(self, units: Iterable[Unit]) -> Iterator[SourceDoc]:
        for unit in units:
            yield from self.read_unit(unit)

    def read_unit(self, unit: Unit) -> Iterator[SourceDoc]:
        loc = unit.location
        if is_url(loc):
            yield from self._read_url(loc)
            return
        kind = kind_of(loc)
        if kind == "unknown" and not unit.explicit:
            return
        group = _parent(loc)
        try:
            raw = open(loc, "rb")  # noqa: SIM115 - closed by the reader below
        except OSError as e:
            yield SourceDoc.failed(loc, loc, group, f"{loc}: cannot read ({e.strerror})")
            return
        with io.BufferedReader(_CountingReader(raw, self.meter), 1 << 16) as f:
            if kind == "zip":
                yield from self._read_zip(loc)
            elif kind == "tar":
                yield from self._read_tar(loc, f)
            elif kind == "warc":
                yield from self._read_warc(loc, f, loc)
            else:
                yield from self._read_leaf(loc, unit.rel, group, f, unit.explicit)

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
                if info.is_dir() or _hidden(info.filename):
                    continue
                name = _member_name(loc, info.filename, seen)
                if kind_of(info.filename) == "unknown":
                    continue
                try:
                    with archive.open(info) as member:
                        yield from self._read_leaf(
                            name, info.filename, _member_group(loc, info.filename), member, False
                        )
                except ARCHIVE_ERRORS as e:
                    yield SourceDoc.failed(
                        name, name, _member_group(loc, info.filename), f"{name}: corrupt member ({e})"
                    )
        self.meter.done += os.path.getsize(loc)

    def _read_tar(self, loc: str, f: IO[bytes]) -> Iterator[SourceDoc]:
        last = "the start"
        try:
            # Stream mode ("r|*"): members are read in order without seeking, memory stays flat.
            seen: dict[str, int] = {}
            with tarfile.open(fileobj=f, mode="r|*") as archive:
                for info in archive:
                    last = info.name
                    archive.members.clear()  # tarfile keeps every header it has read; we need none
                    if not info.isfile() or _hidden(info.name) or kind_of(info.name) == "unknown":
                        continue
                    name = _member_name(loc, info.name, seen)
                    member = archive.extractfile(info)
                    if member is None:
                        continue
                    yield from self._read_leaf(
                        name, info.name, _member_group(loc, info.name), member, False
                    )
        except ARCHIVE_ERRORS as e:
            where = f"{loc}!{last}"
            yield SourceDoc.failed(
                f"{loc}!<corrupt after {last}>", where, loc, f"{loc}: corrupt archive after {last} ({e})"
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
                body = record.content_stream().read()
                meta = {"url": uri, "date": record.rec_headers.get_header("WARC-Date") or ""}
                yield SourceDoc(
                    doc_id=doc_id,
                    source=source,
                    group=f"{group}!{_host(uri)}" if uri else group,
                    parser="html",
                    mt=body,
                    meta={k: v for k, v in meta.items() if v},
                )
        except (ArchiveLoadFailed, *ARCHIVE_ERRORS) as e:
            yield SourceDoc.failed(
                f"{loc}#<corrupt after record {number}>",
                loc,
                group,
                f"{loc}: corrupt WARC after record {number} ({e})",
            )

    # --- single files ------------------------------------------------------------------------

    def _read_leaf(
        self, name: str, rel: str, group: str, f: IO[bytes], explicit: bool
    ) -> Iterator[SourceDoc]:
        kind = kind_of(rel)
        if kind == "gz":
            inner = name[: -len(".gz")]
            try:
                with gzip.GzipFile(fileobj=f) as g:
                    if kind_of(rel[: -len(".gz")]) in ("dump", "warc"):
                        yield from self._read_leaf(inner, rel[: -len(".gz")], group, g, explicit)  # type: ignore[arg-type]
                        return
                    data = g.read()
            except ARCHIVE_ERRORS as e:
                yield SourceDoc.failed(name, name, group, f"{name}: corrupt gzip data ({e})")
                return
            yield from self._read_leaf(inner, rel[: -len(".gz")], group, io.BytesIO(data), explicit)
            return
        if kind == "dump":
            yield from self._read_dump(name, rel, group, f)
            return
        if kind == "warc":
            yield from self._read_warc(name, f, name)
            return
        if kind == "unknown" and not explicit:
            return
        data = f.read()
        if kind == "unknown":
            kind = _sniff(data)
        if kind == "feed" or (kind == "unknown" and looks_like_feed(data)):
            yield from read_feed(data, name)
            return
        parser = "html" if kind == "html" else "text"
        yield SourceDoc(
            doc_id=name,
            source=name,
            group=group,
            parser=parser,
            mt=data,
            src=self._paired(self.opts.src_tree, rel),
            ref=self._paired(self.opts.ref_tree, rel),
        )

    def _paired(self, tree: str | None, rel: str) -> bytes | None:
        if tree is None:
            return None
        for candidate in (Path(tree) / rel, Path(tree) / f"{rel}.gz"):
            if candidate.is_file():
                data = candidate.read_bytes()
                return gzip.decompress(data) if candidate.suffix == ".gz" else data
        return None

    def _read_url(self, url: str) -> Iterator[SourceDoc]:
        self.meter.total = None
        try:
            page = fetch(url, self.opts.timeout_s, self.opts.max_fetch_bytes)
        except MtqaError as e:
            yield SourceDoc.failed(url, url, url, str(e))
            return
        if looks_like_feed(page.body, page.content_type):
            yield from read_feed(page.body, url)
            return
        yield SourceDoc(
            doc_id=url, source=url, group=_host(page.url), parser="html", mt=page.body,
            meta={"url": page.url},
        )

    # --- dumps: one document per row ---------------------------------------------------------

    def _read_dump(self, name: str, rel: str, group: str, f: IO[bytes]) -> Iterator[SourceDoc]:
        low = rel.lower()
        if low.endswith((".jsonl", ".ndjson")):
            yield from self._read_jsonl_dump(name, group, f)
        else:
            yield from self._read_table_dump(name, group, f, "\t" if low.endswith(".tsv") else ",")

    def _row_doc(self, name: str, group: str, number: int, row: dict[str, Any]) -> SourceDoc:
        o = self.opts
        doc_id = f"{name}:{number}"
        source = f"{name} line {number}"
        text = row.get(o.text_field)
        if not isinstance(text, str) or not text.strip():
            found = ", ".join(map(str, row)) or "none"
            return SourceDoc.failed(
                doc_id, source, group, f"{source}: no text in field {o.text_field!r} (fields: {found})"
            )
        meta = {k: str(v) for k, v in row.items() if k not in {o.text_field, o.src_field, o.ref_field}
                and isinstance(v, (str, int, float)) and len(str(v)) < 500}
        return SourceDoc(
            doc_id=doc_id,
            source=source,
            group=group,
            parser="text",
            mt=text,
            src=_field(row, o.src_field),
            ref=_field(row, o.ref_field),
            meta=meta,
        )

    def _read_jsonl_dump(self, name: str, group: str, f: IO[bytes]) -> Iterator[SourceDoc]:
        first = True
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            source = f"{name} line {number}"
            doc_id = f"{name}:{number}"
            try:
                row = json.loads(decode(line, source))
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
                yield SourceDoc(doc_id=name, source=name, group=group, parser="jsonl", mt=line + f.read())
                return
            first = False
            yield self._row_doc(name, group, number, row)

    def _read_table_dump(
        self, name: str, group: str, f: IO[bytes], delimiter: str
    ) -> Iterator[SourceDoc]:
        bad: dict[int, str] = {}
        lines = _decoded_lines(f, name, bad)
        reader = csv.reader(lines, delimiter=delimiter)
        csv.field_size_limit(1 << 30)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return
        except csv.Error as e:
            yield SourceDoc.failed(name, name, group, f"{name}: line 1: {e}")
            return
        if self.opts.text_field not in header and "mt" in [h.lower() for h in header]:
            rest = "".join(lines)
            text = delimiter.join(header) + "\n" + rest
            parser = "tsv" if delimiter == "\t" else "csv"
            yield SourceDoc(doc_id=name, source=name, group=group, parser=parser, mt=text)
            return
        if self.opts.text_field not in header:
            yield SourceDoc.failed(
                name, name, group,
                f"{name}: the header has no {self.opts.text_field!r} column (--text-field); "
                f"found: {', '.join(header)}",
            )
            return
        first_line = 2
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                number = reader.line_num
                yield SourceDoc.failed(f"{name}:{number}", f"{name} line {number}", group, f"{name}: line {number}: {e}")
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
                    f"{name}:{start}", f"{name} line {start}", group,
                    f"{name}: line {start}: {len(cells)} fields, the header has {len(header)}",
                )
                continue
            yield self._row_doc(name, group, start, dict(zip(header, cells)))


def _member_name(archive: str, member: str, seen: dict[str, int]) -> str:
    """archive!member; a name the archive holds twice (tar allows it) gets ~2, ~3 on later copies."""
    count = seen[member] = seen.get(member, 0) + 1
    return f"{archive}!{member}" + (f"~{count}" if count > 1 else "")


def _decoded_lines(f: IO[bytes], name: str, bad: dict[int, str]) -> Iterator[str]:
    """Lines of ``f`` as text; an undecodable line is replaced and its error kept in ``bad``."""
    for number, line in enumerate(f, 1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as e:
            bad[number] = (
                f"{name}: not valid UTF-8 at line {number}, byte {e.start + 1} "
                f"(0x{line[e.start:e.start + 1].hex()}); convert it to UTF-8"
            )
            yield line.decode("utf-8", errors="replace")


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


def _hidden(member: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in member.split("/"))


def _parent(path: str) -> str:
    parent = os.path.dirname(path)
    return parent or "."


def _member_group(archive: str, member: str) -> str:
    folder = os.path.dirname(member)
    return f"{archive}!{folder}" if folder else archive


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url
