"""The compiled-rule cache: parsed and checked rule files, keyed by the files' content.

Loading the law from YAML means reading ~60k lines of YAML and parsing ~700 rules; the cache
keeps the result of that work (models, syntax trees, evaluation order) so that a fresh
process — the CLI — starts in a fraction of the time. Entries are keyed by a hash of every
rule file's path and bytes, the package version and the grammar, so a changed file is never
served from the cache. The cache lives in ``$REGULATIONS_CACHE_DIR`` (``off`` disables it),
else ``$XDG_CACHE_HOME/regulations``, else ``~/.cache/regulations``. It only ever speeds
things up: an unreadable or unwritable cache falls back to compiling, a damaged entry is
rebuilt, and only the MAX_ENTRIES entries used last are kept.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from importlib import metadata, resources
from pathlib import Path
from typing import Any

MAX_ENTRIES = 16
"""Cached libraries kept (one per distinct set of rule files; under 1 MB each); the ones used
longest ago are removed beyond it."""


def cache_dir() -> Path | None:
    """Where cached libraries are kept, or None when caching is off."""
    setting = os.environ.get("REGULATIONS_CACHE_DIR")
    if setting is not None:
        return None if setting.lower() in ("", "0", "off", "no") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "regulations"


_SHAPES = ("engine", "regulations")
"""The packages whose code builds or checks what the cache holds: every module of them is
part of the key (a changed span, parser, check or model never serves an old entry)."""


@functools.cache
def _salt() -> str:
    try:
        version = metadata.version("regulations")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        version = "source"
    # the grammar and every module whose objects the cache holds or whose checks it skips
    digest = hashlib.sha256()
    for package in _SHAPES:
        root = resources.files(package)
        for name in sorted(p.name for p in root.iterdir() if p.name.endswith((".py", ".lark"))):
            digest.update(name.encode() + root.joinpath(name).read_bytes())
    return f"{version}:{digest.hexdigest()[:16]}"


def _path(key: str) -> Path | None:
    try:
        folder = cache_dir()
    except (RuntimeError, OSError, KeyError):  # no home directory to put it under
        return None
    if folder is None:
        return None
    name = hashlib.sha256(f"{_salt()}:{key}".encode()).hexdigest()[:32]
    return folder / f"library-{name}.pickle"


def fetch(key: str) -> Any | None:
    """The cached value for ``key``, or None (missing, unreadable or from another version)."""
    path = _path(key)
    try:
        if path is None or not path.is_file():  # is_file: a folder we may not enter fails
            return None
        with path.open("rb") as handle:
            value = pickle.load(handle)
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: kept longest when the cache is pruned
        return value
    except Exception:  # truncated, from another version, or not ours
        discard(key)
        return None


def discard(key: str) -> None:
    """Forget the cached value for ``key`` (one found unusable)."""
    path = _path(key)
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()


def store(key: str, value: Any) -> None:
    """Keep ``value`` for ``key``; written atomically, skipped when the folder is not writable."""
    path = _path(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(handle.name)
        return
    _prune(path.parent)


def _prune(folder: Path, keep: int = MAX_ENTRIES) -> None:
    """Keep the ``keep`` entries used last (a read touches its entry); remove the rest."""
    with contextlib.suppress(OSError):
        entries = []
        for entry in folder.glob("library-*.pickle"):
            with contextlib.suppress(OSError):  # another process may have removed it
                entries.append((entry.stat().st_mtime, entry))
        for _, entry in sorted(entries, reverse=True)[keep:]:
            with contextlib.suppress(OSError):
                entry.unlink()
