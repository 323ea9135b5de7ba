"""The compiled-rule cache only ever speeds things up: a damaged entry is rebuilt, the
cache stays small, and what it serves is what compiling gives."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import regulations
from regulations import library
from regulations.cache import MAX_ENTRIES


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REGULATIONS_CACHE_DIR", str(tmp_path))
    return tmp_path


def answer() -> object:
    """An answer from the rules loaded now (load() keeps nothing in memory: each call reads
    the files, then the cache or the rules, as a new process does)."""
    law = regulations.load()
    return regulations.applies("ordos", "school", as_of="2025-06-30", library=law).to_json()


def test_a_cached_library_answers_as_a_compiled_one(cache: Path) -> None:
    compiled = answer()
    (entry,) = cache.glob("library-*.pickle")
    assert answer() == compiled
    assert list(cache.glob("library-*.pickle")) == [entry]


@pytest.mark.parametrize("content", [pickle.dumps(42), pickle.dumps({}), b"\x80\x05garbage", b""])
def test_a_damaged_entry_is_rebuilt(cache: Path, content: bytes) -> None:
    compiled = answer()
    (entry,) = cache.glob("library-*.pickle")
    entry.write_bytes(content)
    assert answer() == compiled
    assert "parsed" in pickle.loads(entry.read_bytes())  # replaced by a good entry


def test_the_cache_keeps_the_entries_used_last(
    cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("rules")
    source = (library.shipped_rules() / "hohhot.yaml").read_text(encoding="utf-8")
    for n in range(MAX_ENTRIES + 3):  # as many distinct rule sets
        (folder / "hohhot.yaml").write_text(source + f"\n# {n}\n", encoding="utf-8")
        regulations.load(folder, builtin=False)
    assert len(list(cache.glob("library-*.pickle"))) == MAX_ENTRIES


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
