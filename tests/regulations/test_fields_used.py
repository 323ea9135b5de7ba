"""Every fact type and field a facts file accepts is read by a shipped rule (or by the
mechanism that settles open terms and duties), or is documented as informational."""

from __future__ import annotations

from pathlib import Path

import regulations
from engine import ast
from regulations.facts import FACT_MODELS, INFORMATIONAL

DOCS = (Path(__file__).parents[2] / "docs" / "facts.md").read_text(encoding="utf-8")


def read_fields() -> set[tuple[str, str]]:
    """(fact type, field) read by the shipped rules, the open terms and the duties."""
    library = regulations.load()
    schema = library.entries()[0].rules.schema
    found: set[tuple[str, str]] = set()
    for entry in library.entries():
        for rule in entry.rules.rules:
            node = rule.node
            aliases: dict[str, str] = {}
            for c in ast.walk(node):
                if isinstance(c, ast.Exists | ast.Count):
                    found.add((c.fact, schema.facts[c.fact].date_field))
                    if isinstance(c, ast.Exists) and c.alias:
                        aliases[c.alias] = c.fact
                    for test in c.tests:
                        found.add((c.fact, test.field_name))
            for c in ast.walk(node):
                if isinstance(c, ast.Compare):
                    for side in (c.left, c.right):
                        if isinstance(side, ast.Operand) and side.ref != "unit":
                            found.add((aliases.get(side.ref, side.ref), side.field_name))
            due = node.due
            refs = [getattr(due, "after", None), getattr(due, "date", None), node.until]
            refs.append(node.until_year_of.ref if node.until_year_of else None)
            found |= {(r.fact, r.field_name) for r in refs if r is not None}
    for spec in schema.params.values():  # a flag of a fact settles an open term
        found |= set(spec.decided_by)
    deciding = {kind for spec in schema.params.values() for kind, _ in spec.decided_by}
    for kind, names in schema.fact_links().items():  # … and a link carries it to a case
        for name in names:
            if kind in deciding or deciding & set(schema.facts[kind].fields[name].targets):
                found.add((kind, name))
    # a decision given as a fact is the sanction derived on the fact its ground names
    found |= {(fact, schema.decision_ground or "") for fact in schema.decision_facts}
    found |= {(fact, "measure") for fact in schema.decision_facts}
    fulfil = schema.fulfilment_fact or ""  # what makes a duty met
    found |= {(fulfil, "concept"), (fulfil, "date"), (fulfil, schema.fulfilment_link or "")}
    return found


def test_every_field_is_read_or_documented_as_informational() -> None:
    found = read_fields()
    performing = {m.fact_type for m in FACT_MODELS if m.performs}  # read as a performance
    unread = [
        (m.fact_type, name)
        for m in FACT_MODELS
        for name in m.model_fields
        if name not in ("unit", "id")  # every fact's own; ids are what links read
        and m.fact_type not in performing
        and (m.fact_type, name) not in found
        and (m.fact_type, name) not in INFORMATIONAL
    ]
    assert not unread, f"read by no rule and not documented as informational: {unread}"


def test_informational_fields_are_documented_and_read_by_no_rule() -> None:
    found = read_fields()
    for (fact, field), why in INFORMATIONAL.items():
        assert (fact, field) not in found, f"{fact}.{field} is read: drop it from INFORMATIONAL"
        assert f"`{field}`" in DOCS and why
