"""The law a server answers from: the library, loaded and compiled once, and the stamp every
answer carries (decision id, ruleset digest, the day asked about, the package version)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import regulations
from regulations import Error, Library
from regulations.web.errors import Refusal, problem, refusal

UNAVAILABLE = 503
LOAD_WAIT = 120.0  # seconds a request waits for the first load before it is refused


def package_version() -> str:
    try:
        return metadata.version("regulations")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


class Law:
    """The library a server answers from. ``start()`` loads it in a thread, so that the
    server answers ``/healthz`` at once and ``/readyz`` when the law is ready; a request
    arriving before then waits for it."""

    def __init__(self, rules: Sequence[Path | str] = (), library: Library | None = None) -> None:
        self.rules = tuple(rules)
        self.version = package_version()
        self._library = library
        self._failure: Error | None = None
        self._ready = threading.Event()
        if library is not None:
            self._ready.set()

    def start(self) -> None:
        if not self._ready.is_set():
            threading.Thread(target=self._load, name="regulations-load", daemon=True).start()

    def _load(self) -> None:
        try:
            self._library = regulations.load(*self.rules)
        except Error as exc:
            self._failure = exc
        finally:
            self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self._library is not None

    @property
    def digest(self) -> str | None:
        return self._library.digest if self._library is not None else None

    def library(self, wait: float = LOAD_WAIT) -> Library:
        """The loaded library; a Refusal (503) while it cannot be had."""
        self._ready.wait(wait)
        if self._library is not None:
            return self._library
        if self._failure is not None:
            raised = refusal(self._failure)
            raise Refusal(UNAVAILABLE, raised.problems)
        raise Refusal(
            UNAVAILABLE,
            [problem("loading", "the law is still being loaded", hint="retry in a few seconds")],
        )

    def stamp(self, day: dt.date | None = None) -> dict[str, Any]:
        """What every JSON answer starts with: which decision, on which law, for which day,
        by which version of the package."""
        return {
            "decision_id": uuid.uuid4().hex,
            "ruleset": self.digest,
            "as_of": (day or dt.date.today()).isoformat(),
            "package_version": self.version,
        }
