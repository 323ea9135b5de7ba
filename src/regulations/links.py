"""Links between facts: ids checked, links followed, old files read as they meant.

A fact may carry an ``id``; a link field (facts.LinkTo) names another fact by its id, or a
unit. Every link must name something that exists, of a type the field allows, concerning
the same unit (a rectification answers an order addressed to its own unit), and not dated
before what it answers where the field says so (a rectification done before the order was
issued answers nothing of it); links between facts must not run in a circle. A file
written before links keeps working where its meaning is plain: a rectification naming no
order answers the unit's one order issued by then; where the unit had several, the link is
left open with its candidates (a tuple of ids), and a rule that follows it is
undetermined, naming them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from engine import suggest
from regulations import vocabulary as v
from regulations.facts import Unit, UnitFact, link_of, region_contains
from regulations.limits import MAX_SUGGESTED

Candidates = tuple[str, ...]
"""A link the facts leave open: the ids it may name, sorted."""


@dataclass(frozen=True)
class LinkProblem:
    """What is wrong with a fact's id or link: the fact (its place in the list), the
    field, and the ids that would do."""

    index: int
    field: str
    code: str
    message: str
    value: str
    expected: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    hint: str = ""

    @property
    def advice(self) -> str:
        """The hint, or the ids that would do."""
        if self.hint:
            return self.hint
        return f"ids that would do: {', '.join(self.expected)}" if self.expected else ""


def resolve(
    units: Sequence[Unit], facts: Sequence[UnitFact]
) -> tuple[tuple[UnitFact, ...], list[LinkProblem]]:
    """The facts with their links checked and the implicit ones made explicit (facts that
    an implicit link names are given an id), and every problem found."""
    problems: list[LinkProblem] = []
    unit_ids = {u.id: u.kind for u in units}  # each unit's kind, by id
    by_id: dict[str, int] = {}
    for index, fact in enumerate(facts):
        if fact.id is None:
            continue
        if fact.id in unit_ids or fact.id in by_id:
            other = "a unit" if fact.id in unit_ids else f"{facts[by_id[fact.id]].fact_type}"
            problems.append(
                LinkProblem(
                    index, "id", "duplicate", f"id {fact.id!r} is taken by {other}",
                    fact.id, (), (),
                )
            )  # fmt: skip
            continue
        by_id[fact.id] = index
    for index, fact in enumerate(facts):
        problems.extend(_check_links(index, fact, facts, by_id, unit_ids))
    problems.extend(_cycles(facts, by_id))
    if problems:
        return tuple(facts), problems
    return _police_of_the_place(units, _implicit(list(facts))), []


def unit_links(units: Sequence[Unit]) -> list[LinkProblem]:
    """What is wrong with the units' links to other units (``staff_of``: the unit a staff
    member belongs to): a unit that does not exist, or one of a kind the field cannot name
    (a person is no one's unit). Each problem's ``index`` is the unit's place."""
    kinds = {u.id: u.kind for u in units}
    found: list[LinkProblem] = []
    for index, unit in enumerate(units):
        for name, info in type(unit).model_fields.items():
            meta = link_of(info.annotation)
            value = getattr(unit, name)
            if meta is None or value is None:
                continue
            if value not in kinds:
                found.append(
                    LinkProblem(
                        index, name, "unknown-unit", f"no unit with id {value!r}", value,
                        tuple(sorted(u for u, k in kinds.items() if _of_kind(k, meta.kinds)))[
                            :MAX_SUGGESTED
                        ],
                        suggest(value, kinds),
                    )
                )  # fmt: skip
            elif meta.kinds and not _of_kind(kinds[value], meta.kinds):
                fitting = sorted(u for u, k in kinds.items() if _of_kind(k, meta.kinds))
                found.append(
                    LinkProblem(
                        index, name, "link-kind",
                        f"names {value!r}, a {kinds[value]}; unit.{name} names an "
                        f"{' or '.join(meta.kinds)} (or a kind under it)",
                        value, tuple(fitting[:MAX_SUGGESTED]),
                    )
                )  # fmt: skip
    return found


def _check_links(
    index: int,
    fact: UnitFact,
    facts: Sequence[UnitFact],
    by_id: dict[str, int],
    unit_ids: dict[str, str],
) -> list[LinkProblem]:
    found: list[LinkProblem] = []
    for name, meta in type(fact).links().items():
        value = getattr(fact, name)
        if value is None:
            continue
        where = f"{fact.fact_type}.{name}"
        if meta.targets == ("unit",):
            if value not in unit_ids:
                what = (
                    f"names {value!r}, a {facts[by_id[value]].fact_type}; {where} names a unit"
                    if value in by_id
                    else f"no unit with id {value!r}"
                )
                found.append(
                    LinkProblem(
                        index, name, "unknown-unit", what, value,
                        tuple(sorted(unit_ids))[:MAX_SUGGESTED], suggest(value, unit_ids),
                    )
                )  # fmt: skip
            elif meta.kinds and not _of_kind(unit_ids[value], meta.kinds):
                allowed = " or ".join(meta.kinds)
                fitting_units = sorted(u for u, k in unit_ids.items() if _of_kind(k, meta.kinds))
                found.append(
                    LinkProblem(
                        index, name, "link-kind",
                        f"names {value!r}, a {unit_ids[value]}; {where} names a {allowed} "
                        "(or a kind under it)",
                        value, tuple(fitting_units[:MAX_SUGGESTED]),
                    )
                )  # fmt: skip
            continue
        fitting = sorted(i for i, at in by_id.items() if facts[at].fact_type in meta.targets)
        kinds = " or ".join(meta.targets) if len(meta.targets) < 4 else "an event"
        target_at = by_id.get(value)
        if target_at is None:
            what = "a unit, not a fact" if value in unit_ids else "no fact has this id"
            found.append(
                LinkProblem(
                    index, name, "dangling-link", f"names {value!r}: {what}", value,
                    tuple(fitting[:MAX_SUGGESTED]), suggest(value, fitting),
                )
            )  # fmt: skip
            continue
        target = facts[target_at]
        if target.fact_type not in meta.targets:
            found.append(
                LinkProblem(
                    index, name, "link-type",
                    f"names {value!r}, a {target.fact_type}; {where} names {kinds}",
                    value, tuple(fitting[:MAX_SUGGESTED]), suggest(value, fitting),
                )
            )  # fmt: skip
            continue
        if fact.unit not in concerned(target):
            found.append(
                LinkProblem(
                    index, name, "link-unit",
                    f"names {value!r}, a {target.fact_type} of unit {target.unit!r}, "
                    f"not of {fact.unit!r}",
                    value,
                    tuple(i for i in fitting if fact.unit in concerned(facts[by_id[i]]))[
                        :MAX_SUGGESTED
                    ],
                )
            )  # fmt: skip
            continue
        if meta.after and _before(fact, target):
            found.append(
                LinkProblem(
                    index, name, "link-date",
                    f"names {value!r}, {target.date_field} {target.when}: the {fact.fact_type} "
                    f"({fact.date_field} {fact.when}) is dated before {meta.after}",
                    value,
                    tuple(
                        i for i in fitting
                        if fact.unit in concerned(facts[by_id[i]])
                        and not _before(fact, facts[by_id[i]])
                    )[:MAX_SUGGESTED],
                )
            )  # fmt: skip
    return found


def _of_kind(kind: str, kinds: tuple[str, ...]) -> bool:
    """Whether a unit of ``kind`` is one of ``kinds`` or of a kind under one of them."""
    return not v.lineage(kind).isdisjoint(kinds)


def _before(fact: UnitFact, target: UnitFact) -> bool:
    """Whether ``fact`` is dated before ``target`` (a fact of no date is not)."""
    day, then = fact.when, target.when
    return day is not None and then is not None and day < then


def concerned(fact: UnitFact, by_id: Mapping[str, UnitFact] | None = None) -> set[str]:
    """The units a fact concerns: its own, and those its role links name (each candidate
    of a role the facts leave open); with ``by_id`` (the facts by id), also the units the
    facts it links to concern, in their own and their role links: an incident at a large
    event concerns the event's organizer and the body that approved it (one entry, seen
    from each unit it concerns)."""
    units = {fact.unit}
    for name, meta in type(fact).links().items():
        value = getattr(fact, name)
        named = (value,) if isinstance(value, str) else value or ()
        if meta.role:
            units.update(named)
        elif by_id is not None and meta.targets != ("unit",):
            for target in named:
                found = by_id.get(target)
                seen = concerned(found) if found is not None else set()
                if len(seen) > 1:  # a fact seen beyond its unit (a fact of one unit alone
                    units |= seen  # is of the linking fact's unit, whose ids are its own)
    return units


def staff_of(units: Iterable[Unit]) -> dict[str, tuple[str, ...]]:
    """The staff members naming each unit (``Unit.staff_of``), by the unit's id."""
    found: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        if unit.staff_of is not None:
            found[unit.staff_of].append(unit.id)
    return {u: tuple(people) for u, people in found.items()}


def with_staff(units: set[str], staff: Mapping[str, tuple[str, ...]]) -> set[str]:
    """``units`` and the staff members of each: a fact a unit sees is seen by its staff,
    for the rules that read it ``of unit.staff_of`` (the others read their own facts)."""
    if not staff:
        return units
    return units.union(*(staff.get(u, ()) for u in units))


def by_id(facts: Iterable[UnitFact]) -> dict[str, UnitFact]:
    """The facts that carry an id, by id (what a link names)."""
    return {f.id: f for f in facts if f.id is not None}


POLICE = "public_security"
"""The unit kind of the police (公安机关), whose lineage a unit's kind is checked against."""


def _police_of_the_place(
    units: Sequence[Unit], facts: tuple[UnitFact, ...]
) -> tuple[UnitFact, ...]:
    """A large event naming no ``approved_by`` is the police's of the place where it is held
    (公安机关 … 大型群众性活动的安全管理, Hohhot 23): the police units whose region contains
    the venue's region (the organizer's, without a venue). One such unit is named; several
    leave the link open among them (the rule following it is undetermined, naming them);
    none, or a place of no region, leaves it unsaid."""
    events = [
        i
        for i, f in enumerate(facts)
        if f.fact_type == "large_event" and getattr(f, "approved_by", None) is None
    ]
    if not events:
        return facts
    by_id = {u.id: u for u in units}
    police = [u for u in units if u.region is not None and POLICE in v.lineage(u.kind)]
    found = list(facts)
    for index in events:
        fact = found[index]
        place = by_id.get(getattr(fact, "venue", None) or fact.unit)
        region = place.region if place is not None else None
        if region is None:
            continue
        here = sorted(p.id for p in police if region_contains(str(p.region), region))
        if here:
            value: str | Candidates = here[0] if len(here) == 1 else tuple(here)
            found[index] = fact.model_copy(update={"approved_by": value})
    return tuple(found)


def _cycles(facts: Sequence[UnitFact], by_id: dict[str, int]) -> list[LinkProblem]:
    """Links between facts that run in a circle (a decision resting on an order resting on
    that decision), each circle reported once, at its first fact."""
    edges: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for index, fact in enumerate(facts):
        for name, meta in type(fact).links().items():
            value = getattr(fact, name)
            if meta.targets != ("unit",) and isinstance(value, str) and value in by_id:
                edges[index].append((name, by_id[value]))
    state: dict[int, int] = {}  # 1: on the path, 2: done
    found: list[LinkProblem] = []
    for root in sorted(edges):
        if state.get(root):
            continue
        path: list[tuple[int, str]] = []
        stack: list[tuple[int, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, next_edge = stack[-1]
            if next_edge < len(edges[node]):
                stack[-1] = (node, next_edge + 1)
                name, target = edges[node][next_edge]
                if state.get(target) == 1:  # back to a fact on the path: a circle
                    start = next(i for i, (n, _) in enumerate([*path, (node, name)]) if n == target)
                    circle = [*path, (node, name)][start:]
                    ids = [facts[n].id or facts[n].label for n, _ in circle]
                    found.append(
                        LinkProblem(
                            circle[0][0], circle[0][1], "link-cycle",
                            "links run in a circle: " + " → ".join([*ids, ids[0]]),
                            str(facts[circle[0][0]].id), tuple(ids),
                            hint="a fact cannot rest on one that rests on it: drop one link",
                        )
                    )  # fmt: skip
                elif not state.get(target):
                    state[target] = 1
                    path.append((node, name))
                    stack.append((target, 0))
            else:
                state[node] = 2
                stack.pop()
                if path:
                    path.pop()
    return found


def _implicit(facts: list[UnitFact]) -> tuple[UnitFact, ...]:
    """Links an old file leaves unsaid, made explicit where the meaning is plain (see
    ``_orders`` and ``_events``); the facts an implicit link names are given an id."""
    for make in (_orders, _events):
        facts, named = make(facts)
        for at, name in named.items():
            if facts[at].id is None:
                facts[at] = facts[at].model_copy(update={"id": name})
    return tuple(facts)


def _events(facts: list[UnitFact]) -> tuple[list[UnitFact], dict[int, str]]:
    """An incident naming no large event, of a unit that organized one on the incident's
    day, is that event's (举办大型活动……发生突发事件时, Xinjiang 20: an incident of the
    organizer on the day of its event happened at it); with several events of the unit
    that day its link is left open, naming them (the rule following it is undetermined).
    Only the organizer's own events: an incident a police or venue records on a day it
    approved or hosted an event is its event's only when it names it."""
    events: dict[tuple[str, object], list[int]] = defaultdict(list)
    for index, fact in enumerate(facts):
        if fact.fact_type == "large_event":
            events[(fact.unit, fact.when)].append(index)
    pending = [
        i
        for i, f in enumerate(facts)
        if f.fact_type == "incident"
        and getattr(f, "event", None) is None
        and events.get((f.unit, f.when))
    ]
    if not pending:
        return facts, {}
    named = _named(
        facts, [e for i in pending for e in events[(facts[i].unit, facts[i].when)]], qualified=True
    )
    for index in pending:
        fact = facts[index]
        held = sorted(named[e] for e in events[(fact.unit, fact.when)])
        value: str | Candidates = held[0] if len(held) == 1 else tuple(held)
        facts[index] = fact.model_copy(update={"event": value})
    return facts, named


def _orders(facts: list[UnitFact]) -> tuple[list[UnitFact], dict[int, str]]:
    """A rectification naming no order answers the one supervision order its unit had been
    given by the day of the rectification and no other rectification names; with several
    such orders its link is left open, naming them (the rule following it is undetermined)."""
    orders: dict[str, list[int]] = defaultdict(list)
    answered: set[str] = set()
    for index, fact in enumerate(facts):
        if fact.fact_type == "supervision_order":
            orders[fact.unit].append(index)
        elif fact.fact_type == "rectification" and isinstance(getattr(fact, "order", None), str):
            answered.add(fact.order)  # type: ignore[attr-defined]
    pending = [
        i
        for i, f in enumerate(facts)
        if f.fact_type == "rectification" and getattr(f, "order", None) is None and orders[f.unit]
    ]
    if not pending:
        return facts, {}
    named = _named(facts, [o for i in pending for o in orders[facts[i].unit]])
    for index in pending:
        fact = facts[index]
        day = fact.when
        open_orders = sorted(
            named[o]
            for o in orders[fact.unit]
            if named[o] not in answered and (day is None or (facts[o].when or day) <= day)
        )
        if open_orders:
            value: str | Candidates = (
                open_orders[0] if len(open_orders) == 1 else tuple(open_orders)
            )
            facts[index] = fact.model_copy(update={"order": value})
    return facts, named


def _named(facts: list[UnitFact], targets: list[int], qualified: bool = False) -> dict[int, str]:
    """An id for each target of an implicit link: its own, or one made of its type and
    date (told apart by a number where the same unit has two alike; the same name in two
    units is no clash where a link stays within its unit). ``qualified``: the unit's id is
    part of the name (``large_event 2025-06-20 (organizer)``), for a fact seen from other
    units through the links to it (an event's approving body sees the incidents at it):
    unique in the set, and made from the unit's own facts alone, as on any part of them."""
    taken = {f.id for f in facts if f.id is not None}
    names: dict[int, str] = {}
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for at in dict.fromkeys(targets):
        fact = facts[at]
        if fact.id is not None:
            names[at] = fact.id
        else:
            groups[(fact.unit, fact.label)].append(at)
    for (unit, label), members in groups.items():
        members.sort(key=lambda at: facts[at].model_dump_json())
        for number, at in enumerate(members, start=1):
            name = label if len(members) == 1 else f"{label} ({number})"
            if qualified:
                name = f"{label} ({unit})" if len(members) == 1 else f"{label} ({unit}, {number})"
            while name in taken:
                name += "'"
            names[at] = name
    return names
