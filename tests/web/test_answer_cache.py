"""The server's cache of API answers: same URL, same answer, computed once; errors and exports never kept."""

from __future__ import annotations

import asyncio

from wirecoder.web.app import AnswerCache


class Counting:
    """An ASGI app answering every request with its own call number (status from the path's last part)."""

    def __init__(self):
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        status = int(scope["path"].rsplit("/", 1)[-1]) if scope["path"][-1].isdigit() else 200
        await send({"type": "http.response.start", "status": status, "headers": [(b"x-call", b"%d" % self.calls)]})
        await send({"type": "http.response.body", "body": b"call %d" % self.calls})


def _get(app, path: str, query: bytes = b"") -> tuple[int, bytes]:
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "path": path, "query_string": query}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_the_same_url_is_answered_once():
    inner = Counting()
    cache = AnswerCache(inner)
    first = _get(cache, "/api/events", b"limit=5")
    assert _get(cache, "/api/events", b"limit=5") == first
    assert inner.calls == 1


def test_another_query_string_is_another_answer():
    inner = Counting()
    cache = AnswerCache(inner)
    _get(cache, "/api/events", b"limit=5")
    _get(cache, "/api/events", b"limit=6")
    assert inner.calls == 2


def test_errors_are_not_kept():
    inner = Counting()
    cache = AnswerCache(inner)
    _get(cache, "/api/events/422")
    _get(cache, "/api/events/422")
    assert inner.calls == 2


def test_exports_and_pages_are_not_kept():
    inner = Counting()
    cache = AnswerCache(inner)
    for path in ("/api/export", "/api/export", "/events/abc", "/events/abc"):
        _get(cache, path)
    assert inner.calls == 4


def test_the_least_recently_used_answer_is_dropped_first():
    inner = Counting()
    cache = AnswerCache(inner)
    cache.ENTRIES = 2
    _get(cache, "/api/a")
    _get(cache, "/api/b")
    _get(cache, "/api/a")  # a is now the most recent
    _get(cache, "/api/c")  # drops b
    calls = inner.calls
    _get(cache, "/api/a")
    assert inner.calls == calls
    _get(cache, "/api/b")
    assert inner.calls == calls + 1
