"""Store faults: the faces cannot write, a killed import leaves the old store, and a store
replaced under a running engine is picked up without a restart (never half-built)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.engine.live import LiveEngine
from bot.store.ingest import import_files
from bot.store.queries import Store
from tests.importer_fixtures import WDI_GDP, rows_of, sha256, small_store, small_store_template  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
GDP_QUESTION = "GDP of Mexico in 2016"


def _with_gdp(small: Path, target: Path) -> Path:
    shutil.copyfile(small, target)
    import_files(target, "wdi", [WDI_GDP], progress=False, log=lambda s: None)
    return target


@pytest.mark.parametrize("sql", [
    "DELETE FROM trade",
    "INSERT INTO meta(key, value) VALUES ('x', 'y')",
    "DROP TABLE countries",
    "CREATE TABLE evil(x)",
])
def test_a_write_through_the_faces_connection_fails(small_store, sql):
    store = Store.open(small_store)
    before = sha256(small_store)
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|attempt to write"):
        store.conn.execute(sql)
    store.close()
    assert sha256(small_store) == before


def test_the_bots_engine_answers_from_a_read_only_connection(small_store):
    live = LiveEngine(small_store)
    with pytest.raises(sqlite3.OperationalError):
        live.store.conn.execute("DELETE FROM countries")
    assert rows_of(small_store, "SELECT count(*) FROM countries")[0][0] > 200


def test_a_store_swapped_in_by_a_build_is_picked_up_without_a_restart(small_store, tmp_path):
    clock = [0.0]
    live = LiveEngine(small_store, check_every=1.0, clock=lambda: clock[0])
    first = live.ask(GDP_QUESTION)
    assert first.status == "no_data" and not first.results

    new = _with_gdp(small_store, tmp_path / ".store.sqlite.building")
    os.replace(new, small_store)  # what `tradefacts data build` does
    assert live.ask(GDP_QUESTION).status == "no_data"  # not looked yet: within check_every
    clock[0] = 5.0
    live.ask(GDP_QUESTION)  # sees the change, loads the new store in the background
    live.wait_loaded(10)
    answer = live.ask(GDP_QUESTION)
    assert answer.status == "ok" and live.reloads == 1
    expected = rows_of(small_store, "SELECT value FROM indicators WHERE code='MEX' AND year=2016"
                                    " AND indicator='NY.GDP.MKTP.CD'")[0][0]
    assert [r.value for r in answer.results] == [expected]


def test_a_broken_file_put_in_place_keeps_the_previous_store_serving(small_store, tmp_path, caplog):
    good = _with_gdp(small_store, tmp_path / "good.sqlite")
    clock = [0.0]
    live = LiveEngine(good, check_every=1.0, clock=lambda: clock[0])
    assert live.ask(GDP_QUESTION).status == "ok"
    half = tmp_path / "half.sqlite"
    half.write_bytes(good.read_bytes()[:4096] + b"\0" * 10)  # a half-copied file
    os.replace(half, good)
    clock[0] = 5.0
    live.ask(GDP_QUESTION)
    live.wait_loaded(10)
    answer = live.ask(GDP_QUESTION)
    assert answer.status == "ok" and live.reloads == 0
    assert "could not be opened" in caplog.text


_KILLED_IMPORT = """
import sys, time
from pathlib import Path
import bot.store.importers.base as base
from bot.store.ingest import import_files

real_flush = base.BatchWriter.flush
def slow_flush(self):
    real_flush(self)
    print("FLUSHED", flush=True)  # rows are in the store file (uncommitted): kill me now
    time.sleep(60)
base.BatchWriter.flush = slow_flush
base.BATCH = 2
import_files(Path(sys.argv[1]), "wdi", [Path(sys.argv[2])], progress=False, log=lambda s: None)
"""


def test_an_import_killed_with_sigkill_halfway_leaves_the_previous_store_intact(small_store):
    before_counts = rows_of(small_store, "SELECT count(*) FROM indicators")
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_IMPORT, str(small_store), str(WDI_GDP)],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "FLUSHED"
        journal = small_store.with_name(small_store.name + "-journal")
        assert journal.exists(), "the import should be mid-transaction"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    # The next reader (read-only, as the bot) rolls the hot journal back and sees the old store.
    store = Store.open(small_store)
    try:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("SELECT count(*) FROM indicators").fetchall() == before_counts
    finally:
        store.close()
    # ... and it is still usable for the next import.
    import_files(small_store, "wdi", [WDI_GDP], progress=False, log=lambda s: None)
    assert rows_of(small_store, "SELECT count(*) FROM indicators")[0][0] > before_counts[0][0]
