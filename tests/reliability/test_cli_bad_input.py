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


def test_a_reader_that_goes_away_is_a_quiet_exit_0(monkeypatch, capsys, store, bundled_store_path):
    import io
    import sys

    class ClosedPipe(io.StringIO):
        def write(self, s):
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["--db", str(bundled_store_path), "ask", "Mexico exports to Russia 2016"]) == 0
    assert capsys.readouterr().err == ""


def test_an_unexpected_error_is_one_line_unless_debugging(monkeypatch, capsys, bundled_store_path):
    import bot.cli

    def broken(args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(bot.cli, "build_parser", _parser_with(bot.cli, broken))
    assert main(["--db", str(bundled_store_path), "data", "sources"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tradefacts: unexpected error (ZeroDivisionError: a bug)") and "Traceback" not in err
    monkeypatch.setenv("TRADEFACTS_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["--db", str(bundled_store_path), "data", "sources"])


def _parser_with(cli, func):
    real = cli.build_parser

    def build():
        parser = real()
        original = parser.parse_args

        def parse_args(argv=None):
            args = original(argv)
            args.func = func
            return args

        parser.parse_args = parse_args
        return parser

    return build
