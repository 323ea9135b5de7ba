"""Why and why-not: trace trees over an evaluation, as data (rendering is the caller's).

``why`` follows a conclusion back through the facts that matched, and through derived
facts to the rules that derived them. ``why_not`` takes a rule that did not fire for a
subject and says which part failed: the subject did not match, or which condition found
no fact, or which open term is undetermined.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from engine import ast, unparse
from engine.context import Context, Env, which
from engine.dependency import pinned
from engine.match import ConditionCompiler, source_of
from engine.results import Conclusion, DerivedFact, SubjectResult, Undetermined
from engine.rules import CompiledRule
from engine.runtime import Evaluator

Status = Literal["holds", "fails", "undetermined", "fact"]


@dataclass(frozen=True)
class TraceNode:
    """One step of an explanation: a rule, a condition or a fact, with its status."""

    label: str
    status: Status
    detail: str = ""
    children: tuple[TraceNode, ...] = field(default=())
    # what the label says, as data for JSON: a rule's ``rule`` and ``article``, a fact's
    # ``fact`` (its type, id, unit and fields), a conclusion's ``dates``
    data: tuple[tuple[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "status": self.status}
        if self.detail:
            data["detail"] = self.detail
        for key, value in self.data:
            data[key] = dict(value) if key in ("fact", "dates") else value
        if self.children:
            data["children"] = [c.to_json() for c in self.children]
        return data

    def lines(self, indent: str = "") -> list[str]:
        """The tree as indented plain-text lines."""
        mark = {"holds": "✓", "fails": "✗", "undetermined": "?", "fact": "•"}[self.status]
        text = f"{indent}{mark} {self.label}" + (f" — {self.detail}" if self.detail else "")
        out = [text]
        for child in self.children:
            out.extend(child.lines(indent + "  "))
        return out

    def __rich__(self) -> Any:
        from rich.tree import Tree

        def build(node: TraceNode, tree: Tree) -> None:
            for child in node.children:
                build(child, tree.add(child.lines()[0].strip()))

        root = Tree(self.lines()[0])
        build(self, root)
        return root


def rule_data(rule: CompiledRule) -> tuple[tuple[str, Any], ...]:
    """A rule node's data: its id, and its article where it has one."""
    article = rule.meta.get("article")
    return (("rule", rule.id),) + ((("article", article),) if article is not None else ())


