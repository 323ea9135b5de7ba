"""The compiled-rule cache: parsed and checked rule files, keyed by the files' content.

Loading the law from YAML means reading ~60k lines of YAML and parsing ~700 rules; the cache
keeps the result of that work (models, syntax trees, evaluation order) so that a fresh
process — the CLI — starts in a fraction of the time. Entries are keyed by a hash of every
rule file's path and bytes, the package version and the grammar, so a changed file is never
served from the cache. The cache lives in ``$REGULATIONS_CACHE_DIR`` (``off`` disables it),
else ``$XDG_CACHE_HOME/regulations``, else ``~/.cache/regulations``: the user's own. It only
ever speeds things up: an unreadable or unwritable cache falls back to compiling, and only
the MAX_ENTRIES entries used last are kept.

What it trusts (docs/errors.md, "The compiled-rule cache"): an entry is a pickle, and
unpickling runs code, so nothing is unpickled that someone else could have written. The
folder must belong to the user and be writable by no one else; every entry and the key must
belong to the user and be writable by no one else (checked on the opened file); and every
entry carries an HMAC-SHA256 signature, made with a key of 32 random bytes kept in the
folder (``key``, readable by the user alone), over the entry's cache key and its bytes —
verified before a byte is unpickled. An entry that fails any of these is never read: it is
removed, the rules are compiled, and a ``CacheWarning`` says why. A folder or key that
fails them turns the cache off for the process, with a ``CacheWarning``. Entry names are
a hash of what they hold, predictable by design: a signed entry cannot be planted, and
a stale or moved one does not verify (the signature covers the cache key).

A pickle signed with a key, not a format that cannot run code (JSON of the compiled data),
by measurement: the compiled law is 1.5 MB pickled; unpickling it takes ~55 ms and checking
its signature ~2 ms, where JSON of the same objects (3.9 MB) took ~125 ms to parse and
~210 ms more to build the objects again — above the 0.3 s a warm `regulations applies` has
in all (docs/performance.md).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import tempfile
import warnings
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from regulations.errors import shown_path

MAX_ENTRIES = 16
"""Cached libraries kept (one per distinct set of rule files; under 2 MB each); the ones used
longest ago are removed beyond it."""

KEY_FILE = "key"
"""The signing key's file in the cache folder: 32 random bytes, the user's alone (0600)."""

_MAGIC = b"regulations-cache-1\n"  # then the key's id (8 bytes), the signature (32), the pickle
_KEY_SIZE = 32
_ID_SIZE = 8
_HEAD = len(_MAGIC) + _ID_SIZE + hashlib.sha256().digest_size


class CacheWarning(UserWarning):
    """The cache was not used, or an entry in it was refused: what was found, and the fix.
    The answer is not affected (the rules were compiled instead)."""


class _Refused(Exception):
    """A file of the cache that must not be trusted (the reason is the message)."""


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


def _warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=4)


def _owned(info: os.stat_result, what: str, private: bool = False) -> None:
    """Refuse a file or folder of the cache that another user owns or could write (or, when
    ``private``, read). Where the system has no owners (Windows), the signature alone guards."""
    user = os.geteuid() if hasattr(os, "geteuid") else None
    if user is not None and info.st_uid != user:
        raise _Refused(f"{what} belongs to another user (uid {info.st_uid}, you are {user})")
    others = 0o077 if private else 0o022
    if user is not None and info.st_mode & others:
        mode = stat.filemode(info.st_mode)
        who = "group or others can read or write it" if private else "group or others can write it"
        raise _Refused(f"{what} is not yours alone ({mode}: {who})")


def _folder() -> Path | None:
    """The cache folder, made if missing, when it is the user's alone; else None (off)."""
    try:
        folder = cache_dir()
    except (RuntimeError, OSError, KeyError):  # no home directory to put it under
        return None
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _owned(folder.stat(), f"the cache folder {shown_path(folder)}")
    except OSError:  # cannot be made or looked at: compile without it
        return None
    except _Refused as exc:
        _warn(
            f"{exc}; the compiled-rule cache is not used. Make it yours alone "
            f"(chmod 700), or set REGULATIONS_CACHE_DIR to a folder of your own, or off"
        )
        return None
    return folder


