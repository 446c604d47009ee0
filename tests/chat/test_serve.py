"""``serve.run_polling``/``run_webhook`` as the CLI runs them: a real process, stopped by SIGINT."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "424242:serve-test-token-must-not-be-logged"
SCRIPT = """
import os, sys
from bot.chat.serve import run_polling, run_webhook
from tests.chat.stubengine import StubEngine

token, base_url, state, mode = os.environ["T_TOKEN"], sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "polling":
    run_polling(StubEngine(), token, base_url=base_url, persistence_path=state)
else:
    port = int(sys.argv[4])
    run_webhook(StubEngine(), token, f"http://127.0.0.1:{port}/hook", "127.0.0.1", port, "serve_secret",
                base_url=base_url, persistence_path=state)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT delivery")
@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_serve_runs_answers_and_stops_cleanly(fake, user, private, tmp_path, mode):
    state = tmp_path / "state.pickle"
    port = str(_free_port())
    env = {**os.environ, "T_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", SCRIPT, fake.url, str(state), mode, port,
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_call("setMyCommands", language_code="ru", timeout=15)
        update = fake.text_update(private, user, "served question")
        if mode == "polling":
            await fake.queue(update)
        else:
            await fake.wait_call("setWebhook", timeout=5)
            assert await fake.deliver(update, attempts=100) == 200
        call = await fake.wait_call("sendMessage", chat_id=private["id"], timeout=5)
        assert call.params["text"] == "You asked: served question"
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(proc.communicate(), 15)
    log = stderr.decode()
    assert proc.returncode == 0, log
    assert "Application started" in log
    assert TOKEN not in log and "serve_secret" not in log
    assert state.exists()  # persistence flushed on shutdown


class _Args:
    """What argparse gives ``serve``; unset attributes are read with getattr defaults."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


class _Store:
    def coverage(self) -> list[dict]:
        return [{"id": "comtrade", "name": "UN Comtrade <test> & co", "rows": 12345, "first_year": 2007,
                 "last_year": 2016, "version": "2017-05", "licence": "CC-BY"}]


@pytest.fixture
def wired(monkeypatch, tmp_path):
    """serve_from_cli with the store, engine and runners replaced; records the run."""
    from bot.chat import serve

    runs: list[tuple[str, tuple, dict]] = []
    monkeypatch.setattr(serve, "run_polling", lambda *a, **kw: runs.append(("polling", a, kw)))
    monkeypatch.setattr(serve, "run_webhook", lambda *a, **kw: runs.append(("webhook", a, kw)))
    monkeypatch.setattr(serve, "load_engine", lambda args, db: _Store())
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:cli-token")
    monkeypatch.delenv("TELEGRAM_API_BASE_URL", raising=False)
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    return serve, runs, tmp_path / "store" / "tradefacts.sqlite"


def test_serve_from_cli_polls_with_persistence_beside_the_store(wired):
    serve, runs, db = wired
    assert serve.serve_from_cli(_Args(db=str(db), api_base_url="http://127.0.0.1:9")) == 0
    ((mode, args, kw),) = runs
    assert mode == "polling" and args[1] == "1:cli-token"
    assert kw["base_url"] == "http://127.0.0.1:9"
    assert kw["persistence_path"] == db.with_name("telegram-state.pickle")
    assert kw["sources_text"]("es").splitlines()[:2] == [
        "Conjuntos de datos cargados:", "• UN Comtrade <test> & co (comtrade): 2007–2016, 12\u202f345 filas"]


def test_serve_from_cli_webhook(wired, monkeypatch):
    serve, runs, db = wired
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "env_secret")
    args = _Args(db=str(db), webhook="https://bot.example.org/hook", listen="[::]:8443", persistence="/x/state.pickle")
    assert serve.serve_from_cli(args) == 0
    ((mode, a, kw),) = runs
    assert mode == "webhook" and a[1:] == ("1:cli-token", "https://bot.example.org/hook", "::", 8443, "env_secret")
    assert kw["persistence_path"] == "/x/state.pickle"


@pytest.mark.parametrize(
    ("env_token", "args", "message"),
    [
        (None, {}, "no bot token"),
        ("1:t", {"webhook": "https://x.org/h", "listen": "nohost"}, "HOST:PORT"),
        ("1:t", {"webhook": "https://x.org/h", "secret_token": "not allowed!"}, "secret token"),
    ],
)
def test_serve_from_cli_usage_errors_are_one_line(wired, monkeypatch, capsys, env_token, args, message):
    serve, runs, db = wired
    if env_token:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", env_token)
    else:
        monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    assert serve.serve_from_cli(_Args(db=str(db), **args)) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "not allowed!" not in err
    assert runs == []
