"""The command line with a broken store path or file: one line on stderr, exit 1, no traceback."""

from __future__ import annotations

import sqlite3

import pytest

from bot.cli import main


def _not_a_database(tmp_path):
    path = tmp_path / "garbage.sqlite"
    path.write_text("this is not a database\n" * 100)
    return path


def _other_sqlite(tmp_path):
    path = tmp_path / "other.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE x(a)").connection.close()
    return path


def _unusable_folder(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    return blocker / "store.sqlite"  # its folder is a file: cannot be created


@pytest.mark.parametrize("make", [_not_a_database, _other_sqlite, _unusable_folder])
@pytest.mark.parametrize("command", [["ask", "Mexico exports to Russia 2016"], ["ask", "--json", "Mexico"],
                                     ["data", "sources"], ["data", "check"]])
def test_a_bad_store_path_is_one_clear_line(tmp_path, capsys, make, command):
    path = make(tmp_path)
    before = path.read_bytes() if path.exists() else None
    code = main(["--db", str(path), "--data-dir", str(tmp_path / "no-data"), *command])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert err.splitlines()[-1].startswith("tradefacts: "), err  # (a missing store first says it builds one)
    assert "Traceback" not in err + out
    assert (path.read_bytes() if path.exists() else None) == before  # nothing written over it