def fact_data(fact: Any, fact_types: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A fact node's data: ``("fact", ((type, …), (id, …), (unit, …), (field, value)…))``,
    the fields ``describe_fact`` shows, dates as YYYY-MM-DD."""
    names = list(fact_types[fact.fact_type].fields) if fact.fact_type in fact_types else []
    found: list[tuple[str, Any]] = [("type", fact.fact_type)]
    for name in ("id", "unit", *names):
        value = getattr(fact, name, None)
        if value is None or any(name == k for k, _ in found):
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):  # a link the facts leave open: its candidates
            value = [str(v) for v in value]
        elif not isinstance(value, str | int | float | bool):
            value = str(value)
        found.append((name, value))
    return (("fact", tuple(found)),)


def describe_fact(fact: Any, fact_types: Mapping[str, Any]) -> str:
    """``incident(kind = criminal_case, severity = major, date = 2025-03-01)``."""
    names = list(fact_types[fact.fact_type].fields) if fact.fact_type in fact_types else []
    parts = []
    for name in names:
        value = getattr(fact, name, None)
        if value is None or value is False or value == 0:
            continue
        if isinstance(value, dt.date):
            shown = value.isoformat()
        elif isinstance(value, tuple):  # a link the facts leave open: its candidates
            shown = f"one of {', '.join(map(str, value))}"
        else:
            shown = value
        parts.append(f"{name} = {shown}")
    return f"{fact.fact_type}({', '.join(parts)})"


def why(
    conclusion: Conclusion,
    result: SubjectResult,
    fact_types: Mapping[str, Any],
    cite: Any = str,
    evaluator: Evaluator | None = None,
    facts: Mapping[str, list[Any]] | None = None,
) -> TraceNode:
    """The tree of rules and facts that led to ``conclusion``; with the ``evaluator`` and the
    subject's ``facts`` an ``or`` condition is shown by the alternatives that held."""
    rule = conclusion.rule
    what = conclusion.measure or rule.node.concept or rule.node.modality
    if conclusion.alternative:
        what = f"{what} (one of {', '.join(rule.node.measures)}, as the deciding body chooses)"
    label = f"{conclusion.kind} {what} under {rule.id} ({cite(rule)})"
    children: list[TraceNode] = []
    node = rule.node
    if node.when is not None:
        text = unparse.condition(node.when)
        if isinstance(node.when, ast.AnyOf) and evaluator is not None and facts is not None:
            held = _alternatives_held(node.when, conclusion, result, evaluator, facts)
            if held:
                text = f"{' or '.join(held)} (of {len(node.when.items)} alternatives)"
        children.append(
            TraceNode(
                f"when {text}",
                "holds",
                children=tuple(
                    _support(conclusion.support, result, fact_types, cite, evaluator, facts)
                ),
            )
        )
    else:
        children.append(
            TraceNode(
                f"binds the unit: who {', '.join(unparse.subject(s) for s in node.who)}", "holds"
            )
        )
    if conclusion.whichever:
        children.append(
            TraceNode(
                f"holds whichever way the facts are read: {'; '.join(conclusion.whichever)}",
                "holds",
                "the facts leave a link open; under every reading the condition holds on one of "
                "the candidates (one rectification answers one order), so this follows, from the "
                "day it holds under every reading; which candidate it rests on is undetermined",
            )
        )
    if conclusion.escalated:
        children.append(TraceNode("escalated", "holds", "the escalation condition holds"))
    if conclusion.decision is not None:
        children.append(
            TraceNode(
                f"is the decision given as {describe_fact(conclusion.decision, fact_types)}",
                "fact",
                "one decision, derived and recorded: its day is the sanction's, and the rules "
                "that follow from the sanction read the decision",
                data=fact_data(conclusion.decision, fact_types),
            )
        )
    if conclusion.suspended:
        children.append(_suspension(conclusion, result, fact_types, cite, evaluator, facts))
    detail = []
    dates: list[tuple[str, str]] = []
    if conclusion.start:
        detail.append(f"from {conclusion.start.isoformat()}")
        dates.append(("from", conclusion.start.isoformat()))
    if conclusion.due:
        detail.append(f"due {conclusion.due.isoformat()} ({conclusion.status})")
        dates.append(("due", conclusion.due.isoformat()))
    if conclusion.until:
        detail.append(f"until {conclusion.until.isoformat()}")
        dates.append(("until", conclusion.until.isoformat()))
    data = rule_data(rule) + ((("dates", tuple(dates)),) if dates else ())
    return TraceNode(label, "holds", ", ".join(detail), tuple(children), data)


def _suspension(
    conclusion: Conclusion,
    result: SubjectResult,
    fact_types: Mapping[str, Any],
    cite: Any,
    evaluator: Evaluator | None,
    facts: Mapping[str, list[Any]] | None,
) -> TraceNode:
    """Why a conclusion is suspended: the facts its suspension condition matched (the
    appeal under review), or the suspended sanction it follows from."""
    by = conclusion.suspended_by
    if any(isinstance(f, DerivedFact) for f in by):
        label = "suspended: it follows from a suspended sanction"
    elif conclusion.rule.node.suspended_while is not None:
        label = f"suspended while {unparse.condition(conclusion.rule.node.suspended_while)}"
    else:
        label = "suspended"
    return TraceNode(
        label, "holds", children=tuple(_support(by, result, fact_types, cite, evaluator, facts))
    )


def _alternatives_held(
    node: ast.AnyOf,
    conclusion: Conclusion,
    result: SubjectResult,
    evaluator: Evaluator,
    facts: Mapping[str, list[Any]],
) -> list[str]:
    """The alternatives of an ``or`` that hold on the subject's facts with a match made of
    facts that supported the conclusion."""
    used = set(which(conclusion.support))
    seen = _seen(facts, result, evaluator)
    ctx = Context(
        _Subjectless(conclusion.subject),
        seen,
        evaluator.params,
        evaluator.as_of,
        evaluator.join_limit,
    )
    compiler = ConditionCompiler(evaluator.ruleset.schema)
    return [
        unparse.condition(item, True)
        for item in node.items
        if any(
            not m.needs and set(which(m.support)) <= used for m in compiler.condition(item)(ctx, {})
        )
    ]


def _seen(
    facts: Mapping[str, list[Any]], result: SubjectResult, evaluator: Evaluator
) -> dict[str, list[Any]]:
    """The subject's facts as its run saw them at the end: those given (its own standing
    for its unit's where it names none, ``Evaluator.own_view``), and those the run derived
    (carried in the result, not made again)."""
    seen = evaluator.own_view(dict(facts))
    for fact in result.derived:
        seen[fact.fact_type] = [*seen.get(fact.fact_type, []), fact]
    return seen


class _Subjectless:
    """A stand-in subject for re-checking conditions on facts alone."""

    def __init__(self, key: Any) -> None:
        self.id = key


def _support(
    support: Iterable[Any],
    result: SubjectResult,
    fact_types: Mapping[str, Any],
    cite: Any,
    evaluator: Evaluator | None = None,
    facts: Mapping[str, list[Any]] | None = None,
) -> list[TraceNode]:
    nodes = []
    for fact in support:
        if isinstance(fact, DerivedFact):
            origin = next(
                (
                    c
                    for c in result.conclusions
                    if c.rule.id == fact.rule and c.measure == fact.measure and c.start == fact.date
                ),
                None,
            )
            if origin is not None:
                nodes.append(why(origin, result, fact_types, cite, evaluator, facts))
                continue
        twin = next((c for c in result.conclusions if c.decision is fact), None)
        if twin is not None:  # a decision given that the rules derive too: one decision
            nodes.append(
                TraceNode(
                    describe_fact(fact, fact_types),
                    "fact",
                    f"the decision given; it is the {twin.measure} {twin.rule.id} derives",
                    (why(twin, result, fact_types, cite, evaluator, facts),),
                    fact_data(fact, fact_types),
                )
            )
            continue
        nodes.append(
            TraceNode(
                describe_fact(fact, fact_types),
                "fact",
                _whose(fact, result.subject, evaluator),
                data=fact_data(fact, fact_types),
            )
        )
    return nodes


def _whose(fact: Any, subject: Any, evaluator: Evaluator | None) -> str:
    """Of a fact of the unit the subject names in a link (a staff member's unit,
    ``of unit.staff_of``): "of unit X, its staff_of"; else nothing."""
    if evaluator is None:
        return ""
    schema = evaluator.ruleset.schema
    owner = getattr(fact, schema.subject_key, None)
    if owner is None or owner == getattr(subject, "id", None):
        return ""
    for name in schema.subject_links:
        if getattr(subject, name, None) == owner:
            return f"a fact of {schema.subject_key} {owner}, its {name}"
    return ""


def why_not(
    rule: CompiledRule,
    subject: Any,
    facts: Mapping[str, list[Any]],
    evaluator: Evaluator,
    result: SubjectResult,
    cite: Any = str,
) -> TraceNode:
    """Why ``rule`` did not fire for ``subject``: the first part that fails, in detail."""
    label = f"{rule.id} ({cite(rule)}) did not fire"
    node = rule.node
    if not rule.binds(subject.kind, subject.level, frozenset(subject.tags)):
        who = ", ".join(unparse.subject(s) for s in node.who)
        level = f" at level {subject.level}" if subject.level else " (no level given)"
        return TraceNode(
            label,
            "fails",
            data=rule_data(rule),
            children=(
                TraceNode(
                    f"who {who}",
                    "fails",
                    f"the unit is of kind {subject.kind}{level}; none of these names it",
                ),
            ),
        )
    pending = [u for u in result.undetermined if u.rule.id == rule.id]
    if pending:  # what each open item needs, and the facts and rules it rests on
        fact_types = evaluator.ruleset.schema.facts
        return undetermined(rule, pending, result, fact_types, cite, evaluator, facts)
    ctx = Context(
        subject,
        _seen(facts, result, evaluator),
        evaluator.params,
        evaluator.as_of,
        evaluator.join_limit,
    )
    compiler = ConditionCompiler(evaluator.ruleset.schema)
    children = []
    if node.when is not None:
        # a fact that an undetermined rule would derive: say which rule and what it needs
        writers: dict[tuple[str, str], list[str]] = {}
        for item in result.undetermined:
            for written in item.rule.writes:
                line = f"{item.rule.id} is undetermined, needs {', '.join(item.needs)}"
                if line not in writers.setdefault(written, []):
                    writers[written].append(line)
        children.append(_condition_trace(node.when, ctx, compiler, writers))
    if node.unless is not None:
        holds = any(not m.needs for m in compiler.condition(node.unless)(ctx, {}))
        children.append(
            TraceNode(
                f"unless {unparse.condition(node.unless)}",
                "fails" if holds else "holds",
                "the exception holds, so the rule does not apply"
                if holds
                else "the exception does not apply",
            )
        )
    if not children:  # a standing duty: it binds, and nothing more is to be computed
        role = " as a co-actor" if node.role == "co_actor" else ""
        who = ", ".join(unparse.subject(s) for s in node.who)
        return TraceNode(
            f"{rule.id} ({cite(rule)}) binds the unit{role}: {node.modality} {node.concept or ''}".rstrip(),
            "holds",
            evaluator.ruleset.schema.hints.standing_duty,
            (TraceNode(f"who {who}", "holds"),),
            rule_data(rule),
        )
    return TraceNode(label, "fails", children=tuple(children), data=rule_data(rule))


def undetermined(
    rule: CompiledRule,
    items: Iterable[Undetermined],
    result: SubjectResult,
    fact_types: Mapping[str, Any],
    cite: Any = str,
    evaluator: Evaluator | None = None,
    facts: Mapping[str, list[Any]] | None = None,
) -> TraceNode:
    """Why ``rule`` is undetermined for the open ``items``: what each needs, and the facts
    and rules it rests on (for one event, or each of several)."""
    open_items: list[TraceNode] = []
    for item in items:
        open_items.extend(TraceNode(f"needs {n}", "undetermined") for n in item.needs)
        if item.support:
            found = _support(item.support, result, fact_types, cite, evaluator, facts)
            open_items.append(TraceNode("rests on", "holds", children=tuple(found)))
    return TraceNode(
        f"{rule.id} ({cite(rule)}) is undetermined",
        "undetermined",
        children=tuple(open_items),
        data=rule_data(rule),
    )


def _pending(
    node: ast.Exists | ast.Count, writers: Mapping[tuple[str, str], list[str]]
) -> list[str]:
    """Undetermined rules that would derive a fact this condition looks for."""
    measure = pinned(node.tests, "measure")
    return [
        line
        for (fact, written), lines in writers.items()
        if fact == node.fact and (measure == "*" or written == measure)
        for line in lines
    ]


def _condition_trace(
    node: ast.Condition,
    ctx: Context,
    compiler: ConditionCompiler,
    pending_writers: Mapping[tuple[str, str], list[str]],
    envs: Sequence[Env] = ({},),
) -> TraceNode:
    """How ``node`` fares for the subject, under each of ``envs`` (the bindings the
    conditions before it made): in ``a as o and o.deadline < today``, the comparison is of
    the facts ``o`` matched, not of nothing."""
    matches = [m for env in envs for m in compiler.condition(node)(ctx, env)]
    status: Status = (
        "holds" if any(not m.needs for m in matches) else ("undetermined" if matches else "fails")
    )
    text = unparse.condition(node)
    children: tuple[TraceNode, ...] = ()
    detail = ""
    if isinstance(node, ast.AllOf):
        # each part under the bindings of the parts before it that held (a part after one
        # that failed is shown under the bindings before the failure)
        kids = []
        prefix = list(envs)
        for item in node.items:
            kids.append(_condition_trace(item, ctx, compiler, pending_writers, prefix))
            held = [m.env for env in prefix for m in compiler.condition(item)(ctx, env)]
            if held:
                prefix = held
        children = tuple(kids)
    elif isinstance(node, ast.AnyOf):
        children = tuple(
            _condition_trace(item, ctx, compiler, pending_writers, envs) for item in node.items
        )
    elif isinstance(node, ast.Not):
        children = (_condition_trace(node.item, ctx, compiler, pending_writers, envs),)
    elif (
        isinstance(node, ast.Exists | ast.Count)
        and status == "fails"
        and _pending(node, pending_writers)
    ):
        detail = "not derived: " + "; ".join(_pending(node, pending_writers))
    elif isinstance(node, ast.Exists | ast.Count):
        have = ctx.facts.get(source_of(node, compiler.schema) if node.through else node.fact, [])
        whose = (
            f"the unit named by {unparse.operand(node.through)}" if node.through else "this unit"
        )
        detail = (
            f"no {node.fact} fact for {whose}"
            if not have
            else f"{len(have)} {node.fact} fact(s), {'some match' if status == 'holds' else 'none matches'}"
        )
    elif isinstance(node, ast.OpenTerm):
        value = ctx.params.get(node.name)
        hint = compiler.schema.hints.set_param
        detail = f"not decided: {hint}" if value is None else f"set to {value}"
    return TraceNode(text, status, detail, children)


def find(
    result: SubjectResult, rule_ids: Iterable[str]
) -> tuple[list[Conclusion], list[Undetermined]]:
    """The conclusions and undetermined items of ``result`` for the given rules."""
    wanted = set(rule_ids)
    return (
        [c for c in result.conclusions if c.rule.id in wanted],
        [u for u in result.undetermined if u.rule.id in wanted],
    )
