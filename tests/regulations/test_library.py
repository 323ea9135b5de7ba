"""Loading rule folders: every rule file found, nothing skipped in silence."""

from __future__ import annotations

from pathlib import Path

import regulations
from regulations import library


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
