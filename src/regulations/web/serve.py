"""`regulations serve`: load the law, then serve the app with uvicorn (one process; the
engine is thread-safe and the answers are computed in uvicorn's thread pool)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import uvicorn

import regulations
from regulations.web.app import Settings, create_app


def serve(
    host: str,
    port: int,
    rules: Sequence[Path | str] = (),
    token: str | None = None,
    token_pages: bool = False,
    max_body: int | None = None,
) -> None:
    """Load and compile every regulation (bad rule files raise LoadError here, before
    anything is served), then serve until interrupted."""
    library = regulations.load(*rules)
    settings = Settings(tuple(rules), token, token_pages, *([max_body] if max_body else []))
    app = create_app(settings, library=library)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
