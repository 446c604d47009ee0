"""What every importer shares: reading a published file row by row with exact error
positions, parsing numbers, checking country codes, and writing rows in batches.

An importer never commits: the caller wraps it in ``db.transaction`` (or ``db.building``),
so any ``ImportFailure`` leaves the store as it was.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import math
import sqlite3
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from bot.store.figures import Source

BATCH = 20_000


class ImportFailure(Exception):
    """A file could not be imported. The message names the file, line and column."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, column: str | None = None):
        self.path, self.line, self.column, self.reason = str(path), line, column, message
        where = Path(path).name
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


@dataclass
class ImportReport:
    source_id: str
    file: str
    rows: int = 0
    skipped: int = 0
    unknown_codes: Counter = field(default_factory=Counter)
    registered_codes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.rows / self.seconds if self.seconds else 0.0
        text = f"{self.file}: {self.rows:,} rows into {self.source_id} ({rate:,.0f} rows/s)"
        if self.skipped:
            text += f"; {self.skipped:,} rows skipped"
        if self.unknown_codes:
            shown = ", ".join(f"{c or '(blank)'} ×{n}" for c, n in self.unknown_codes.most_common(12))
            text += f"; unknown country codes (rows skipped): {shown}"
        if self.registered_codes:
            text += f"; entities named by this file: {', '.join(self.registered_codes)}"
        return text


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def open_text(path: Path) -> io.TextIOBase:
    raw = open(path, "rb")
    magic = raw.read(2)
    raw.seek(0)
    stream = gzip.GzipFile(fileobj=raw) if magic == b"\x1f\x8b" else raw
    # utf-8-sig drops a byte-order mark (Excel and some portals write one). Undecodable bytes
    # become surrogates rather than failing a whole 8 KB block at once, so ``CsvRows`` can name
    # the line that holds them.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")


class CsvRows:
    """Iterate a CSV (plain or gzip) as (line number, list of fields) with a checked header.

    Errors of every kind (bad encoding, truncated gzip, ragged rows, csv syntax) become
    ``ImportFailure`` with the file name and line.
    """

    def __init__(self, path: Path | str, required: Sequence[str], delimiter: str = ","):
        self.path = Path(path)
        if not self.path.is_file():
            raise ImportFailure(self.path, "file not found")
        if self.path.stat().st_size == 0:
            raise ImportFailure(self.path, "the file is empty (0 bytes)", line=1)
        self._fh = open_text(self.path)
        self._reader = csv.reader(self._fh, delimiter=delimiter)
        try:
            header = self._next_row()
            if header is None:
                raise ImportFailure(self.path, "the file has no header row", line=1)
            self.header = [h.strip() for h in header]
            missing = [c for c in required if c not in self.header]
            if missing:
                raise ImportFailure(
                    self.path,
                    f"missing column(s) {', '.join(repr(m) for m in missing)}; found {', '.join(self.header) or 'none'}",
                    line=1,
                )
        except ImportFailure:
            self._fh.close()
            raise
        self.index = {name: i for i, name in enumerate(self.header)}

    def close(self) -> None:
        self._fh.close()

    def _next_row(self) -> list[str] | None:
        row = self._read_row()
        if row is not None and not all(f.isascii() for f in row):
            for f in row:  # an undecodable byte came through as a surrogate (see open_text)
                try:
                    f.encode("utf-8")
                except UnicodeEncodeError as exc:
                    byte = ord(f[exc.start]) - 0xDC00
                    raise ImportFailure(self.path, f"not UTF-8 text (byte {byte:#04x}); save the file as UTF-8",
                                        line=self._reader.line_num) from None
        return row

    def _read_row(self) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ImportFailure(self.path, f"the compressed file is damaged or ends early ({exc})",
                                line=self._reader.line_num + 1) from None
        except csv.Error as exc:
            raise ImportFailure(self.path, f"CSV syntax error: {exc}", line=self._reader.line_num) from None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        width = len(self.header)
        try:
            while True:
                row = self._next_row()
                if row is None:
                    return
                if not row:  # blank line
                    continue
                if len(row) != width:
                    raise ImportFailure(self.path, f"expected {width} fields, found {len(row)}",
                                        line=self._reader.line_num)
                yield self._reader.line_num, row
        finally:
            self._fh.close()


def parse_number(text: str, path: Path, line: int, column: str, *, allow_empty: bool = True) -> float | None:
    """A finite float, None for an empty cell (or NA) when allowed; else ImportFailure."""
    t = text.strip()
    if t == "" or t in ("NA", "NaN", "nan", ".."):
        if allow_empty:
            return None
        raise ImportFailure(path, "empty value where a number is required", line, column)
    try:
        v = float(t)
    except ValueError:
        raise ImportFailure(path, f"not a number: {t[:40]!r}", line, column) from None
    if not math.isfinite(v):
        raise ImportFailure(path, f"not a finite number: {t[:40]!r}", line, column)
    return v


def parse_year(text: str, path: Path, line: int, column: str) -> int:
    t = text.strip()
    try:
        y = float(t)
    except ValueError:
        raise ImportFailure(path, f"not a year: {t[:40]!r}", line, column) from None
    if not y.is_integer() or not 1900 <= y <= 2100:
        raise ImportFailure(path, f"not a plausible year: {t[:40]!r}", line, column)
    return int(y)


