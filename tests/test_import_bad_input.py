"""Damaged or wrong input never half-imports: for every downloaded format (BACI, Comtrade+,
WDI CSV) and the bundled DOTS format, each kind of bad file raises an ImportFailure whose
message names the file, the line and (where it applies) the column, and the store file is
byte-for-byte unchanged. Bad files are derived from the fixtures at test time."""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.store.importers.base import ImportFailure
from bot.store.ingest import import_files
from tests.importer_fixtures import (BACI_2016, BACI_COUNTRIES, COMTRADE_SITE, WDI_TX, rows_of, sha256,  # noqa: F401
                                     small_store, small_store_template)

# A small IMF DOTS bilateral table in the bundled layout. FIXTURE: values invented.
DOTS_TEXT = """reporter_iso3,partner_iso3,year,exports_fob_usd_m,imports_cif_usd_m,reporter_name_imf,partner_name_imf
MEX,RUS,2016,178.5,1379.9,Mexico,Russian Federation
MEX,USA,2016,302580.9,190288.9,Mexico,United States
RUS,MEX,2016,1012.4,178.2,Russian Federation,Mexico
CIV,FRA,2016,1100.2,1900.5,Ivory Coast,France
USA,MEX,2016,229702.1,294151.3,United States,Mexico
"""


@dataclass
class Case:
    fmt: str
    name: str  # file name (BACI needs CEPII's pattern)
    text: str
    header_line: int  # 1, or 5 under the WDI API preamble
    bom: bool
    drop_column: str
    number: tuple[int, str, str, str]  # (data row, column, old text, bad text)
    latin1: tuple[int, str, str]  # (data row, old text, accented text)
    ragged_row: int
    duplicate_row: int
    latin1_file: tuple[str, str] | None = None  # another file of the format to break instead
    env: dict = field(default_factory=dict)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


BACI_CASE = dict(
    fmt="baci", name=BACI_2016.name, text=_read(BACI_2016), header_line=1, bom=False, drop_column="v",
    number=(11, "v", "1234.567", "12x4.567"), latin1=(4, "Côte d'Ivoire", "Côte d'Ivoire"), ragged_row=5,
    duplicate_row=3, latin1_file=(BACI_COUNTRIES.name, _read(BACI_COUNTRIES)))
CASES = {
    "baci": Case(**BACI_CASE),
    "baci-python-reader": Case(**{**BACI_CASE, "env": {"TRADEFACTS_BACI_ENGINE": "python"}}),
    "comtrade": Case(fmt="comtrade", name=COMTRADE_SITE.name, text=_read(COMTRADE_SITE), header_line=1, bom=False,
                     drop_column="primaryValue", number=(2, "primaryValue", "302654000000", "3026540OO000"),
                     latin1=(0, "Mexico", "México"), ragged_row=4, duplicate_row=5),
    "wdi": Case(fmt="wdi", name=WDI_TX.name, text=_read(WDI_TX), header_line=5, bom=True, drop_column="Country Code",
                number=(2, "2016", '"373900000000"', '"37390O000000"'), latin1=(2, "Mexico", "México"), ragged_row=3,
                duplicate_row=2),
    "dots": Case(fmt="dots", name="imf_dots_fixture.csv", text=DOTS_TEXT, header_line=1, bom=False,
                 drop_column="imports_cif_usd_m", number=(1, "exports_fob_usd_m", "302580.9", "3O2580.9"),
                 latin1=(3, "Ivory Coast", "Côte d'Ivoire"), ragged_row=2, duplicate_row=0),
}
KINDS = ["truncated-gzip", "missing-column", "wrong-encoding", "non-numeric", "empty-file", "ragged-row",
         "duplicate-row", "short-row"]


@dataclass
class Expect:
    line: int | None  # None: some line number must be named
    column: str | None
    words: tuple[str, ...]


def _write(path: Path, text: str, case: Case, encoding: str = "utf-8") -> Path:
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if case.bom else b"") + data)
    return path


def _line_of(case: Case, row: int) -> int:
    return case.header_line + 1 + row


def _split(text: str) -> tuple[list[str], str]:
    nl = "\r\n" if "\r\n" in text else "\n"
    return text.split(nl), nl


