"""What is checked before a request reaches a route: the bearer token, and the size of the
body (refused with 413 before any of it is parsed). Plain ASGI, so that nothing is read
that a refused request sent."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.responses import JSONResponse

from regulations.web.errors import TOO_LARGE, UNAUTHORIZED, Refusal, body, problem
from regulations.web.law import Law

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

OPEN = ("/healthz", "/readyz", "/version", "/static/", "/docs", "/openapi.json")


class Guard:
    """Token and size checks in front of the app."""

    def __init__(
        self, app: App, law: Law, token: str | None, token_pages: bool, max_body: int
    ) -> None:
        self.app = app
        self.law = law
        self.token = token.encode() if token else None
        self.token_pages = token_pages
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self._unauthorized(scope) or self._declared_too_large(scope)
        if refused is None and scope["method"] in ("POST", "PUT", "PATCH"):
            chunks, refused = await self._read(receive)
            if refused is None:
                receive = _replay(chunks, receive)
        if refused is not None:
            await self._refuse(refused, scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _protected(self, path: str) -> bool:
        if path.startswith(OPEN):
            return False
        return path.startswith("/v1/") or self.token_pages

    def _unauthorized(self, scope: Scope) -> Refusal | None:
        if self.token is None or not self._protected(scope["path"]):
            return None
        given = dict(scope["headers"]).get(b"authorization", b"")
        scheme, _, value = given.partition(b" ")
        if scheme.lower() == b"bearer" and hmac.compare_digest(value.strip(), self.token):
            return None
        message = "a bearer token is needed" if not given else "the bearer token is not accepted"
        return Refusal(
            UNAUTHORIZED,
            [problem("token", message, "Authorization", hint="send Authorization: Bearer TOKEN")],
        )

    def _too_large(self, size: int | str) -> Refusal:
        return Refusal(
            TOO_LARGE,
            [
                problem(
                    "limit",
                    f"the request body is {size} bytes, over the limit of {self.max_body}",
                    "body",
                    hint="send less at once (split the facts), or start the server with a "
                    "larger --max-body-mb",
                )
            ],
        )

    def _declared_too_large(self, scope: Scope) -> Refusal | None:
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body:
            return self._too_large(int(length))
        return None

    async def _read(self, receive: Receive) -> tuple[list[bytes], Refusal | None]:
        """The whole body, unless it grows past the limit (a body sent in chunks declares no
        length)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return chunks, None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return [], self._too_large(f"more than {self.max_body}")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks, None

    async def _refuse(self, refused: Refusal, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {"WWW-Authenticate": "Bearer"} if refused.status == UNAUTHORIZED else {}
        content = {**self.law.stamp(), **body(refused)}
        response = JSONResponse(content, refused.status, headers=headers)
        await response(scope, receive, send)


def _replay(chunks: list[bytes], then: Receive) -> Receive:
    """A receive that hands the app the body already read, then listens to the server's."""
    data = b"".join(chunks)
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": data, "more_body": False}
        return await then()

    return receive
