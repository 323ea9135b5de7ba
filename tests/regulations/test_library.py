"""Loading rule folders: every rule file found, nothing skipped in silence."""

from __future__ import annotations

import gc
import os
import weakref
from pathlib import Path
from typing import Any

import pytest

import regulations
from regulations import library
from regulations.limits import MAX_RULE_TREE


def test_a_rule_folder_is_read_with_its_linked_subfolders_once(tmp_path: Path) -> None:
    """A subfolder reached through a link is read (not skipped in silence), and a link back
    up the tree does not loop."""
    real, top = tmp_path / "real", tmp_path / "top"
    real.mkdir()
    top.mkdir()
    source = (library.shipped_rules() / "hohhot.yaml").read_text(encoding="utf-8")
    (real / "hohhot.yaml").write_text(source, encoding="utf-8")
    (top / "sub").symlink_to(real, target_is_directory=True)
    (real / "up").symlink_to(top, target_is_directory=True)
    assert regulations.load(top, builtin=False).refs == ("hohhot",)


def test_the_digest_names_the_rule_files_read_not_where_they_lie(tmp_path: Path) -> None:
    """Which law answered: the same files in two folders give one digest; a changed article
    text gives another."""
    source = (library.shipped_rules() / "hohhot.yaml").read_text(encoding="utf-8")
    first, second, changed = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder, text in ((first, source), (second, source), (changed, source + "\n# edited\n")):
        folder.mkdir()
        (folder / "hohhot.yaml").write_text(text, encoding="utf-8")
    digests = [regulations.load(f, builtin=False).digest for f in (first, second, changed)]
    assert len(digests[0]) == 64
    assert digests[0] == digests[1] != digests[2]
    assert regulations.load().digest not in digests


def test_a_file_that_cannot_be_read_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One unreadable rule file is one problem: it is tried once, not read again to be
    loaded (each try may fail its own way, and both were reported)."""
    bad = tmp_path / "hohhot.yaml"
    bad.write_text("regulation: {}\n", encoding="utf-8")
    tries = []
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == bad:
            tries.append(path)
            raise OSError(5, f"Input/output error (try {len(tries)})")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(regulations.LoadError) as caught:
        regulations.load(tmp_path, builtin=False)
    found = [d for d in caught.value.diagnostics if d.code == "unreadable"]
    assert [d.message for d in found] == [f"cannot read {str(bad)!r}: Input/output error (try 1)"]
    assert len(tries) == 1


def test_a_query_without_a_library_answers_from_the_shipped_rules_loaded_once() -> None:
    """``library=None`` is the shipped library, read once and shared; ``load()`` reads the
    files again and gives a library of its own, with the same law."""
    regulations.applies("ordos", "school")
    assert library.using(None) is library.using(None) is library.shipped()
    again = regulations.load()
    assert again is not library.shipped()
    assert again.digest == library.shipped().digest


def test_a_library_and_what_queries_derived_from_it_go_when_the_caller_drops_it() -> None:
    """Nothing in the process keeps a loaded library alive: what queries derive from an
    entry (its binding rules per unit profile, its rule views) is kept with the entry."""
    law = regulations.load()
    answer = regulations.applies("ordos", "school", library=law)
    entry = law.entry("ordos")
    assert {"binding", "views", "ordered"} <= set(entry._derived)
    assert regulations.applies("ordos", "school", library=law) == answer  # from what is kept
    gone = weakref.ref(law), weakref.ref(entry.rules)
    del law, entry
    gc.collect()
    assert [ref() for ref in gone] == [None, None]


def test_a_file_saved_while_loading_never_leaves_a_stale_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key is computed from exactly the bytes compiled: a file saved just after it
    was read gives the law as read (under that text's key), and the saved text is compiled
    under its own key when next loaded — never the new law under the old key."""
    monkeypatch.setenv("REGULATIONS_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    folder.mkdir()
    file = folder / "hohhot.yaml"
    before = (library.shipped_rules() / "hohhot.yaml").read_text(encoding="utf-8")
    after = before.replace("title: 呼和浩特市市域社会治理促进条例", "title: 保存后的条例", 1)
    assert after != before
    file.write_text(before, encoding="utf-8")
    real_read = Path.read_bytes

    def read_then_saved(path: Path) -> bytes:
        data = real_read(path)
        if path == file:  # the editor saves the new text right after this read
            file.write_text(after, encoding="utf-8")
        return data

    def title() -> str:
        return regulations.load(folder, builtin=False).regulation("hohhot").meta.title

    with monkeypatch.context() as saving:
        saving.setattr(Path, "read_bytes", read_then_saved)
        assert title() == "呼和浩特市市域社会治理促进条例"  # the bytes read, hashed and compiled
    assert title() == "保存后的条例"  # the saved text, under its own key
    file.write_text(before, encoding="utf-8")
    assert title() == "呼和浩特市市域社会治理促进条例"  # the first text's entry holds the first law


def _rule_tree(tmp_path: Path) -> tuple[Path, Path]:
    """A rule folder with Hohhot's regulation in a subfolder."""
    top = tmp_path / "rules"
    sub = top / "sub"
    sub.mkdir(parents=True)
    source = (library.shipped_rules() / "hohhot.yaml").read_text(encoding="utf-8")
    (sub / "hohhot.yaml").write_text(source, encoding="utf-8")
    return top, sub


def test_an_unreadable_subfolder_is_a_problem_never_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A subfolder the walk cannot enter (no permission) is a finding of `check`, with its
    path, and an error of load — not a folder quietly left out, its regulations unknown."""
    from regulations.cli.main import main

    top, sub = _rule_tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path) == str(sub):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(regulations.LoadError) as caught:
        regulations.load(top, builtin=False)
    (problem,) = caught.value.diagnostics
    assert problem.code == "unreadable"
    assert problem.message == f"cannot read the folder {str(sub)!r}: Permission denied"
    assert main(["check", str(top)]) == 1
    out = capsys.readouterr().out
    assert f"cannot read the folder {str(sub)!r}" in out
    assert "1 problem(s)" in out


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_a_subfolder_without_permission_is_a_problem(tmp_path: Path) -> None:
    top, sub = _rule_tree(tmp_path)
    sub.chmod(0)
    try:
        with pytest.raises(regulations.LoadError, match="cannot read the folder"):
            regulations.load(top, builtin=False)
    finally:
        sub.chmod(0o700)


def test_a_tree_too_big_to_be_a_rule_folder_is_refused_naming_the_limit(tmp_path: Path) -> None:
    """`check /` does not walk the whole file system: beyond MAX_RULE_TREE files and folders
    the path is refused, saying so and how to narrow it."""
    top, sub = _rule_tree(tmp_path)
    for n in range(MAX_RULE_TREE - 1):  # with the subfolder and the rule file: one too many
        (sub / f"note-{n}.txt").touch()
    with pytest.raises(regulations.LoadError) as caught:
        regulations.load(top, builtin=False)
    (problem,) = caught.value.diagnostics
    assert problem.code == "limit"
    assert f"more than {MAX_RULE_TREE:,} files and folders" in problem.message
    assert "MAX_RULE_TREE" in problem.message
    assert "give the folder that holds the rule files" in problem.hint
    (sub / "note-0.txt").unlink()  # at the limit: read
    assert regulations.load(top, builtin=False).refs == ("hohhot",)
