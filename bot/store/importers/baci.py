"""CEPII BACI: bilateral trade by HS6 product, reconciled from UN Comtrade mirror flows.

One release (``BACI_HS17_V202401.zip``) unpacks to one CSV per year plus two companions:

- ``BACI_HS17_Y2016_V202401.csv``: header ``t,i,j,k,v,q`` -- year, exporter, importer
  (CEPII's numeric country codes: ISO 3166 numeric, except the UN Comtrade areas such as
  842 USA, 251 France, 699 India), HS6 product (an integer: ``10121`` is 010121), value in
  THOUSANDS of current US$ (FOB), quantity in metric tons (blank or ``NA`` when unknown);
- ``country_codes_V202401.csv``: ``country_code,country_name,country_iso2,country_iso3``
  (releases before 2023: ``country_code,country_name_abbreviation,country_name_full,
  iso_2digit_alpha,iso_3digit_alpha``);
- ``product_codes_HS17_V202401.csv``: ``code,description``.

All three are imported with format ``baci``; the kind of file is told by its header. Trade
rows: reporter = exporter ISO3, partner = importer ISO3, flow ``export``, product = HS6,
value_usd = v x 1000, quantity = q, source ``baci_hs17`` (revision and version from the file
name). Country codes are mapped with the ``country_codes`` file given earlier in the same
import call, else the one CEPII ships beside the year file (same version), else the store's
ISO numeric codes plus Comtrade's own; codes that map to no country of the store are
counted and reported (rows skipped), never silently dropped.

Re-importing a year replaces that source-year (its rows are deleted first), so rows never
duplicate; the same exporter-importer-product twice in one file is an error naming the line.

Speed: the file is read in raw blocks on a helper thread. A block that is plain (ASCII, no
quotes, six fields on every line, no blank line) is parsed by pandas' C reader and
converted with numpy; any other block goes through the pure-Python reader, which is the
reference: it checks every field and reports file, line and column. Rows are inserted
with multi-row INSERT statements (hundreds of rows per statement), sorted within a block
in primary-key order. Product rows are not in the (partial, totals-only) secondary index,
so the primary key is the only b-tree an import writes. ``TRADEFACTS_BACI_ENGINE=python`` forces
the pure-Python reader (the benchmark uses it to compare both).
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import queue
import re
import sqlite3
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from itertools import chain
from typing import Iterator, Sequence

from bot.store.figures import Source
from bot.store.importers.base import (CsvRows, ImportFailure, ImportReport, parse_number, parse_year, progress_bar, record_file,
                                      register_source, timed)
from bot.store.importers.comtrade import NotedReport, numeric_codes

HEADER = ["t", "i", "j", "k", "v", "q"]
FACTOR = 1000.0  # v is in thousands of US$
NA = frozenset({"", "NA"})  # missing quantity (the pandas reader is told the same set)
HS_REVISIONS = {"92": "HS 1992", "96": "HS 1996", "02": "HS 2002", "07": "HS 2007", "12": "HS 2012",
                "17": "HS 2017", "22": "HS 2022"}
_HS = re.compile(r"HS(\d\d)", re.IGNORECASE)
_VERSION = re.compile(r"_V(\d{6}[a-z]?)", re.IGNORECASE)
BLOCK_BYTES = 4 << 20
ROWS_PER_STATEMENT = 500
CODES_SOURCE = "baci_country_codes"
_TEMP = "baci_country_codes"


def source_for(hs: str, version: str) -> Source:
    return Source(
        id=f"baci_hs{hs}", name=f"CEPII BACI, bilateral trade by HS6 product ({HS_REVISIONS.get(hs, 'HS' + hs)})",
        publisher="CEPII", version=f"V{version}", licence="Etalab Open Licence 2.0",
        citation="CEPII BACI (Gaulier & Zignago 2010)", valuation="FOB (CEPII reconciled mirror flows)",
        unit="US$ thousand", url="https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37", priority=5,
        kind="product_trade", coverage="bilateral trade by HS6 product, about 200 countries, as imported",
        notes="v (thousands of current US$) x 1000 = value_usd; q = quantity in metric tons. "
              "Exporter = reporter, importer = partner, flow export (the importer's side is the same row).")


def _name_parts(path: Path) -> tuple[str, str]:
    hs, version = _HS.search(path.name), _VERSION.search(path.name)
    if not hs or not version:
        raise ImportFailure(path, "cannot tell the HS revision and BACI version from the file name; keep CEPII's"
                            " name, e.g. BACI_HS17_Y2016_V202401.csv")
    return hs.group(1), version.group(1)


# --- dispatch --------------------------------------------------------------------------------
def load(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    """A BACI year file, ``country_codes_V*.csv`` or ``product_codes_HS*_V*.csv`` (by header)."""
    sniff = CsvRows(path, required=[])
    header = sniff.header
    sniff.close()
    if "country_code" in header:
        return load_country_codes(conn, path, progress=progress)
    if header == ["code", "description"]:
        return load_product_codes(conn, path, progress=progress)
    if sum(h in HEADER for h in header) >= 3:
        missing = [h for h in HEADER if h not in header]
        if missing or header != HEADER:
            raise ImportFailure(path, f"missing column(s) {', '.join(repr(m) for m in missing)}; found {','.join(header)};"
                                " a BACI year file has the header t,i,j,k,v,q" if missing else
                                f"unexpected header {','.join(header)}; a BACI year file has t,i,j,k,v,q", line=1)
        return load_trade(conn, path, progress=progress)
    raise ImportFailure(path, f"not a BACI file: header {','.join(header) or '(empty)'}; expected t,i,j,k,v,q"
                        " (year file), country_code,... (country codes) or code,description (product codes)", line=1)


# --- companions ---------------------------------------------------------------------------
def load_country_codes(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    """Keep CEPII's code -> ISO3 table for the rest of this import call (a TEMP table of the
    connection: nothing is written to the store but the file's provenance)."""
    start = time.perf_counter()
    rows = CsvRows(path, required=["country_code"])
    c = rows.index
    iso_col = next((n for n in ("country_iso3", "iso_3digit_alpha") if n in c), None)
    name_col = next((n for n in ("country_name", "country_name_full", "country_name_abbreviation") if n in c), None)
    if iso_col is None or name_col is None:
        rows._fh.close()
        raise ImportFailure(path, "missing column(s) 'country_iso3' and/or 'country_name' (or the pre-2023"
                            f" 'iso_3digit_alpha', 'country_name_full'); found {','.join(rows.header)}", line=1)
    version = _VERSION.search(path.name)
    report = NotedReport(CODES_SOURCE, path.name)
    register_source(conn, Source(
        id=CODES_SOURCE, name="CEPII BACI country codes", publisher="CEPII",
        version=f"V{version.group(1)}" if version else path.name, licence="Etalab Open Licence 2.0",
        citation="CEPII BACI (Gaulier & Zignago 2010)", valuation="", unit="", kind="reference",
        url="https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37"), 1.0)
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_TEMP}(code INTEGER PRIMARY KEY, iso3 TEXT, name TEXT, file TEXT)")
    conn.execute(f"DELETE FROM temp.{_TEMP}")
    known = {code for (code,) in conn.execute("SELECT code FROM countries")}
    seen: dict[int, int] = {}
    out, not_in_store = [], []
    for line, r in rows:
        text = r[c["country_code"]].strip()
        if not text.isdigit():
            raise ImportFailure(path, f"not a country code: {text[:40]!r}", line, "country_code")
        code = int(text)
        if code in seen:
            raise ImportFailure(path, f"duplicate row: country code {code} already on line {seen[code]}", line)
        seen[code] = line
        iso3 = r[c[iso_col]].strip().upper()
        iso3 = iso3 if re.fullmatch(r"[A-Z0-9]{3}", iso3) else ""
        name = r[c[name_col]].strip()
        out.append((code, iso3 or None, name, path.name))
        if iso3 not in known:
            not_in_store.append(f"{code} {iso3 or '-'} ({name})")
    conn.executemany(f"INSERT INTO temp.{_TEMP}(code, iso3, name, file) VALUES (?,?,?,?)", out)
    report.rows = len(out)
    if not_in_store:
        report.notes.append(f"{len(not_in_store)} code(s) with no country in the store (their rows will be skipped):"
                            f" {', '.join(not_in_store[:12])}{' ...' if len(not_in_store) > 12 else ''}")
    record_file(conn, report, path)
    return timed(report, start)