class CountryCodes:
    """The codes the store knows; counts unknown ones so the importer can report them."""

    def __init__(self, conn: sqlite3.Connection, report: ImportReport, origin: str):
        self.conn, self.report, self.origin = conn, report, origin
        self.known = {row[0] for row in conn.execute("SELECT code FROM countries")}

    def check(self, code: str) -> str | None:
        code = code.strip().upper()
        if code in self.known:
            return code
        self.report.unknown_codes[code] += 1
        return None

    def register(self, code: str, name: str, kind: str) -> str | None:
        """Add an entity the file itself names (historic states, groups); returns the code."""
        code, name = code.strip().upper(), name.strip()
        if not code or not name:
            return self.check(code)
        if code not in self.known:
            self.conn.execute(
                "INSERT INTO countries(code, name, kind, origin) VALUES (?, ?, ?, ?)", (code, name, kind, self.origin))
            self.conn.execute(
                "INSERT OR IGNORE INTO country_names(code, lang, name, kind, origin) VALUES (?, 'en', ?, 'source', ?)",
                (code, name, self.origin))
            self.known.add(code)
            self.report.registered_codes.append(code)
        return code


def register_source(conn: sqlite3.Connection, source: Source, unit_factor: float) -> None:
    conn.execute(
        """INSERT OR REPLACE INTO sources(id, name, publisher, version, licence, citation, valuation, unit,
               unit_factor, url, coverage, notes, priority, kind)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
        (source.id, source.name, source.publisher, source.version, source.licence, source.citation,
         source.valuation, source.unit, unit_factor, source.url, source.coverage, source.notes,
         source.priority, source.kind),
    )


def record_file(conn: sqlite3.Connection, report: ImportReport, path: Path) -> None:
    from bot.store.db import now_utc

    conn.execute(
        "INSERT OR REPLACE INTO source_files(source_id, file_name, sha256, rows, skipped, imported_at) VALUES (?,?,?,?,?,?)",
        (report.source_id, path.name, sha256_of(path), report.rows, report.skipped, now_utc()),
    )
    conn.execute("DELETE FROM import_issues WHERE source_id=? AND file_name=?", (report.source_id, path.name))
    conn.executemany(
        "INSERT INTO import_issues(source_id, file_name, kind, detail, count) VALUES (?, ?, 'unknown_code', ?, ?)",
        [(report.source_id, path.name, code or "(blank)", n) for code, n in report.unknown_codes.items()],
    )


class BatchWriter:
    """Insert rows in batches. A duplicate key is an error that names the file's line.

    Rows are given as (line, values). Each batch runs in a savepoint: on an integrity error
    the batch is rolled back (``executemany`` has already inserted the rows before the failing
    one) and replayed row by row to find the exact line, then the error propagates and the
    caller's transaction rolls everything back.
    """

    def __init__(self, conn: sqlite3.Connection, sql: str, path: Path, key_desc: str, progress=None):
        self.conn, self.sql, self.path, self.key_desc, self.progress = conn, sql, path, key_desc, progress
        self.lines: list[int] = []
        self.rows: list[tuple] = []
        self.count = 0

    def add(self, line: int, values: tuple) -> None:
        self.lines.append(line)
        self.rows.append(values)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        self.conn.execute("SAVEPOINT batch")
        try:
            self.conn.executemany(self.sql, self.rows)
        except sqlite3.IntegrityError:
            self.conn.execute("ROLLBACK TO batch")
            self.conn.execute("RELEASE batch")
            self._locate_duplicate()
            raise
        self.conn.execute("RELEASE batch")
        self.count += len(self.rows)
        if self.progress is not None:
            self.progress.update(len(self.rows))
        self.lines.clear()
        self.rows.clear()

    def _locate_duplicate(self) -> None:
        self.conn.execute("SAVEPOINT locate")
        try:
            for line, row in zip(self.lines, self.rows):
                try:
                    self.conn.execute(self.sql, row)
                except sqlite3.IntegrityError:
                    raise ImportFailure(self.path, f"duplicate row: the same {self.key_desc} appears twice", line) from None
        finally:
            self.conn.execute("ROLLBACK TO locate")
            self.conn.execute("RELEASE locate")


def progress_bar(desc: str, enabled: bool, total: int | None = None):
    """A tqdm bar counting rows (shows rows/s); a no-op object when disabled."""
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=" rows", unit_scale=True, mininterval=0.5, leave=True)


class _NoBar:
    def update(self, n: int) -> None:  # noqa: D401 - same API as tqdm
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


@dataclass
class Importer:
    """A published format: its name, what it is, and the function that loads one file."""

    name: str
    description: str
    load: Callable[..., ImportReport]  # load(conn, path, *, progress: bool) -> ImportReport
    suffixes: tuple[str, ...] = (".csv", ".csv.gz")


def timed(report: ImportReport, start: float) -> ImportReport:
    report.seconds = time.perf_counter() - start
    return report


def delete_source_rows(conn: sqlite3.Connection, source_id: str, tables: Iterable[str], where: str = "", params: tuple = ()) -> None:
    """Remove a source's rows (in its scope) before re-importing it, so re-imports never duplicate."""
    for table in tables:
        conn.execute(f"DELETE FROM {table} WHERE source_id = ? {where}", (source_id, *params))