def make_bad(case: Case, kind: str, folder: Path) -> tuple[Path, Expect]:
    lines, nl = _split(case.text)
    head = case.header_line - 1
    target = folder / case.name

    def row_index(row: int) -> int:
        return head + 1 + row

    if kind == "truncated-gzip":
        packed = gzip.compress(((b"\xef\xbb\xbf" if case.bom else b"") + case.text.encode()), 9)
        target = folder / (case.name + ".gz")
        target.write_bytes(packed[: int(len(packed) * 0.7)])
        return target, Expect(None, None, ("compressed", "ends early"))
    if kind == "missing-column":
        rows = list(csv.reader(lines[head:]))
        drop = rows[0].index(case.drop_column)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=nl)
        writer.writerows([r[:drop] + r[drop + 1:] for r in rows if r])
        preamble = nl.join(lines[:head]) + nl if head else ""
        _write(target, preamble + out.getvalue(), case)
        return target, Expect(case.header_line, None, ("missing column", case.drop_column.lower()))
    if kind == "wrong-encoding":
        if case.latin1_file:
            name, text = case.latin1_file
            target = folder / name
            bad_lines, bad_nl = _split(text)
            row, old, new = case.latin1
            assert old in bad_lines[row + 1]
            target.write_bytes(bad_nl.join(bad_lines).replace(old, new).encode("latin-1"))
            return target, Expect(row + 2, None, ("utf-8",))
        row, old, new = case.latin1
        i = row_index(row)
        assert old in lines[i]
        lines[i] = lines[i].replace(old, new)
        body = nl.join(lines)
        target.write_bytes((b"\xef\xbb\xbf" if case.bom else b"") + body.encode("latin-1"))
        return target, Expect(_line_of(case, row), None, ("utf-8",))
    if kind == "non-numeric":
        row, column, old, new = case.number
        i = row_index(row)
        header = next(csv.reader([lines[head]]))
        cells = next(csv.reader([lines[i]]))
        col = header.index(column)
        assert cells[col] == old.strip('"'), (cells[col], old)
        cells[col] = new.strip('"')
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(cells)
        lines[i] = out.getvalue()
        _write(target, nl.join(lines), case)
        return target, Expect(_line_of(case, row), column, ("not a number",))
    if kind == "empty-file":
        target.write_bytes(b"")
        return target, Expect(1, None, ("empty",))
    if kind == "ragged-row":
        i = row_index(case.ragged_row)
        lines[i] = lines[i] + ',"extra"'
        _write(target, nl.join(lines), case)
        return target, Expect(_line_of(case, case.ragged_row), None, ("fields",))
    if kind == "short-row":  # the last field and its comma are missing (a cut line)
        i = row_index(case.ragged_row)
        lines[i] = lines[i].rstrip(",").rsplit(",", 1)[0]
        _write(target, nl.join(lines), case)
        return target, Expect(_line_of(case, case.ragged_row), None, ("fields",))
    if kind == "duplicate-row":
        body = lines[:-1] if lines[-1] == "" else lines
        data_rows = len(body) - case.header_line
        body.append(lines[row_index(case.duplicate_row)])
        _write(target, nl.join(body) + nl, case)
        return target, Expect(case.header_line + data_rows + 1, None, ("duplicate",))
    raise AssertionError(kind)


def _counts(store: Path) -> list[tuple]:
    return [rows_of(store, f"SELECT count(*) FROM {t}")[0] for t in
            ("trade", "indicators", "countries", "sources", "source_files", "indicator_defs", "products")]


def _params():
    for case_id in sorted(CASES):
        for kind in KINDS:
            yield pytest.param(case_id, kind, id=f"{case_id}-{kind}")


@pytest.mark.parametrize("case_id, kind", list(_params()))
def test_bad_file_fails_with_position_and_leaves_the_store_unchanged(small_store, tmp_path, monkeypatch, case_id, kind):
    case = CASES[case_id]
    for k, v in case.env.items():
        monkeypatch.setenv(k, v)
    bad, expect = make_bad(case, kind, tmp_path)
    before, counts = sha256(small_store), _counts(small_store)
    with pytest.raises(ImportFailure) as info:
        import_files(small_store, case.fmt, [bad], progress=False, log=lambda s: None)
    message = str(info.value)
    assert message.startswith(bad.name + ", line "), message
    if expect.line is None:
        assert re.match(rf"{re.escape(bad.name)}, line \d+", message), message
    else:
        assert f"{bad.name}, line {expect.line}" in message, message
    if expect.column:
        assert f"column '{expect.column}'" in message, message
    for word in expect.words:
        assert word in message.lower(), message
    assert "\n" not in message
    assert sha256(small_store) == before, "the store file changed"
    assert _counts(small_store) == counts


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_a_good_file_then_a_bad_one_in_one_call_changes_nothing(small_store, tmp_path, monkeypatch, case_id):
    """One call, one transaction: the good file's rows are rolled back with the bad one."""
    case = CASES[case_id]
    for k, v in case.env.items():
        monkeypatch.setenv(k, v)
    (tmp_path / "good").mkdir()
    good = _write(tmp_path / "good" / case.name, case.text, case)
    bad, _ = make_bad(case, "non-numeric", tmp_path)
    before = sha256(small_store)
    with pytest.raises(ImportFailure):
        import_files(small_store, case.fmt, [good, bad], progress=False, log=lambda s: None)
    assert sha256(small_store) == before


@pytest.mark.parametrize("fmt, name, text, words", [
    ("baci", "BACI_HS17_Y2016_V202401.csv", "year,exporter,importer,product,value\n2016,484,643,870840,1\n",
     ("not a baci file",)),
    ("baci", "some_download.csv", "t,i,j,k,v,q\n2016,484,643,870840,1.5,\n", ("file name",)),
    ("baci", "BACI_HS17_Y2016_V202401.csv", "t,i,j,k,v,q\n2016,484,643,8708,1.5,\n", ("hs6", "'8708'")),
    ("baci", "BACI_HS17_Y2016_V202401.csv", "t,i,j,k,v,q\n2016,484,643,870840,,2\n", ("empty value",)),
    ("baci", "BACI_HS17_Y2016_V202401.csv", "t,i,j,k,v,q\n2016,MEX,643,870840,1.5,\n", ("country code",)),
    ("baci", "BACI_HS17_Y2016_V202401.csv", "t,i,j,k,v,q\n", ("no data rows",)),
    ("comtrade", "TradeData.csv", _read(COMTRADE_SITE).replace(",M,Import,", ",M,Import,").replace(
        "C,A,", "C,M,"), ("nothing to import",)),
    ("wdi", "WDICSV.csv", "Series,Year,Value\nNY.GDP.MKTP.CD,2016,1\n", ("no wdi header",)),
])
def test_files_of_the_wrong_kind_are_refused(small_store, tmp_path, fmt, name, text, words):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = sha256(small_store)
    with pytest.raises(ImportFailure) as info:
        import_files(small_store, fmt, [path], progress=False, log=lambda s: None)
    message = str(info.value).lower()
    assert message.startswith(name.lower())
    for word in words:
        assert word in message, message
    assert sha256(small_store) == before
