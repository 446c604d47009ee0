"""A fake Telegram Bot API server for end-to-end tests of the real PTB Application.

It runs in the test's event loop on 127.0.0.1 and a free port, speaks enough of the Bot API
for python-telegram-bot 22 (``/bot<token>/<method>`` and ``/file/bot<token>/<path>``),
records every call, and lets a test play the user:

    update = fake.text_update(chat, user, "/start")
    await fake.queue(update)                       # delivered by getUpdates (long poll)
    call = await fake.wait_call("sendMessage", chat_id=chat["id"])

``wait_call`` hands out each recorded call once, in order, so a test can wait for the
second message of a chat with a second ``wait_call``. ``fail_next`` injects errors (429 with
``retry_after``, 5xx, 403, slow answers). ``listeners`` see each call as it is recorded
(the benchmark times answers with them). ``deliver`` POSTs an update to the registered
webhook with the secret header, as Telegram does.

Messages returned by the fake are plain dicts (what the real API returns), so a test can
reply to a bot message or press a button under it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

# Parameters that are strings in the Bot API; every other form value is JSON-encoded by PTB.
_STRING_PARAMS = {
    "text", "caption", "query", "parse_mode", "callback_query_id", "inline_query_id", "url",
    "secret_token", "language_code", "action", "file_id", "inline_message_id", "next_offset",
    "filename",
}


@dataclass
class UploadedFile:
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Call:
    """One request the bot made: method, decoded params, uploaded files, and our answer."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int = 200
    response: Any = None
    at: float = 0.0  # time.perf_counter() when the call was recorded


@dataclass
class _Injection:
    status: int
    count: int
    retry_after: float | None
    description: str
    delay: float
    chat_id: int | None = None


DROP = 0  # fail_next status: the connection drops before the request is carried out


