"""Limits on input, in one place: beyond them input is refused with a typed error (never a
crash, a hang or memory exhausted). Each can be raised where a caller needs more."""

from __future__ import annotations

MAX_FACTS_BYTES = 64 * 2**20
"""Largest facts file read (~1 M records); ``load_facts(max_bytes=…)``, ``--max-facts-mb``."""

MAX_YAML_DEPTH = 100
"""Deepest nesting of mappings and lists in a YAML or JSON file; real files nest < 10."""

MAX_ALIAS_GROWTH = 100_000
"""Nodes that YAML aliases may add beyond those written out (no "billion laughs")."""

MAX_RULE_TREE = 10_000
"""Files and folders walked under one rule folder before it is refused (a rule folder holds
a handful; `regulations check /` would walk the whole file system)."""

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

MAX_JOIN = 1_000_000
"""Combinations of one unit's facts a rule's condition may enumerate in one round before the
evaluation stops (``JoinLimitError`` naming the rule): aliases of one fact type joined with
nothing bounding them grow as the cube of the unit's facts. ``evaluate(max_join=…)``,
``explain(max_join=…)``; the shipped rules join no two facts of one type."""
