"""The command line face: ask (one question, JSON, stdin stream, chart), data commands, and
clear one-line errors with non-zero exit codes instead of tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.cli import main


@pytest.fixture
def db(bundled_store_path, monkeypatch):
    monkeypatch.setenv("TRADEFACTS_DB", str(bundled_store_path))
    return bundled_store_path


def test_ask_prints_the_figure_and_source(db, capsys):
    assert main(["ask", "How much did Mexico export to Russia in 2016?"]) == 0
    out = capsys.readouterr().out
    assert "$178.5 million" in out and "Source: IMF" in out


def test_ask_json_has_the_documented_shape(db, capsys):
    main(["ask", "--json", "Mexico exports to Russia 2016"])
    obj = json.loads(capsys.readouterr().out)
    assert obj["status"] == "ok"
    assert obj["query"]["intent"] == "value" and obj["query"]["reporter"] == "MEX" and obj["query"]["partner"] == "RUS"
    assert obj["query"]["flow"] == "export" and obj["query"]["years"] == [2016] and obj["query"]["product"] is None
    r = obj["results"][0]
    assert (r["reporter"], r["partner"], r["year"], r["flow"], r["value"], r["unit"], r["reported_by"]) == \
        ("MEX", "RUS", 2016, "export", 178530000.0, "USD", "MEX")
    assert obj["choices"] == [] and obj["text"]


def test_ask_json_stdin_answers_one_line_per_question_in_order(db, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Mexico exports to Russia 2016\n\nwho won the election?\nGDP of Guatemala 2016\n"))
    main(["ask", "--json", "-"])
    lines = capsys.readouterr().out.strip().splitlines()
    statuses = [json.loads(line)["status"] for line in lines]
    assert statuses == ["ok", "not_understood", "not_understood", "ok"]


def test_ask_chart_writes_a_png(db, tmp_path, capsys):
    out = tmp_path / "c.png"
    main(["ask", "Mexico Russia trade 2007-2016", "--chart", str(out)])
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_ask_lang_forces_the_answer_language(db, capsys):
    main(["ask", "--lang", "es", "Mexico exports to Russia 2016"])
    assert "178,5 millones de US$" in capsys.readouterr().out


def test_data_check_passes_on_the_bundled_store(db, capsys):
    assert main(["data", "check"]) == 0
    assert "0 failed" in capsys.readouterr().out


def test_data_sources_lists_coverage(db, capsys):
    main(["data", "sources", "--json"])
    ids = {s["id"] for s in json.loads(capsys.readouterr().out)}
    assert {"imf_dots", "wdi", "comtrade_penppml", "sipri_at", "unctad_fdi"} <= ids


@pytest.mark.parametrize("argv, message", [
    (["data", "import", "nosuchformat", "x.csv"], "unknown format"),
    (["data", "import", "dots", "/no/such/file.csv"], "file not found"),
])
def test_bad_input_is_one_line_not_a_traceback(db, capsys, argv, message):
    code = main(argv)
    err = capsys.readouterr().err
    assert code != 0 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_installed_command_runs_as_a_process(db):
    proc = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "Mexico exports to Russia 2016"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"][0]["value"] == 178530000.0


def test_ask_reads_a_conversation_from_stdin_keeping_context(db, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Korea exports to Mexico 2016\n1\nMexico exports to Russia 2016\nand 2015?\nwhat about imports?\n"))
    assert main(["ask"]) == 0
    out = capsys.readouterr().out
    assert "1. South Korea" in out and "South Korea's exports to Mexico, 2016" in out  # "1" picked the first choice
    assert "Mexico's exports to Russia, 2015" in out and "Mexico's imports from Russia, 2015" in out


def test_demo_answers_sample_questions_in_three_languages(db, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "$178.5 million" in out and "1,38 mil millones de US$" in out and "178,5 млн долл. США" in out
    assert "tradefacts data import baci" in out  # product questions say how to load product data
