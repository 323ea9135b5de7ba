"""Golden files per engine stage (tests/fixtures/stages): for each stage, cases written as
input (STAGE.yaml) and what the stage makes of them, as recorded (STAGE.out). The toy schema
(toyschema.py) is the vocabulary, so nothing of the shipped law moves them.

    parse       rule text → the syntax tree
    check       rule text → every problem found, located
    dependency  rule text → what each rule reads and derives, the strata (or a located cycle)
    match       rule text and facts → every way the first rule's condition holds
    runtime     rule text, facts, a day and open terms → conclusions, open questions, derived
                facts (deadlines counted here too)
    explain     the same → why each conclusion holds, and why each other rule did not fire

A case of STAGE.yaml:

```yaml
- title: an aliased pair of incidents within the window
  rules: |
    sanction veto "x"
      who org
      when incident() as a and incident() as b and b.date > a.date
  facts:                       # optional; each for the subject, named #1, #2… in the output
    - {type: incident, kind: crime, severity: major, date: 2024-03-01}
  subject: {id: b1, kind: bank, level: county}    # optional (this one is the default)
  as_of: 2024-06-01            # optional (this one is the default)
  params: {serious: true}      # optional
  calendar: weekends           # optional: else calendar days only
```

They are recorded with the CLI's golden tables, by one command (then read the diff):

    python tests/support/goldens.py --record
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from toyschema import SCHEMA, Appeal, Incident, Performed, Subject

from engine import (
    Evaluator,
    RuleError,
    RuleSource,
    WeekendCalendar,
    check_all,
    compile_sources,
    parse_all,
)
from engine import explain as trace
from engine.context import Context
from engine.span import Origin

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "stages"
STAGES = ("parse", "check", "dependency", "match", "runtime", "explain")
FACTS = {"incident": Incident, "appeal": Appeal, "performed": Performed}
BANK = {"id": "b1", "kind": "bank", "level": "county"}
DAY = dt.date(2024, 6, 1)


@dataclass(frozen=True)
class Case:
    """One case of a stage's input, and its facts, each with the name it is shown by."""

    title: str
    data: dict[str, Any]

    @property
    def sources(self) -> list[RuleSource]:
        origin = Origin("stage.yaml", 1, 1, self.title)
        return [RuleSource("t.1", self.data["rules"], origin, {"article": 1})]

    @property
    def subject(self) -> Subject:
        fields = {**BANK, **self.data.get("subject", {})}
        fields["tags"] = frozenset(fields.get("tags", ()))
        return Subject(**fields)

    def facts(self) -> list[Any]:
        made = []
        for record in self.data.get("facts", ()):
            fields = dict(record)
            made.append(FACTS[fields.pop("type")](unit=self.subject.id, **fields))
        return made

    def evaluator(self) -> Evaluator:
        calendar = WeekendCalendar() if self.data.get("calendar") == "weekends" else None
        rules = compile_sources(self.sources, SCHEMA)
        day = self.data.get("as_of", DAY)
        return Evaluator(rules, as_of=day, params=self.data.get("params"), calendar=calendar)


class Names:
    """The names facts are shown by: #1, #2… in the order given; a derived fact by what it
    is."""

    def __init__(self, facts: list[Any]) -> None:
        self._by_identity = {id(fact): f"#{n}" for n, fact in enumerate(facts, start=1)}

    def __call__(self, fact: Any) -> str:
        found = self._by_identity.get(id(fact))
        if found is not None:
            return found
        return f"{fact.fact_type}({fact.measure}, {_shown(fact.date)})"


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def tree(value: Any, indent: str = "") -> Iterator[str]:
    """A syntax tree as indented lines: a node's class, then each field that is set (spans
    left out: they are where, not what)."""
    if not dataclasses.is_dataclass(value):
        yield f"{indent}{value!r}"
        return
    yield f"{indent}{type(value).__name__}"
    for spec in dataclasses.fields(value):
        field_value = getattr(value, spec.name)
        if spec.name == "span" or field_value in (None, (), False, ""):
            continue
        if isinstance(field_value, tuple) and any(map(dataclasses.is_dataclass, field_value)):
            yield f"{indent}  {spec.name}:"
            for item in field_value:
                yield from tree(item, indent + "    ")
        elif dataclasses.is_dataclass(field_value):
            yield f"{indent}  {spec.name}:"
            yield from tree(field_value, indent + "    ")
        else:
            yield f"{indent}  {spec.name}: {field_value!r}"


def _problems(exc: RuleError) -> Iterator[str]:
    for d in exc.diagnostics:
        where = f"{d.span.line}:{d.span.column}" if d.span else "-"
        yield f"{d.code} at {where}: {d.message}"
        if d.hint:
            yield f"  hint: {d.hint}"


def parse(case: Case) -> Iterator[str]:
    parsed, problems = parse_all(case.sources)
    if problems:
        yield from _problems(RuleError(problems))
    for _, rules in parsed:
        for rule in rules:
            yield from tree(rule)


def check(case: Case) -> Iterator[str]:
    parsed, problems = parse_all(case.sources)
    problems += check_all(parsed, SCHEMA)
    yield from _problems(RuleError(problems)) if problems else iter(["no problems"])