def _read_private(path: Path, what: str, private: bool = False) -> bytes:
    """A file's bytes, read from the file checked (owner and mode of the opened file, so a
    file swapped in after a check is not read)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(f"{what} is not a regular file")
        _owned(info, what, private)
        return handle.read()


def _key(folder: Path) -> bytes | None:
    """The user's signing key, made on first use; None (with a warning) when the key file is
    not the user's alone."""
    path = folder / KEY_FILE
    for _ in range(2):  # made by another process between the two tries: read theirs
        try:
            key = _read_private(path, f"the cache key {shown_path(path)}", private=True)
        except FileNotFoundError:
            _make_key(path)
            continue
        except OSError:
            return None
        except _Refused as exc:
            _warn(f"{exc}; the compiled-rule cache is not used. Remove the key file")
            return None
        if len(key) != _KEY_SIZE:
            _warn(
                f"the cache key {shown_path(path)} is damaged; the compiled-rule cache is not used"
            )
            return None
        return key
    return None


def _make_key(path: Path) -> None:
    """Write a new key where there is none, whole or not at all (a reader never sees half)."""
    with contextlib.suppress(OSError):
        handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(_KEY_SIZE))
            with contextlib.suppress(FileExistsError):
                os.link(name, path)  # fails if another process made one first: theirs stays
        finally:
            os.unlink(name)


def _sign(key: bytes, name: str, body: bytes) -> bytes:
    return hmac.new(key, name.encode() + b"\0" + body, hashlib.sha256).digest()


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"key-id\0" + key).digest()[:_ID_SIZE]


def _name(key: str) -> str:
    return hashlib.sha256(f"{_salt()}:{key}".encode()).hexdigest()[:32]


def fetch(key: str) -> Any | None:
    """The cached value for ``key``, or None (missing, unreadable, from another version or
    another key, or refused: see the module's docstring)."""
    folder = _folder()
    secret = None if folder is None else _key(folder)
    if folder is None or secret is None:
        return None
    name = _name(key)
    path = folder / f"library-{name}.entry"
    try:
        data = _read_private(path, f"the cache entry {shown_path(path)}")
        if not data.startswith(_MAGIC) or len(data) < _HEAD:
            raise _Refused(f"the cache entry {shown_path(path)} is not one this version wrote")
        signed_by = data[len(_MAGIC) : len(_MAGIC) + _ID_SIZE]
        body = data[_HEAD:]
        if signed_by != _key_id(secret):  # written before the key was renewed: stale
            _remove(path)
            return None
        if not hmac.compare_digest(data[len(_MAGIC) + _ID_SIZE : _HEAD], _sign(secret, name, body)):
            raise _Refused(
                f"the cache entry {shown_path(path)} does not carry your key's signature"
            )
        value = pickle.loads(body)  # signed by this user's key: written by this library
    except OSError:  # missing, or cannot be read: compile
        return None
    except _Refused as exc:
        _warn(f"{exc}; it was not read (removed, and the rules compiled)")
        _remove(path)
        return None
    except Exception:  # signed but not readable by this code (a class changed): rebuild
        _remove(path)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: kept longest when the cache is pruned
    return value


def discard(key: str) -> None:
    """Forget the cached value for ``key`` (one found unusable)."""
    folder = _folder()
    if folder is not None:
        _remove(folder / f"library-{_name(key)}.entry")


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def store(key: str, value: Any) -> None:
    """Keep ``value`` for ``key``, signed; written atomically (readable by the user alone),
    skipped when the folder is not usable."""
    folder = _folder()
    secret = None if folder is None else _key(folder)
    if folder is None or secret is None:
        return
    name = _name(key)
    try:
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    try:
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(_MAGIC + _key_id(secret) + _sign(secret, name, body) + body)
        os.replace(handle.name, folder / f"library-{name}.entry")
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(handle.name)
        return
    _prune(folder)


def _prune(folder: Path, keep: int = MAX_ENTRIES) -> None:
    """Keep the ``keep`` entries used last (a read touches its entry); remove the rest, and
    entries of an earlier format."""
    with contextlib.suppress(OSError):
        entries = []
        for entry in folder.glob("library-*"):
            if entry.suffix != ".entry":
                _remove(entry)
                continue
            with contextlib.suppress(OSError):  # another process may have removed it
                entries.append((entry.stat().st_mtime, entry))
        for _, entry in sorted(entries, reverse=True)[keep:]:
            _remove(entry)
