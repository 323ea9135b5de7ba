"""Quick authoring check (temporary, until `regulations check` lands): parse every article's
rules and check codes against the vocabulary and registries.

Usage: python scripts/lint_rules.py rules/ordos.yaml [more files]
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import yaml
from lark import Lark, Tree
from lark.exceptions import UnexpectedInput

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from regulations import vocabulary as v  # noqa: E402

PARSER = Lark.open(str(ROOT / "src/engine/grammar.lark"), parser="lalr", propagate_positions=True)
FACTS = {
    "incident": {
        "kind",
        "severity",
        "date",
        "concealed",
        "falsely_reported",
        "measures_not_taken",
        "casualties",
    },
    "violation": {"concept", "date", "serious"},
    "assessment": {"year", "result", "date"},
    "supervision_order": {"measure", "issued", "deadline"},
    "rectification": {"measure", "date"},
    "sanction": {"measure", "date", "year"},
    "appeal": {"measure", "received", "status"},
    "mediation_agreement": {"date"},
    "drill": {"date"},
    "major_decision": {"date"},
    "large_event": {"date", "attendance"},
    "risk": {"kind", "date"},
}


def registry(stem: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for path in sorted(glob.glob(str(ROOT / "rules" / f"{stem}*.yaml"))):
        data = yaml.safe_load(open(path, encoding="utf-8")) or {}
        for key in data:
            if key in out:
                print(f"{path}: {stem} code {key!r} declared twice (also in another {stem} file)")
            out[key] = data[key]
    return out


CONCEPTS = registry("concepts")
PARAMS = registry("params")
problems = 0


def problem(where: str, msg: str) -> None:
    global problems
    problems += 1
    print(f"{where}: {msg}")


def check_tree(tree: Tree, where: str) -> None:
    for node in tree.iter_subtrees():
        d = node.data
        c = node.children
        if d == "duty_head":
            if str(c[1]) not in CONCEPTS:
                problem(where, f"unknown concept {c[1]} (add it to rules/concepts.<region>.yaml)")
        elif d == "sanction_head" or d == "escalate":
            lst = c[0] if d == "sanction_head" else c[1]
            for m in lst.children:
                if str(m) not in v.MEASURE_CODES:
                    problem(where, f"unknown measure {m}")
        elif d == "kind_subject":
            if str(c[0]) not in v.KIND_CODES:
                problem(where, f"unknown kind {c[0]}")
            if len(c) > 1:
                for lv in c[1].children:
                    if str(lv) not in v.LEVEL_CODES:
                        problem(where, f"unknown level {lv}")
        elif d == "tag_subject":
            if str(c[0]) not in v.TAG_CODES:
                problem(where, f"unknown tag {c[0]}")
        elif d in ("exists", "count"):
            fact = str(c[0])
            if fact not in FACTS:
                problem(where, f"unknown fact type {fact}")
                continue
            for t in c[1:]:
                if isinstance(t, Tree) and t.data in ("test", "test_in"):
                    if str(t.children[0]) not in FACTS[fact]:
                        problem(where, f"unknown field {fact}.{t.children[0]}")
        elif d in ("open_term", "param_value", "param_period"):
            if str(c[0]) not in PARAMS:
                problem(where, f"unknown param {c[0]} (add it to rules/params.<region>.yaml)")
        elif d == "role":
            if str(c[0]) not in ("co_actor", "lead"):
                problem(where, f"unknown role {c[0]}")
        elif d == "date_ref":
            if str(c[0]) not in FACTS or str(c[1]) not in FACTS[str(c[0])]:
                problem(where, f"unknown date reference {c[0]}.{c[1]}")


def articles_of(doc: dict) -> list[tuple[str, dict]]:
    if "versions" in doc:
        return [
            (ver["regulation"]["version"], a)
            for ver in doc["versions"]
            for a in ver.get("articles") or []
        ]
    return [("", a) for a in doc.get("articles") or []]


for path in sys.argv[1:]:
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    for version, art in articles_of(doc):
        ident = art.get("article", art.get("provision"))
        where = f"{path} {version} article {ident}"
        src = art.get("rules") or ""
        try:
            tree = PARSER.parse(src)
        except UnexpectedInput as exc:
            problem(
                where,
                f"syntax error at rule line {exc.line} col {exc.column}: {str(exc).splitlines()[0]}",
            )
            continue
        check_tree(tree, where)
print(f"{problems} problem(s)")
sys.exit(1 if problems else 0)