def load_product_codes(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    """HS6 descriptions of the release; adds the codes the store does not know yet."""
    start = time.perf_counter()
    hs, version = _name_parts(path)
    source = source_for(hs, version)
    register_source(conn, source, FACTOR)
    report = NotedReport(source.id, path.name)
    rows = CsvRows(path, required=["code", "description"])
    c = rows.index
    out = []
    for line, r in rows:
        code = _product(r[c["code"]], path, line, "code")
        parent = code[:4] if code.isdigit() else None
        out.append((code, 6, r[c["description"]].strip(), parent))
    before = conn.total_changes
    conn.executemany("INSERT OR IGNORE INTO products(code, level, description, parent) VALUES (?,?,?,?)", out)
    report.rows = len(out)
    report.notes.append(f"{conn.total_changes - before:,} product code(s) new to the store")
    record_file(conn, report, path)
    return timed(report, start)


def _companion(conn: sqlite3.Connection) -> tuple[dict[int, tuple[str | None, str]], str] | None:
    exists = conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = ?", (_TEMP,)).fetchone()
    if not exists:
        return None
    rows = conn.execute(f"SELECT code, iso3, name, file FROM temp.{_TEMP}").fetchall()
    if not rows:
        return None
    return {code: (iso3, name) for code, iso3, name, _ in rows}, rows[0][3]


def _country_map(conn: sqlite3.Connection, path: Path, version: str, report: NotedReport) -> tuple[dict, dict]:
    """numeric code -> store code (None when unknown), and code -> label for the report."""
    known = {code for (code,) in conn.execute("SELECT code FROM countries")}
    table = _companion(conn)
    if table is None:
        for name in (f"country_codes_V{version}.csv", f"country_codes_V{version}.csv.gz"):
            sibling = path.with_name(name)
            if sibling.is_file():
                load_country_codes(conn, sibling)
                report.notes.append(f"country codes from {name} (found beside the file)")
                table = _companion(conn)
                break
    if table is None:
        report.notes.append("country codes mapped with the store's ISO numeric codes (no country_codes file given)")
        return numeric_codes(conn), {}
    codes, file_name = table
    mapping = {num: (iso3 if iso3 in known else None) for num, (iso3, _) in codes.items()}
    labels = {num: f"{num} ({iso3 or '-'} {name})" for num, (iso3, name) in codes.items()}
    if not any("found beside" in n for n in report.notes):
        report.notes.append(f"country codes from {file_name}")
    return mapping, labels


def _product(text: str, path: Path, line: int, column: str) -> str:
    """HS6 code: an integer 10000..999999 zero-padded to 6 digits (CSV readers drop the
    leading zero), or a 6-character code with letters (CEPII's ``9999AA``)."""
    t = text.strip()
    if t.isdigit():
        n = int(t)
        if 10000 <= n <= 999999:
            return f"{n:06d}"
    elif len(t) == 6 and t.isalnum() and t.isascii():
        return t.upper()
    raise ImportFailure(path, f"not an HS6 product code: {t[:40]!r}", line, column)


# --- the year file ------------------------------------------------------------------------------
@dataclass
class _Batch:
    """Rows ready to insert. ``params()`` is flat (reporter, partner, product, value, quantity)*n.

    The fast path hands over numpy columns and the flat list is built on the inserting
    thread (building millions of Python objects holds the GIL: done there it does not
    stall the inserts, which release the GIL while SQLite works)."""

    year: int
    flat: list | None
    lines: Sequence  # the file line of each row, in params order
    skipped: int
    unknown: Counter
    columns: tuple | None = None

    def params(self) -> list:
        if self.flat is None:
            reporter, partner, product, value, quantity = self.columns
            qty = quantity.tolist()
            for i in _nan_positions(quantity):
                qty[i] = None
            self.flat = list(chain.from_iterable(zip(reporter.tolist(), partner.tolist(), product.tolist(),
                                                     value.tolist(), qty)))
            self.columns = None
        return self.flat


def _nan_positions(a) -> list:
    import numpy as np

    return np.flatnonzero(np.isnan(a)).tolist()


def load_trade(conn: sqlite3.Connection, path: Path, *, progress: bool = False) -> ImportReport:
    start = time.perf_counter()
    hs, version = _name_parts(path)
    source = source_for(hs, version)
    register_source(conn, source, FACTOR)
    report = NotedReport(source.id, path.name)
    mapping, labels = _country_map(conn, path, version, report)
    engine = os.environ.get("TRADEFACTS_BACI_ENGINE", "pandas")
    parser = _Parser(path, mapping, labels, use_pandas=engine != "python")
    if not parser.use_pandas:
        report.notes.append("pure-Python reader")
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if hasattr(conn, "getlimit") else 999
    per = max(1, min(ROWS_PER_STATEMENT, limit // 5))
    statements: dict[tuple[int, int], str] = {}
    cleared: set[int] = set()
    deleted = 0
    with progress_bar(path.name, progress) as bar:
        for batch in _prefetch(parser.batches()):
            if batch.year not in cleared:
                # reporter and partner IN (countries): one primary-key seek per pair-year,
                # not a scan of every row of the table
                deleted += conn.execute("DELETE FROM trade WHERE reporter IN (SELECT code FROM countries)"
                                        " AND partner IN (SELECT code FROM countries) AND year = ? AND source_id = ?",
                                        (batch.year, source.id)).rowcount
                cleared.add(batch.year)
            report.skipped += batch.skipped
            report.unknown_codes.update(batch.unknown)
            params, n = batch.params(), len(batch.lines)
            for s in range(0, n, per):
                m = min(per, n - s)
                sql = statements.get((batch.year, m))
                if sql is None:
                    one = f"(?,?,{batch.year},'export',?,'{source.id}',?,?)"
                    sql = statements[(batch.year, m)] = (
                        "INSERT INTO trade(reporter, partner, year, flow, product, source_id, value_usd, quantity)"
                        " VALUES " + ",".join([one] * m))
                try:
                    conn.execute(sql, params[s * 5:(s + m) * 5])
                except sqlite3.IntegrityError:
                    _locate_duplicate(conn, path, source.id, batch, s, m)
                    raise
            report.rows += n
            bar.update(n)
    if report.rows == 0:
        if report.skipped:
            shown = ", ".join(c for c, _ in report.unknown_codes.most_common(8))
            raise ImportFailure(path, f"no row could be mapped to the store's countries (unknown codes: {shown});"
                                " import the release's country_codes file in the same call")
        raise ImportFailure(path, "no data rows under the header")
    from bot.store.db import keep_exact_trade_coverage

    keep_exact_trade_coverage(conn, source.id, deleted, report.rows, cleared)
    record_file(conn, report, path)
    return timed(report, start)


def _locate_duplicate(conn: sqlite3.Connection, path: Path, source_id: str, batch: _Batch, s: int, m: int) -> None:
    sql = ("INSERT INTO trade(reporter, partner, year, flow, product, source_id, value_usd, quantity)"
           f" VALUES (?,?,{batch.year},'export',?,'{source_id}',?,?)")
    conn.execute("SAVEPOINT baci_locate")
    try:
        for r in range(s, s + m):
            row = batch.params()[r * 5:(r + 1) * 5]
            try:
                conn.execute(sql, row)
            except sqlite3.IntegrityError:
                raise ImportFailure(path, f"duplicate row: exporter, importer and product ({row[0]}->{row[1]}"
                                    f" {row[2]}, year {batch.year}) already appear on an earlier line",
                                    int(batch.lines[r])) from None
    finally:
        conn.execute("ROLLBACK TO baci_locate")
        conn.execute("RELEASE baci_locate")


class _Parser:
    """Turns the year file into ``_Batch``es (runs on the helper thread; no SQL here)."""

    def __init__(self, path: Path, mapping: dict, labels: dict, use_pandas: bool):
        self.path, self.mapping, self.labels = path, mapping, labels
        self.use_pandas = use_pandas
        if use_pandas:
            try:
                import numpy  # noqa: F401
                import pandas  # noqa: F401
            except ImportError:  # pragma: no cover - pandas is a dependency
                self.use_pandas = False
        self.years: dict[str, int] = {}
        self.codes: dict[str, int] = {}
        self.products: dict[str, str] = {}

    def label(self, code: int) -> str:
        return self.labels.get(code, f"{code} (not in the country codes)" if self.labels else str(code))

    def batches(self) -> Iterator[_Batch]:
        for first_line, block in self.blocks():
            fast = self.fast(block, first_line) if self.use_pandas else None
            if fast is not None:
                yield fast
            else:
                yield from self.slow(block, first_line)

    # raw blocks of whole lines ----------------------------------------------------------
    def blocks(self) -> Iterator[tuple[int, bytes]]:
        path = self.path
        raw = open(path, "rb")
        try:
            stream = gzip.GzipFile(fileobj=raw) if raw.read(2) == b"\x1f\x8b" else raw
            raw.seek(0)
            line = 1
            carry = b""
            header_done = False
            while True:
                try:
                    chunk = stream.read(BLOCK_BYTES)
                except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
                    raise ImportFailure(path, f"the compressed file is damaged or ends early ({exc})",
                                        line=line + carry.count(b"\n")) from None
                data = carry + chunk if carry else chunk
                if not header_done:
                    if b"\n" not in data and chunk:
                        carry = data
                        continue
                    cut = data.find(b"\n")
                    data = data[cut + 1:] if cut >= 0 else b""
                    header_done, line = True, 2
                if not chunk:
                    if data:
                        yield line, data
                    return
                cut = data.rfind(b"\n")
                if cut < 0:
                    carry = data
                    continue
                block, carry = data[:cut + 1], data[cut + 1:]
                yield line, block
                line += block.count(b"\n")
        finally:
            raw.close()

    # fast path: pandas for plain blocks -------------------------------------------------
    def fast(self, block: bytes, first_line: int) -> _Batch | None:
        import numpy as np
        import pandas as pd

        n = block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
        if (block.count(b",") != 5 * n or not block.isascii() or b'"' in block or b"+" in block
                or b"\n\n" in block or b"\n\r\n" in block or block[:1] in (b"\n", b"\r")):
            return None
        try:
            df = pd.read_csv(io.BytesIO(block), header=None, names=HEADER, engine="c",
                             dtype={"t": "int64", "i": "int64", "j": "int64", "k": "int64", "v": "float64",
                                    "q": "float64"},
                             keep_default_na=False, na_values={"q": sorted(NA)}, skip_blank_lines=False)
        except (ValueError, TypeError, pd.errors.ParserError):
            return None
        if len(df) != n:
            return None
        t, i, j, k = (df[c].to_numpy() for c in ("t", "i", "j", "k"))
        v, q = df["v"].to_numpy(), df["q"].to_numpy()
        year = int(t[0])
        if (not 1900 <= year <= 2100 or (t != year).any() or i.min() < 0 or j.min() < 0 or k.min() < 10000
                or k.max() > 999999 or not np.isfinite(v).all() or np.isinf(q).any()):
            return None  # the reference reader reports the exact problem (or splits years)
        inv_i, ui = pd.factorize(i)
        inv_j, uj = pd.factorize(j)
        inv_k, uk = pd.factorize(k)
        rep_u = np.array([self.mapping.get(int(c)) for c in ui], dtype=object)
        par_u = np.array([self.mapping.get(int(c)) for c in uj], dtype=object)
        ok_i = np.array([x is not None for x in rep_u], dtype=bool)
        ok_j = np.array([x is not None for x in par_u], dtype=bool)
        ok = ok_i[inv_i] & ok_j[inv_j]
        unknown: Counter = Counter()
        skipped = int(n - ok.sum())
        if skipped:
            for u, cnt in zip(ui, np.bincount(inv_i, minlength=len(ui))):
                if self.mapping.get(int(u)) is None:
                    unknown[self.label(int(u))] += int(cnt)
            for u, cnt in zip(uj, np.bincount(inv_j, minlength=len(uj))):
                if self.mapping.get(int(u)) is None:
                    unknown[self.label(int(u))] += int(cnt)
        prod_u = np.array([f"{int(c):06d}" for c in uk], dtype=object)
        # sort the block in primary-key order (reporter, partner, product): SQLite then
        # appends runs of neighbouring keys instead of jumping around the b-tree
        rep_rank = _ranks(rep_u, np)
        prod_rank = _ranks(prod_u, np)
        rows = np.flatnonzero(ok)
        par_rank = _ranks(par_u, np)
        order = rows[np.lexsort((prod_rank[inv_k[rows]], par_rank[inv_j[rows]], rep_rank[inv_i[rows]]))]
        m = len(order)
        values = np.rint(v[order] * (FACTOR * 100.0)) / 100.0
        columns = (rep_u[inv_i[order]], par_u[inv_j[order]], prod_u[inv_k[order]], values, q[order])
        return _Batch(year, None, order + first_line, skipped, unknown, columns)

    # reference path: every field checked, exact line and column --------------------------
    def slow(self, block: bytes, first_line: int) -> Iterator[_Batch]:
        path = self.path
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportFailure(path, f"not UTF-8 text (byte {block[exc.start]:#04x} cannot start a character)",
                                line=first_line + block.count(b"\n", 0, exc.start)) from None
        years, codes, products, mapping = self.years, self.codes, self.products, self.mapping
        groups: dict[int, _Batch] = {}
        reader = csv.reader(io.StringIO(text, newline=""))
        base = first_line - 1
        try:
            for r in reader:
                if not r:
                    continue
                line = base + reader.line_num
                if len(r) != 6:
                    raise ImportFailure(path, f"expected 6 fields (t,i,j,k,v,q), found {len(r)}", line)
                ts, its, jts, ks, vs, qs = r
                year = years.get(ts)
                if year is None:
                    year = years[ts] = parse_year(ts, path, line, "t")
                ci = codes.get(its)
                if ci is None:
                    ci = codes[its] = _code(its, path, line, "i")
                cj = codes.get(jts)
                if cj is None:
                    cj = codes[jts] = _code(jts, path, line, "j")
                product = products.get(ks)
                if product is None:
                    product = products[ks] = _product(ks, path, line, "k")
                value = parse_number(vs, path, line, "v", allow_empty=False)
                quantity = None if qs.strip() in NA else parse_number(qs, path, line, "q")
                g = groups.get(year)
                if g is None:
                    g = groups[year] = _Batch(year, [], [], 0, Counter())
                reporter, partner = mapping.get(ci), mapping.get(cj)
                if reporter is None or partner is None:
                    g.skipped += 1
                    if reporter is None:
                        g.unknown[self.label(ci)] += 1
                    if partner is None:
                        g.unknown[self.label(cj)] += 1
                    continue
                g.flat.extend((reporter, partner, product, round(value * (FACTOR * 100.0)) / 100.0, quantity))
                g.lines.append(line)
        except csv.Error as exc:
            raise ImportFailure(path, f"CSV syntax error: {exc}", base + reader.line_num) from None
        yield from groups.values()


def _code(text: str, path: Path, line: int, column: str) -> int:
    t = text.strip()
    if not t.isdigit():
        raise ImportFailure(path, f"not a country code: {t[:40]!r}", line, column)
    return int(t)


def _ranks(values, np):
    """Rank of each string in sorted order (for sorting rows by code without comparing strings)."""
    order = sorted(range(len(values)), key=lambda x: values[x] or "")
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.arange(len(values))
    return ranks


def _prefetch(items: Iterator[_Batch], depth: int = 2) -> Iterator[_Batch]:
    """Run ``items`` on a helper thread, ``depth`` batches ahead (bounded memory). Parsing
    overlaps with SQLite's inserts, which run without the GIL. Errors are re-raised here."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def work() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        q.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            q.put(done)
        except BaseException as exc:  # handed to the consumer
            q.put(exc)

    thread = threading.Thread(target=work, name="baci-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            try:
                q.get_nowait()
            except queue.Empty:
                thread.join(0.05)