class FakeBotAPI:
    def __init__(self, *, username: str = "tradefacts_test_bot", bot_id: int = 7000000001) -> None:
        self.username = username
        self.bot_id = bot_id
        self.calls: list[Call] = []
        self.listeners: list[Callable[[Call], None]] = []  # called with each recorded call
        self.delivered: set[int] = set()  # update ids handed out by getUpdates so far
        self.webhook: dict[str, Any] | None = None
        self._taken: set[int] = set()
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._ids = itertools.count(1)
        self._messages: dict[tuple[int, int], dict] = {}
        self._chats: dict[int, dict] = {}
        self._files: dict[str, bytes] = {}
        self._injections: dict[str, list[_Injection]] = {}
        self._changed = asyncio.Condition()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ----- lifecycle -------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"

    async def stop(self) -> None:
        async with self._changed:
            self._closing = True  # releases pending long polls at once
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    # ----- what a test does ------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 500,
        count: int = 1,
        retry_after: float | None = None,
        description: str | None = None,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` (into ``chat_id``, if given) fail with
        ``status`` (after ``delay`` s).

        ``status=200`` with a ``delay`` gives a slow but successful answer. Telegram's
        ``retry_after`` is whole seconds; a fraction keeps tests fast (PTB accepts it).
        ``status=DROP`` closes the connection without an answer and without carrying the
        request out (recorded with status 0).
        """
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after}",
                403: "Forbidden: bot was blocked by the user",
                400: "Bad Request: injected",
            }.get(status, "Internal Server Error")
        self._injections.setdefault(method, []).append(
            _Injection(status, count, retry_after, description, delay, chat_id))

    async def queue(self, update: dict) -> int:
        """Queue ``update`` for getUpdates; returns its update_id."""
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return update["update_id"]

    async def send(self, chat: dict, user: dict, text: str, *, reply_to: dict | None = None) -> dict:
        """Build and queue a text message from ``user`` in ``chat``; returns the update."""
        update = self.text_update(chat, user, text, reply_to=reply_to)
        await self.queue(update)
        return update

    async def deliver(
        self, update: dict, *, secret: str | None = None, use_secret: bool = True, attempts: int = 1
    ) -> int:
        """POST ``update`` to the registered webhook, as Telegram does; returns the HTTP status.

        The registered secret is sent unless ``secret`` overrides it or ``use_secret`` is False.
        Like Telegram, retry (``attempts`` times, 50 ms apart) while nothing listens yet: PTB
        calls setWebhook before its webhook server is up.
        """
        assert self.webhook, "no webhook registered"
        headers = {}
        token = secret if secret is not None else self.webhook.get("secret_token")
        if use_secret and token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with aiohttp.ClientSession() as session:
            for attempt in range(attempts):
                try:
                    async with session.post(self.webhook["url"], json=update, headers=headers) as resp:
                        await resp.read()
                        return resp.status
                except aiohttp.ClientConnectorError:
                    if attempt == attempts - 1:
                        raise
                    await asyncio.sleep(0.05)
        raise AssertionError("unreachable")

    async def wait_call(
        self, method: str, *, timeout: float = 3.0, where: Callable[[Call], bool] | None = None, **match: Any
    ) -> Call:
        """The first call of ``method`` not yet handed out whose params match; waits for it."""

        def find() -> int | None:
            for i, call in enumerate(self.calls):
                if i in self._taken or call.method != method:
                    continue
                if all(call.params.get(k) == v for k, v in match.items()) and (where is None or where(call)):
                    return i
            return None

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: find() is not None), timeout)
            except TimeoutError:
                seen = [(c.method, c.params) for c in self.calls]
                raise AssertionError(f"no {method} call matching {match} within {timeout}s; calls: {seen}") from None
            index = find()
            assert index is not None
            self._taken.add(index)
            return self.calls[index]

    def calls_for(self, method: str, **match: Any) -> list[Call]:
        return [c for c in self.calls if c.method == method and all(c.params.get(k) == v for k, v in match.items())]

    # ----- building updates ------------------------------------------------------------

    def user(self, user_id: int, *, language_code: str | None = "en", first_name: str = "Ana") -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        return user

    def private_chat(self, chat_id: int) -> dict:
        chat = {"id": chat_id, "type": "private", "first_name": "Ana"}
        self._chats[chat_id] = chat
        return chat

    def group_chat(self, chat_id: int, *, title: str = "Trade talk") -> dict:
        chat = {"id": chat_id, "type": "supergroup", "title": title}
        self._chats[chat_id] = chat
        return chat

    def bot_user(self) -> dict:
        return {"id": self.bot_id, "is_bot": True, "first_name": "TradeFacts", "username": self.username}

    def text_update(self, chat: dict, user: dict, text: str, *, reply_to: dict | None = None) -> dict:
        """A new text message; a leading /command and @mentions get their entities."""
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            "text": text,
        }
        entities = _entities(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self._messages[(chat["id"], message["message_id"])] = message
        return self._update(message=message)

    def callback_update(self, message: dict, user: dict, data: str) -> dict:
        """A press on a button with ``data`` under the bot's ``message``."""
        query = {
            "id": str(next(self._ids)),
            "from": user,
            "message": message,
            "chat_instance": f"ci{message['chat']['id']}",
            "data": data,
        }
        return self._update(callback_query=query)

    def inline_update(self, user: dict, query: str) -> dict:
        return self._update(inline_query={"id": str(next(self._ids)), "from": user, "query": query, "offset": ""})

    def migrate_update(self, chat: dict, user: dict, to_chat_id: int) -> dict:
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat, "from": user,
                   "migrate_to_chat_id": to_chat_id}
        return self._update(message=message)

    def _update(self, **payload: Any) -> dict:
        return {"update_id": next(self._update_ids), **payload}

    # ----- the API -----------------------------------------------------------------------

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        params: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        if request.content_type == "application/json":
            body = await request.read()
            return (json.loads(body) if body else {}), files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = UploadedFile(value.filename, value.content_type, value.file.read())
            elif key in _STRING_PARAMS:
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        for key, value in request.query.items():
            params.setdefault(key, value)
        return params, files

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, files = await self._params(request)
        call = Call(method, params, files)
        injections = [i for i in self._injections.get(method, ())
                      if i.chat_id is None or str(i.chat_id) == str(params.get("chat_id"))]
        if injections:
            inj = injections[0]
            inj.count -= 1
            if inj.count <= 0:
                self._injections[method].remove(inj)
            if inj.delay:
                await asyncio.sleep(inj.delay)
            if inj.status == DROP:
                call.status = DROP
                if method != "getUpdates":
                    await self._record(call)
                request.transport.abort()  # no status line, no body: "server disconnected"
                raise asyncio.CancelledError
            if inj.status != 200:
                body: dict[str, Any] = {"ok": False, "error_code": inj.status, "description": inj.description}
                if inj.retry_after is not None:
                    body["parameters"] = {"retry_after": inj.retry_after}
                call.status, call.response = inj.status, body
                await self._record(call)
                return web.json_response(body, status=inj.status)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            body = {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
            call.status, call.response = 404, body
            await self._record(call)
            return web.json_response(body, status=404)
        if method == "getUpdates":  # polls are not recorded: they would drown the calls list
            result = await handler(params, files)
            if isinstance(result, web.Response):
                return result
            return web.json_response({"ok": True, "result": result})
        result = handler(params, files)
        call.response = result
        await self._record(call)
        return web.json_response({"ok": True, "result": result})

    async def _record(self, call: Call) -> None:
        call.at = time.perf_counter()
        for listener in self.listeners:
            listener(call)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self._files:
            raise web.HTTPNotFound()
        return web.Response(body=self._files[file_id])

    def _chat(self, chat_id: Any) -> dict:
        chat_id = int(chat_id)
        return self._chats.get(chat_id) or {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup",
                                             "first_name": "Ana", "title": "Chat"}

    def _message(self, params: dict, **content: Any) -> dict:
        chat = self._chat(params["chat_id"])
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
                   "from": self.bot_user(), **content}
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        reply = params.get("reply_parameters") or {}
        if isinstance(reply, dict) and (chat["id"], reply.get("message_id")) in self._messages:
            message["reply_to_message"] = self._messages[(chat["id"], reply["message_id"])]
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _store_file(self, data: bytes) -> dict:
        n = next(self._ids)
        file_id = f"file{n}"
        self._files[file_id] = data
        return {"file_id": file_id, "file_unique_id": f"u{n}", "file_size": len(data)}

    def _upload(self, params: dict, files: dict[str, UploadedFile], key: str) -> tuple[dict, UploadedFile | None]:
        upload = files.get(key)
        if upload is not None:
            return self._store_file(upload.data), upload
        value = params.get(key)  # a file_id sent again, or a URL
        if isinstance(value, str) and value in self._files:
            return {"file_id": value, "file_unique_id": "u" + value, "file_size": len(self._files[value])}, None
        return self._store_file(b""), None

    def _m_getMe(self, params: dict, files: dict) -> dict:
        return {**self.bot_user(), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": True}

    async def _m_getUpdates(self, params: dict, files: dict) -> Any:
        if self.webhook:
            return web.json_response({"ok": False, "error_code": 409, "description":
                                      "Conflict: can't use getUpdates method while webhook is active"}, status=409)
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)

        def pending() -> list[dict]:
            return [u for u in self._updates if u["update_id"] >= offset]

        async with self._changed:
            self._updates = pending()  # an offset confirms the updates before it
            if not self._updates and timeout > 0 and not self._closing:
                try:
                    await asyncio.wait_for(self._changed.wait_for(lambda: pending() or self._closing), timeout)
                except TimeoutError:
                    pass
            batch = pending()[:limit]
            self.delivered.update(u["update_id"] for u in batch)
            return batch

    def _m_sendMessage(self, params: dict, files: dict) -> dict:
        return self._message(params, text=params.get("text", ""))

    def _m_sendPhoto(self, params: dict, files: dict) -> dict:
        info, _ = self._upload(params, files, "photo")
        photo = [{**info, "width": 1, "height": 1}]
        content: dict[str, Any] = {"photo": photo}
        if params.get("caption"):
            content["caption"] = params["caption"]
        return self._message(params, **content)

    def _m_sendDocument(self, params: dict, files: dict) -> dict:
        info, upload = self._upload(params, files, "document")
        document = {**info, "file_name": upload.filename if upload else None,
                    "mime_type": upload.content_type if upload else None}
        return self._message(params, document={k: v for k, v in document.items() if v is not None})

    def _edit(self, params: dict, **changes: Any) -> Any:
        if params.get("inline_message_id"):
            return True
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = dict(self._messages.get(key) or {"message_id": key[1], "date": int(time.time()),
                                                    "chat": self._chat(key[0]), "from": self.bot_user()})
        message.update(changes)
        if "reply_markup" in changes and not isinstance(changes["reply_markup"], dict):
            message.pop("reply_markup")
        self._messages[key] = message
        return message

    def _m_editMessageText(self, params: dict, files: dict) -> Any:
        return self._edit(params, text=params.get("text", ""), reply_markup=params.get("reply_markup"))

    def _m_editMessageReplyMarkup(self, params: dict, files: dict) -> Any:
        return self._edit(params, reply_markup=params.get("reply_markup"))

    def _m_answerCallbackQuery(self, params: dict, files: dict) -> bool:
        return True

    def _m_answerInlineQuery(self, params: dict, files: dict) -> bool:
        return True

    def _m_setMyCommands(self, params: dict, files: dict) -> bool:
        return True

    def _m_deleteMyCommands(self, params: dict, files: dict) -> bool:
        return True

    def _m_sendChatAction(self, params: dict, files: dict) -> bool:
        return True

    def _m_setWebhook(self, params: dict, files: dict) -> bool:
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token")}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_deleteWebhook(self, params: dict, files: dict) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_getWebhookInfo(self, params: dict, files: dict) -> dict:
        return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    def _m_getFile(self, params: dict, files: dict) -> dict:
        file_id = params["file_id"]
        if file_id not in self._files:
            return {"file_id": file_id, "file_unique_id": "u" + file_id}
        return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": len(self._files[file_id]),
                "file_path": f"files/{file_id}"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _entities(text: str) -> list[dict]:
    """bot_command for a leading /command, mention for each @username (UTF-16 offsets)."""
    entities = []
    offset = 0
    for word in text.split(" "):
        if word:
            if offset == 0 and word.startswith("/"):
                entities.append({"type": "bot_command", "offset": 0, "length": _utf16_len(word)})
            elif word.startswith("@") and len(word) > 1:
                entities.append({"type": "mention", "offset": _utf16_len(text[:offset]), "length": _utf16_len(word)})
        offset += len(word) + 1
    return entities
