"""A rule about one kind of risk reads the kind (``risk(kind = …)``); a rule that reads a
risk of any kind is listed in any_risk.yaml with the words of its article that reach every
kind, so a new bare ``risk()`` is a decision someone wrote down, not an oversight."""

from __future__ import annotations

from pathlib import Path

import yaml

import regulations
from engine import ast

LISTED = yaml.safe_load((Path(__file__).parent / "any_risk.yaml").read_text(encoding="utf-8"))


def risk_readers() -> dict[str, tuple[bool, str]]:
    """Each rule reading a risk → (whether every risk it reads names a kind, its article's text)."""
    found: dict[str, tuple[bool, str]] = {}
    for entry in regulations.load().entries():
        for rule in entry.rules.rules:
            reads = [
                c
                for c in ast.walk(rule.node)
                if isinstance(c, ast.Exists | ast.Count) and c.fact == "risk"
            ]
            if not reads:
                continue
            article = next(a for a in entry.regulation.articles if a.number == rule.meta["article"])
            texts = [article.text or ""] + [w.text for w in article.wordings or ()]
            kinded = all(any(t.field_name == "kind" for t in c.tests) for c in reads)
            was = found.get(rule.id, (True, ""))
            found[rule.id] = (kinded and was[0], was[1] + "\n".join(texts))
    return found


def test_every_rule_reading_a_risk_of_any_kind_is_listed_with_its_reason() -> None:
    readers = risk_readers()
    bare = {rule for rule, (kinded, _) in readers.items() if not kinded}
    assert sorted(bare - LISTED.keys()) == [], (
        "these rules read risk() with no kind: name the kind(s) their article is about, "
        "or list them in any_risk.yaml with the words that reach every kind"
    )
    assert sorted(LISTED.keys() - bare) == [], "listed in any_risk.yaml but read a kind"


def test_the_listed_words_stand_in_the_article() -> None:
    readers = risk_readers()
    for rule, entry in LISTED.items():
        assert entry["words"] in readers[rule][1], f"{rule}: {entry['words']!r} not in its article"
        assert entry["why"].strip(), rule
