"""Limits on input, in one place: beyond them input is refused with a typed error (never a
crash, a hang or memory exhausted). Each can be raised where a caller needs more."""

from __future__ import annotations

MAX_FACTS_BYTES = 64 * 2**20
"""Largest facts file read (~1 M records); ``load_facts(max_bytes=…)``, ``--max-facts-mb``."""

MAX_YAML_DEPTH = 100
"""Deepest nesting of mappings and lists in a YAML or JSON file; real files nest < 10."""

MAX_ALIAS_GROWTH = 100_000
"""Nodes that YAML aliases may add beyond those written out (no "billion laughs")."""

MAX_SUGGESTED = 20
"""Problems of one kind in a facts file that get a did-you-mean (each compares the name
with every unit id; thousands of them would take minutes). Later ones are reported without."""

MAX_GENERATED_UNITS = 100
"""Most units ``regulations.testing.fact_sets(max_units=…)`` draws in one facts set
(hypothesis' examples hold a few thousand choices; more units would not fit)."""

MAX_ROUNDS = 100
"""Forward-chaining rounds per unit before an evaluation is stopped as runaway
(``EvaluationLimitError`` naming the rules still deriving); ``evaluate(max_rounds=…)``,
``explain(max_rounds=…)``. The shipped rules settle within a handful."""
