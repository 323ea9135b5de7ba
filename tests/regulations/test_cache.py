"""The compiled-rule cache only ever speeds things up: what it serves is what compiling
gives, it stays small, and nothing in it is unpickled that someone else could have written
(the folder, the key and every entry the user's alone; every entry signed with the user's
key and checked before it is read)."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest

import regulations
from regulations import cache as cached
from regulations import library
from regulations.cache import KEY_FILE, MAX_ENTRIES, CacheWarning


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REGULATIONS_CACHE_DIR", str(folder))
    return folder


def answer() -> object:
    """An answer from the rules loaded now (load() keeps nothing in memory: each call reads
    the files, then the cache or the rules, as a new process does)."""
    law = regulations.load()
    return regulations.applies("ordos", "school", as_of="2025-06-30", library=law).to_json()


def entry_of(folder: Path) -> Path:
    (entry,) = folder.glob("library-*.entry")
    return entry


class Planted:
    """What another user would plant: unpickling it makes a folder (it could do anything)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


def test_a_cached_library_answers_as_a_compiled_one(cache: Path) -> None:
    compiled = answer()
    entry = entry_of(cache)
    assert answer() == compiled
    assert list(cache.glob("library-*.entry")) == [entry]


def test_the_folder_the_key_and_the_entries_are_the_users_alone(cache: Path) -> None:
    answer()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache / KEY_FILE).stat().st_mode) == 0o600
    assert len((cache / KEY_FILE).read_bytes()) == 32
    assert stat.S_IMODE(entry_of(cache).stat().st_mode) & 0o077 == 0


def test_a_served_entry_is_read_without_compiling(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = answer()

    def no_compiling(*_: object) -> None:
        raise AssertionError("compiled although the cache holds these files")

    monkeypatch.setattr(library, "_build", no_compiling)
    assert answer() == compiled


@pytest.mark.parametrize("content", [b"", b"garbage", pickle.dumps({}), pickle.dumps(42)])
def test_an_entry_without_the_users_signature_is_not_read_and_is_rebuilt(
    cache: Path, content: bytes
) -> None:
    compiled = answer()
    entry = entry_of(cache)
    good = entry.read_bytes()
    entry.write_bytes(content)
    with pytest.warns(CacheWarning, match="not one this version wrote|signature"):
        assert answer() == compiled
    assert entry.read_bytes()[:64] == good[:64]  # replaced by a good entry, signed again


def test_a_planted_entry_never_runs(cache: Path, tmp_path: Path) -> None:
    """An entry written by someone without the user's key — in the format, under the name
    the cache looks for, even with the key's id copied — is refused before unpickling."""
    compiled = answer()
    entry = entry_of(cache)
    head = entry.read_bytes()[: cached._HEAD]
    marker = tmp_path / "ran"
    body = pickle.dumps(Planted(marker))
    forged = head[: cached._HEAD - 32] + bytes(32) + body
    entry.write_bytes(forged)
    with pytest.warns(CacheWarning, match="does not carry your key's signature"):
        assert answer() == compiled
    assert not marker.exists()


def test_an_entry_signed_with_another_key_is_not_read(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user's cache copied in (their key, their signature): stale, rebuilt."""
    other = tmp_path / "other"
    monkeypatch.setenv("REGULATIONS_CACHE_DIR", str(other))
    compiled = answer()
    monkeypatch.setenv("REGULATIONS_CACHE_DIR", str(cache))
    answer()
    mine = entry_of(cache).read_bytes()
    entry_of(cache).write_bytes(entry_of(other).read_bytes())

    def no_unpickling(*_: object) -> None:
        raise AssertionError("an entry signed with another key was unpickled")

    monkeypatch.setattr(cached.pickle, "loads", no_unpickling)
    assert cached.fetch("anything") is None
    assert answer() == compiled
    assert entry_of(cache).read_bytes()[: cached._HEAD - 32] == mine[: cached._HEAD - 32]


def test_an_entry_others_can_write_is_not_read(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = answer()
    entry = entry_of(cache)
    entry.chmod(0o666)
    with pytest.warns(CacheWarning, match="not yours alone"):
        assert answer() == compiled
    assert stat.S_IMODE(entry_of(cache).stat().st_mode) & 0o022 == 0  # rebuilt, private


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_an_entry_of_another_user_is_not_read(cache: Path) -> None:
    compiled = answer()
    os.chown(entry_of(cache), 12345, -1)
    with pytest.warns(CacheWarning, match="belongs to another user"):
        assert answer() == compiled
    assert entry_of(cache).stat().st_uid == os.geteuid()


def test_a_folder_of_another_user_is_not_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = answer()
    entry = entry_of(cache)
    entry.write_bytes(b"would be refused anyway")
    real = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real + 1)
    with pytest.warns(CacheWarning, match="belongs to another user.*not used"):
        assert answer() == compiled
    assert entry.read_bytes() == b"would be refused anyway"  # not touched, not read


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777])
def test_a_folder_others_can_write_is_not_used(cache: Path, mode: int) -> None:
    compiled = answer()
    cache.chmod(mode)
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    with pytest.warns(CacheWarning, match="not yours alone.*not used"):
        assert answer() == compiled
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before


@pytest.mark.parametrize("mode", [0o644, 0o660, 0o622])
def test_a_key_others_can_read_or_write_turns_the_cache_off(cache: Path, mode: int) -> None:
    compiled = answer()
    (cache / KEY_FILE).chmod(mode)
    with pytest.warns(CacheWarning, match="cache key .* not yours alone"):
        assert answer() == compiled


def test_a_damaged_key_turns_the_cache_off(cache: Path) -> None:
    compiled = answer()
    (cache / KEY_FILE).write_bytes(b"short")
    with pytest.warns(CacheWarning, match="damaged"):
        assert answer() == compiled


def test_a_new_key_makes_the_old_entries_stale(cache: Path) -> None:
    compiled = answer()
    old = entry_of(cache).read_bytes()
    (cache / KEY_FILE).unlink()
    assert answer() == compiled  # silently: written before the key was renewed
    assert entry_of(cache).read_bytes() != old


def test_the_cache_keeps_the_entries_used_last(
    cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("rules")
    source = (library.shipped_rules() / "hohhot.yaml").read_text(encoding="utf-8")
    for n in range(MAX_ENTRIES + 3):  # as many distinct rule sets
        (folder / "hohhot.yaml").write_text(source + f"\n# {n}\n", encoding="utf-8")
        regulations.load(folder, builtin=False)
    assert len(list(cache.glob("library-*.entry"))) == MAX_ENTRIES


def test_an_unusable_cache_place_falls_back_to_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGULATIONS_CACHE_DIR", str(tmp_path / ("x" * 300)))  # name too long
    assert answer() == regulations.applies("ordos", "school", as_of="2025-06-30").to_json()

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory")

    monkeypatch.delenv("REGULATIONS_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    assert answer()


def test_a_warning_on_the_command_line_is_one_line_and_the_answer_stands(
    cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from regulations.cli.main import main

    answer()
    cache.chmod(0o777)
    assert main(["applies", "ordos", "--kind", "school"]) == 0
    out, err = capsys.readouterr()
    assert "ordos" in out
    (line,) = err.splitlines()  # once, though the cache was asked twice (read, then write)
    assert line.startswith("warning: the cache folder ") and "chmod 700" in line
    assert main(["applies", "ordos", "--kind", "school", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["regulation"]
    (line,) = err.splitlines()
    assert "chmod 700" in json.loads(line)["warning"]