def _pairs(pairs: frozenset[tuple[str, str]]) -> str:
    return ", ".join(f"{fact}.{name}" for fact, name in sorted(pairs)) or "-"


def dependency(case: Case) -> Iterator[str]:
    try:
        rules = compile_sources(case.sources, SCHEMA)
    except RuleError as exc:
        yield from _problems(exc)
        return
    for rule in rules.rules:
        yield f"{rule.id} {rule.node.modality} {rule.node.concept or ', '.join(rule.node.measures)}"
        yield f"  reads: {_pairs(rule.reads)}"
        yield f"  reads under a negation: {_pairs(rule.negative_reads)}"
        yield f"  writes: {_pairs(rule.writes)}"
        yield f"  requires: {', '.join(sorted(rule.requires)) or '-'}"
    for number, (stratum, recursive) in enumerate(zip(rules.strata, rules.recursive, strict=True)):
        ids = ", ".join(rule.id for rule in stratum)
        yield f"stratum {number + 1}: {ids}{' (recursive)' if recursive else ''}"


def match(case: Case) -> Iterator[str]:
    evaluator = case.evaluator()
    rule = evaluator.ruleset.rules[0]
    facts = case.facts()
    names = Names(facts)
    by_type: dict[str, list[Any]] = {}
    for fact in facts:
        by_type.setdefault(fact.fact_type, []).append(fact)
    if rule.when is None:
        yield "no condition beyond the subject's own fields"
        return
    ctx = Context(case.subject, by_type, evaluator.params, evaluator.as_of)
    found = 0
    for found, m in enumerate(rule.when(ctx, {}), start=1):
        bound = ", ".join(f"{k}={names(v)}" for k, v in m.env.items()) or "-"
        line = f"match {found}: bound {bound}; support {' '.join(map(names, m.support)) or '-'}"
        if m.needs:
            line += f"; needs {', '.join(sorted(m.needs))}"
        if m.since is not None:
            line += f"; since {_shown(m.since)}"
        yield line
    if not found:
        yield "no match"


def runtime(case: Case) -> Iterator[str]:
    facts = case.facts()
    names = Names(facts)
    result = case.evaluator().run([case.subject], facts).results[0]
    for c in result.conclusions:
        what = c.measure or c.rule.node.concept or c.rule.node.modality
        parts = [f"{c.kind} {what} ({c.rule.id})"]
        for label, value in (("from", c.start), ("due", c.due), ("until", c.until)):
            if value is not None:
                parts.append(f"{label} {_shown(value)}")
        if c.status is not None:
            parts.append(str(c.status))
        parts.extend(flag for flag in ("suspended", "escalated", "alternative") if getattr(c, flag))
        if c.support:
            parts.append(f"on {' '.join(map(names, c.support))}")
        yield " ".join(parts)
    for u in result.undetermined:
        escalation = f" (escalation to {', '.join(u.escalation)})" if u.escalation else ""
        support = f" on {' '.join(map(names, u.support))}" if u.support else ""
        yield f"undetermined {u.rule.id}{escalation}: needs {'; '.join(u.needs)}{support}"
    for fact in result.derived:
        yield f"derived {names(fact)} by {fact.rule}"
    if not (result.conclusions or result.undetermined):
        yield "nothing follows"


def explain(case: Case) -> Iterator[str]:
    facts = case.facts()
    evaluator = case.evaluator()
    result = evaluator.run([case.subject], facts).results[0]
    own: dict[str, list[Any]] = {}
    for fact in facts:
        own.setdefault(fact.fact_type, []).append(fact)
    fired = set()
    for c in result.conclusions:
        fired.add(c.rule.id)
        yield from trace.why(c, result, SCHEMA.facts, _cite, evaluator, own).lines()
    for rule in evaluator.ruleset.rules:
        if rule.id not in fired:
            yield from trace.why_not(rule, case.subject, own, evaluator, result, _cite).lines()


def _cite(rule: Any) -> str:
    return f"article {rule.meta['article']}"


RENDER = {
    "parse": parse,
    "check": check,
    "dependency": dependency,
    "match": match,
    "runtime": runtime,
    "explain": explain,
}


def cases(stage: str) -> list[Case]:
    data = yaml.safe_load((FOLDER / f"{stage}.yaml").read_text(encoding="utf-8"))
    return [Case(item["title"], item) for item in data]


def rendered(case: Case, stage: str) -> str:
    """What a stage makes of one case, as its golden file holds it (after its title)."""
    return "\n".join(RENDER[stage](case))


def recorded(stage: str) -> dict[str, str]:
    """A stage's golden file, by case title."""
    text = StageGolden(stage).file.read_text(encoding="utf-8")
    sections = {}
    for part in text.removeprefix("## ").split("\n\n## "):
        title, _, body = part.partition("\n")
        sections[title] = body.rstrip("\n")
    return sections


@dataclass(frozen=True)
class StageGolden:
    """One stage's golden file: every case of its input, rendered."""

    stage: str

    @property
    def file(self) -> Path:
        return FOLDER / f"{self.stage}.out"

    def render(self) -> str:
        return "\n".join(f"## {c.title}\n{rendered(c, self.stage)}\n" for c in cases(self.stage))


def stage_goldens() -> list[StageGolden]:
    return [StageGolden(stage) for stage in STAGES]
