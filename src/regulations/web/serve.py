"""`regulations serve`: load the law, then serve the app with uvicorn (one process; the
engine is thread-safe and the answers are computed in uvicorn's thread pool)."""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Sequence
from pathlib import Path

import uvicorn

import regulations
from regulations.errors import ServeError
from regulations.web.app import Settings, create_app

ANY_ADDRESS = "give a name or address of this machine: 127.0.0.1 (itself only) or 0.0.0.0 (all)"

WHY = {
    errno.EADDRINUSE: "the port is taken; choose another --port or stop what holds it",
    errno.EADDRNOTAVAIL: f"the address is not one of this machine's; {ANY_ADDRESS}",
    errno.EACCES: "the port needs privileges this user lacks; choose a port from 1024",
}
"""What a refused bind means, and what to do, by its errno."""

BACKLOG = 2048
"""Connections waiting to be accepted (uvicorn's default)."""


def listening(host: str, port: int) -> list[socket.socket]:
    """Sockets bound to ``host`` (every address its name has, as uvicorn would bind) and
    ``port``, listening; or a ServeError saying why not (a host name not known, an address
    not of this machine, a port taken), before anything is loaded or served."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, ValueError) as exc:  # a name not known, or not a name at all
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ServeError(host, port, f"the host is not known ({why}); {ANY_ADDRESS}") from None
    servers: list[socket.socket] = []
    try:
        for family, kind, proto, _, address in dict.fromkeys(found):
            server = socket.socket(family, kind, proto)
            servers.append(server)
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:  # an IPv6 socket apart from the IPv4 one
                server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            server.bind(address)
            server.listen(BACKLOG)
    except OSError as exc:
        for server in servers:
            server.close()
        raise ServeError(host, port, WHY.get(exc.errno or 0, exc.strerror or str(exc))) from None
    return servers


def serve(
    host: str,
    port: int,
    rules: Sequence[Path | str] = (),
    token: str | None = None,
    token_pages: bool = False,
    max_body: int | None = None,
) -> None:
    """Bind the address (a ServeError if it cannot be), load and compile every regulation
    (bad rule files raise LoadError here, before anything is served), then serve until
    interrupted."""
    servers = listening(host, port)
    try:
        library = regulations.load(*rules)
        settings = Settings(tuple(rules), token, token_pages, *([max_body] if max_body else []))
        app = create_app(settings, library=library)
        config = uvicorn.Config(app, log_level="info", server_header=False, backlog=BACKLOG)
        for server in servers:  # uvicorn says it only for sockets it binds itself
            address, bound = server.getsockname()[:2]
            logging.getLogger("uvicorn.error").info(
                "Serving on http://%s:%d (press CTRL+C to quit)",
                f"[{address}]" if ":" in address else address,
                bound,
            )
        uvicorn.Server(config).run(sockets=servers)
    finally:
        for server in servers:
            server.close()
