"""Facts in, consequences out: `evaluate` and `explain` over the encoded regulations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from engine import (
    DECISION_DAY,
    CompiledRule,
    Conclusion,
    Evaluation,
    Evaluator,
    ParameterError,
    Schema,
    SubjectResult,
    Undetermined,
    WeekendCalendar,
    WorkCalendar,
    counted_elsewhere,
    met_by,
    needed,
    settled_through,
    shown,
    suggest,
    within,
)
from engine import explain as trace
from regulations.calendar import ChinaCalendar, load_calendar
from regulations.columnar import check_engine, evaluate_units
from regulations.errors import Choice, InvalidValueError, UnknownCodeError
from regulations.facts import Unit, UnitFact, region_contains
from regulations.factsfile import FactSet, load_facts
from regulations.library import Entry, Library, rule_terms, using
from regulations.limits import MAX_JOIN, MAX_ROUNDS
from regulations.links import by_id, concerned, staff_of, with_staff
from regulations.outcomes import (
    Obligation,
    OpenItem,
    Performance,
    Performed,
    Question,
    Sanction,
    Source,
    label,
    ranked,
    term_json,
)
from regulations.registry import open_term_problems
from regulations.views import article_number, as_date

DUTIES = ("must", "must_not")


def cite(rule: CompiledRule) -> str:
    """第十九条-style citation of a rule: ``ordos 第19条`` or ``zhejiang (provision culture_week)``."""
    meta = rule.meta
    where = (
        f"第{meta['article']}条"
        if meta.get("article") is not None
        else f"provision {meta.get('provision')}"
    )
    edition = f", text of {meta['edition']}" if meta.get("edition") else ""
    return f"{meta.get('regulation')} {where}{edition}"


@dataclass(frozen=True)
class UnitReport:
    """What follows for one unit under one regulation: plain, frozen data (picklable), the
    engine's conclusions read into the public types of regulations.outcomes."""

    unit: Unit
    regulation: str  # the reference (ordos, zhejiang@draft)
    regulation_id: str
    version: str
    title: str
    in_force: bool
    in_territory: bool | None  # whether the unit's region lies in its territory (None: no region)
    as_of: dt.date
    obligations: tuple[Obligation, ...] = ()  # duties (must, must_not) that arose
    deadlines: tuple[Obligation, ...] = ()  # everything with a due date, permissions too
    sanctions: tuple[Sanction, ...] = ()
    undetermined: tuple[OpenItem, ...] = ()
    not_counted: tuple[str, ...] = ()  # the unit's facts outside the evaluation, with why
    note: str = ""  # why nothing was derived (the law not in force on the day), or ""
    questions: tuple[Question, ...] = ()
    open_terms: frozenset[str] = frozenset()  # the open terms its regulation's rules read

    @classmethod
    def of(
        cls,
        result: SubjectResult,
        entry: Entry,
        in_force: bool,
        as_of: dt.date,
        not_counted: tuple[str, ...] = (),
        note: str = "",
    ) -> UnitReport:
        unit = result.subject
        meta = entry.regulation.meta
        inside = None if unit.region is None else region_contains(meta.territory, unit.region)
        sources = entry.cached("sources", _sources)
        timed = [(c, Obligation.of(c, sources.of(c.rule))) for c in result.of_kind("obligation")]
        return cls(
            unit,
            entry.regulation.ref,
            meta.id,
            meta.version,
            meta.title,
            in_force,
            inside,
            as_of,
            tuple(o for c, o in timed if c.rule.node.modality in DUTIES),
            tuple(o for c, o in timed if c.due is not None),
            tuple(
                Sanction.of(c, unit.id, as_of, sources.of(c.rule))
                for c in result.of_kind("sanction")
            ),
            tuple(OpenItem.of(u, sources.of(u.rule)) for u in result.undetermined),
            not_counted,
            note,
            tuple(_questions(unit.id, entry, result.undetermined, sources)),
            entry.cached("open_terms", _open_terms),
        )

    def restated(self, result: SubjectResult, entry: Entry) -> UnitReport:
        """This report as the report of ``result``'s unit, whose result says what this
        one's does, of another unit (``_alike``): what names the unit is worked out again."""
        unit = result.subject
        territory = entry.regulation.meta.territory
        sources = entry.cached("sources", _sources)
        return UnitReport(  # not dataclasses.replace: a third of the time, for every unit
            unit,
            self.regulation,
            self.regulation_id,
            self.version,
            self.title,
            self.in_force,
            None if unit.region is None else region_contains(territory, unit.region),
            self.as_of,
            self.obligations,
            self.deadlines,
            tuple(replace(s, target=unit.id) for s in self.sanctions),
            self.undetermined,
            self.not_counted,
            self.note,
            tuple(_questions(unit.id, entry, result.undetermined, sources))
            if self.questions
            else (),
            self.open_terms,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit.id,
            "regulation": self.regulation_id,
            "version": self.version,
            "in_force": self.in_force,
            "in_territory": self.in_territory,
            "obligations": [o.to_json() for o in self.obligations],
            "deadlines": [d.deadline_json() for d in self.deadlines],
            "sanctions": [s.to_json() for s in self.sanctions],
            "undetermined": [u.to_json() for u in self.undetermined],
            "not_counted": list(self.not_counted),
            **({"note": self.note} if self.note else {}),
        }


class _Sources(dict[tuple[str, Any], Source]):
    """Each rule's Source, made once per entry, not once per answer, by rule id and edition
    (an amended law's answers come from the rules of each of its editions, one id in each)."""

    def of(self, rule: CompiledRule) -> Source:
        key = (rule.id, rule.meta.get("edition"))
        found = self.get(key)
        if found is None:
            found = self[key] = Source.of(rule)
        return found


def _sources(entry: Entry) -> _Sources:
    return _Sources({(r.id, r.meta.get("edition")): Source.of(r) for r in entry.rules.rules})


def _alike(one: SubjectResult, other: SubjectResult) -> bool:
    """Whether two results say the same but of two units: the same conclusions and open
    items, in the same order, from the same rules, deriving no fact (a derived fact names
    its unit)."""
    return (
        not one.derived
        and not other.derived
        and len(one.conclusions) == len(other.conclusions)
        and len(one.undetermined) == len(other.undetermined)
        and all(
            a.rule is b.rule and a.kind == b.kind and a[3:] == b[3:]
            for a, b in zip(one.conclusions, other.conclusions, strict=True)
        )
        and all(
            a.rule is b.rule and a[2:] == b[2:]
            for a, b in zip(one.undetermined, other.undetermined, strict=True)
        )
    )


def _open_terms(entry: Entry) -> frozenset[str]:
    """The open terms a regulation's rules name (found once per entry, not per unit)."""
    return rule_terms(entry)


def _questions(
    unit: str, entry: Entry, items: Iterable[Undetermined], sources: _Sources
) -> list[Question]:
    """What a unit's open items wait on, one question per open term or fact field."""
    params = entry.rules.schema.params
    found: list[Question] = []
    for item in items:
        labels = tuple(label(f) for f in item.support)
        for need in item.needs:
            if need.startswith("calendar:"):
                continue  # not a question of the facts: a calendar beyond its data
            if need == DECISION_DAY:  # 本年度 of a decision the facts do not date
                decided = sorted({str(getattr(f, "measure", "")) for f in item.support} - {""})
                what = f" ({', '.join(decided)})" if decided else ""
                give = f"the decision{what} as a sanction fact of unit {unit} with its date"
                found.append(
                    Question(unit, Source.of(item.rule), need, "condition", labels, (give,))
                )
                continue
            negated = need.startswith("not ")
            term = need.removeprefix("not ")
            kind = "escalation" if item.escalation else "exception" if negated else "condition"
            spec = params.get(term)
            how: list[str] = []
            if spec is not None:
                how.extend(_case_settles(spec.decided_by, item.support, entry.rules.schema))
                how.append(f"params: {{{term}: …}} on unit {unit}")
                how.append(f"--param {term}=… for the whole run")
            elif ": one of " in term:
                field, _, candidates = term.partition(": one of ")
                how.append(f"name {field.split('.')[-1]}: one of {candidates}")
            else:
                fact_type, _, field = term.partition(".")
                how.append(f"{field}: true or false on the {fact_type} ({', '.join(labels)})")
            zh = spec.zh if spec is not None else ""
            source = sources.of(item.rule)
            found.append(Question(unit, source, term, kind, labels, tuple(how), zh))
    return found


def _case_settles(
    deciding: Sequence[tuple[str, str]], support: Sequence[Any], schema: Schema
) -> list[str]:
    """How the facts can settle an open term for a case (engine.context.Context.term): a
    flag on a fact of the case, else on a fact linked to one (an order whose ground names
    it, the order a rectification answers); a conclusion that rests on no fact reads the
    flags of any of the unit's facts. A sanction the rules derived is looked through to the
    facts it rests on (``within``): no fact can flag it, its case can."""
    if not support:
        return [f"{field}: true or false on the unit's {kind} decision" for kind, field in deciding]
    support = [f for f in within(tuple(support)) if isinstance(f, UnitFact)]
    own = [
        f"{field}: true or false on {', '.join(label(f) for f in support if f.fact_type == kind)}"
        for kind, field in deciding
        if any(f.fact_type == kind for f in support)
    ]
    if own:
        return own
    found: dict[str, None] = {}
    links = schema.fact_links()
    for kind, field in deciding:
        for fact in support:
            if not isinstance(fact, UnitFact):
                continue  # a derived sanction: no fact can name it
            for name in links.get(kind, ()):
                if fact.fact_type in schema.facts[kind].fields[name].targets:
                    found[
                        f"{field}: true or false on a {kind} whose {name} names {label(fact)}"
                    ] = None
            for name in links.get(fact.fact_type, ()):
                if kind in schema.facts[fact.fact_type].fields[name].targets:
                    found[f"{field}: true or false on the {kind} {label(fact)} names ({name})"] = (
                        None
                    )
    return list(found)


@dataclass(frozen=True)
class Report:
    """The answer to "what follows from these facts?"."""

    as_of: dt.date
    params: Mapping[str, Any]
    results: tuple[UnitReport, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every open term the answers wait on, by unit, conditions first (then exceptions,
        then escalations), by article."""
        return ranked(q for r in self.results for q in r.questions)

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "params": {k: term_json(v) for k, v in sorted(self.params.items())},
            "results": [r.to_json() for r in self.results],
            "questions": [q.to_json() for q in self.questions],
        }


def _fact_set(facts: object, library: Library) -> FactSet:
    """Facts as given: a FactSet, or the path of a facts file."""
    if isinstance(facts, FactSet):
        return facts
    if isinstance(facts, str | Path):
        return load_facts(facts, library.concepts)
    raise InvalidValueError(
        "facts", type(facts).__name__, "give a FactSet or the path of a facts file"
    )


@dataclass(frozen=True)
class _Official:
    """A caller's calendar that says nothing of provisional days: its answers are taken as
    official."""

    work: Any

    @property
    def name(self) -> str:
        return str(getattr(self.work, "name", type(self.work).__name__))

    def is_workday(self, day: dt.date) -> bool:
        return bool(self.work.is_workday(day))

    def provisional(self, day: dt.date) -> bool:
        return False


def _exists(path: Path) -> bool:
    """Whether there is something at ``path`` to read; a path the system refuses to look at
    (a name too long) is there to be read and refused by name."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return True


def calendar_of(calendar: object) -> WorkCalendar:
    """The calendar to count with: ``"china"`` (default: the official schedule, computed
    statutory holidays beyond it), ``"weekends"``, the path of a calendar file, or an
    object with ``is_workday(day)``."""
    if calendar is None or calendar == "china":
        return ChinaCalendar()
    if calendar == "weekends":
        return WeekendCalendar()
    if isinstance(calendar, str | Path):
        if not _exists(Path(calendar)):
            raise InvalidValueError(
                "calendar",
                shown(str(calendar), 80),
                "give china, weekends or the path of a calendar file (no such file)",
            )
        return load_calendar(calendar)
    if callable(getattr(calendar, "is_workday", None)):
        if callable(getattr(calendar, "provisional", None)) and isinstance(
            getattr(calendar, "name", None), str
        ):
            return calendar  # type: ignore[return-value]
        return _Official(calendar)
    raise InvalidValueError(
        "calendar",
        shown(str(calendar), 80),
        "give 'china', 'weekends', the path of a calendar file or a WorkCalendar",
    )


def _evaluator(
    entry: Entry,
    day: dt.date,
    params: object,
    calendar: object,
    rounds: int = MAX_ROUNDS,
    join: int = MAX_JOIN,
    since: dt.date | None = None,
) -> Evaluator:
    """An evaluator for one regulation; a bad open-term value, round or join limit is bad
    input."""
    if params is not None and (
        not isinstance(params, Mapping) or not all(isinstance(k, str) for k in params)
    ):
        raise InvalidValueError("params", str(params), "give a mapping of open term → value")
    calendar = calendar_of(calendar)
    try:
        return Evaluator(
            entry.rules,
            as_of=day,
            params=params,
            calendar=calendar,
            limit=rounds,
            join_limit=join,
            since=since,
        )
    except ParameterError as exc:
        if exc.name == "limit":
            raise InvalidValueError("max_rounds", str(rounds), exc.reason) from exc
        if exc.name == "join_limit":
            raise InvalidValueError("max_join", str(join), exc.reason) from exc
        raise InvalidValueError("open term", exc.name, exc.reason) from exc


def _outside(entry: Entry, unit: Unit) -> bool:
    """Whether the unit's region lies outside the regulation's territory (a law reaches only
    its territory; a unit with no region is taken as inside a regulation named for it)."""
    return unit.region is not None and not region_contains(
        entry.regulation.meta.territory, unit.region
    )


def _check_unit_params(unit: Unit, library: Library) -> None:
    """A unit's own open-term values name open terms and fit their types, and each term
    is one a law reaching the unit reads (Library.term_outside): another law's term would
    settle nothing, silently."""
    if unit.params:
        found = open_term_problems(unit.open_terms, library.open_terms)
        found += [
            (name, reason)
            for name in unit.open_terms
            if name not in {n for n, _ in found}
            and (reason := library.term_outside(name, unit.region))
        ]
        if found:
            name, reason = found[0]
            raise InvalidValueError(f"params of unit {unit.id!r}", name, reason)


def _not_in_force(entry: Entry, day: dt.date) -> str:
    """Why a law derives nothing on ``day`` (it is not yet, or no longer, in force), or ""
    when it does. A draft is read as if it applied (what it would give)."""
    regulation = entry.regulation
    if regulation.meta.version != "final" or regulation.in_force_on(day):
        return ""
    start = regulation.meta.in_force
    when = f"it takes effect on {start}" if start is not None and day < start else "not in force"
    return f"{regulation.ref} is not in force on {day} ({when}): nothing follows from it yet"


PROGRESS_STEP = 10_000
"""Units evaluated between two calls of ``evaluate``'s ``progress``."""


def _parts(items: Sequence[Unit], size: int) -> Iterator[Sequence[Unit]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _facts_since(entry: Entry) -> dt.date | None:
    """The first day whose facts count: a law in force does not reach back before it took
    effect; a draft is read as if it applied to everything."""
    meta = entry.regulation.meta
    return meta.in_force if meta.version == "final" else None


def _applicable(fact: UnitFact, as_of: dt.date, since: dt.date | None) -> bool:
    """Whether a fact counts in an evaluation as of ``as_of`` (see `_not_counted`)."""
    return not _not_counted(fact, as_of, since)


def _not_counted(fact: UnitFact, as_of: dt.date, since: dt.date | None) -> str:
    """Why a fact does not count in an evaluation as of ``as_of``, or "" when it does: it
    has not happened by then (a planned event counts ahead of its date), or it happened
    before ``since``, the day the law took effect (`_facts_since`)."""
    day = fact.when
    if day is None:
        return ""
    if day > as_of and not fact.planned:
        return f"after the day of the evaluation ({as_of})"
    if since is not None and day < since:
        return f"before the law took effect ({since})"
    return ""


def _excluded(facts: Iterable[UnitFact], as_of: dt.date, since: dt.date | None) -> tuple[str, ...]:
    """The facts that do not count, each with why: what a reader is told, not left out."""
    return tuple(
        sorted(f"{label(f)}: {why}" for f in facts if (why := _not_counted(f, as_of, since)))
    )


_RULE_ID = re.compile(r"(?P<regulation>[^.@\s]+(?:@[^.@\s]+)?)\.(?:[0-9]+|p\.[^.\s]+)\.[0-9]+")
"""A rule id: its regulation, then an article number (or p.PROVISION), then the rule's place."""


def _regulations_for(
    unit: Unit, library: Library, regulation: str | None, reach: Reach | None = None
) -> list[tuple[Entry, ...]]:
    """The laws that reach the unit, each as its editions (one for an unamended law): the
    one named, or every final law whose territory contains the unit's region (``reach``:
    the library's final laws by territory, worked out once for a batch)."""
    if regulation is not None:
        return [library.editions(regulation)]
    if unit.region is None:
        raise InvalidValueError(
            "unit", unit.id, "it has no region; give it a region or name a --regulation"
        )
    finals = reach if reach is not None else Reach.of(library)
    entries = finals.containing(unit.region)
    if not entries:
        raise InvalidValueError(
            "unit",
            unit.id,
            f"its region {unit.region!r} lies in no loaded regulation's territory "
            f"({', '.join(finals.territories)}); give it a region there or name a --regulation",
        )
    return entries


@dataclass(frozen=True)
class Reach:
    """The library's final laws, each with its territory and its editions, in reference
    order: what ``_regulations_for`` asks of every unit of a batch, read once."""

    laws: tuple[tuple[str, tuple[Entry, ...]], ...]
    territories: tuple[str, ...]
    # the laws containing each region met, found once per batch (`containing`)
    _found: dict[str, list[tuple[Entry, ...]]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, library: Library) -> Reach:
        entries = library.entries()
        laws = tuple(
            (e.regulation.meta.territory, library.editions(e.regulation.ref))
            for e in entries
            if e.regulation.meta.version == "final"
        )
        return cls(laws, tuple(sorted({e.regulation.meta.territory for e in entries})))

    def containing(self, region: str) -> list[tuple[Entry, ...]]:
        found = self._found.get(region)
        if found is None:
            found = self._found[region] = [
                editions for territory, editions in self.laws if region_contains(territory, region)
            ]
        return list(found)


def _arose(item: Conclusion | Undetermined, entry: Entry, as_of: dt.date) -> dt.date:
    """The day a conclusion (or an open item) is judged on, to find the text of an amended
    law then in force: the latest date of the facts it rests on (the day its condition came
    to hold); for a duty with no facts behind it, the end of its cycle if that has passed,
    else the day of the evaluation."""
    types = entry.rules.schema.facts
    days = [
        day
        for fact in item.support
        if (spec := types.get(fact.fact_type)) is not None
        and isinstance(day := getattr(fact, spec.date_field or "", None), dt.date)
    ]
    if days:
        return max(days)
    due = getattr(item, "due", None)
    return min(due, as_of) if isinstance(due, dt.date) else as_of


def _judged(
    editions: Sequence[Entry], evaluations: Sequence[Evaluation], as_of: dt.date
) -> tuple[SubjectResult, ...]:
    """One result per subject from the runs of every edition of an amended law: each
    conclusion and open item as the edition in force on the day it arose judges it (facts
    dated under the 2023 text are judged by it, those after the amendment by the new text)."""
    if len(editions) == 1:
        return evaluations[0].results
    merged = []
    for results in zip(*(e.results for e in evaluations), strict=True):
        kept_c: list[Conclusion] = []
        kept_u: list[Undetermined] = []
        for entry, result in zip(editions, results, strict=True):
            mine = [c for c in result.conclusions if _owner(c, editions, entry, as_of)]
            kept_c.extend(mine)
            kept_u.extend(u for u in result.undetermined if _owner(u, editions, entry, as_of))
        made = {(c.rule.id, c.measure, c.start) for c in kept_c}  # the facts kept ones derived
        derived = tuple(
            d for r in results for d in r.derived if (d.rule, d.measure, d.date) in made
        )
        merged.append(SubjectResult(results[0].subject, tuple(kept_c), tuple(kept_u), derived))
    return tuple(merged)


def _current_id(rule: str, entry: Entry) -> tuple[str, list[trace.TraceNode]]:
    """The id a rule has now: a rule of a retired provision (``zhejiang.p.culture_week.1``)
    is the article's rule it became, said in a note; any other id is itself."""
    reg = entry.regulation
    head = f"{reg.ref}.p."
    if not rule.startswith(head):
        return rule, []
    slug, _, number = rule.removeprefix(head).rpartition(".")
    gone = reg.meta.retired_provision(slug)
    if gone is None:
        return rule, []
    index = int(number) if number.isdigit() else 0
    if not 1 <= index <= len(gone.rules):
        raise UnknownCodeError(
            "rule",
            rule,
            Choice(
                pointer=f"provision {slug} is retired; it is now article(s) "
                f"{', '.join(map(str, gone.articles))} ({gone.note})"
            ),
        )
    current = f"{reg.ref}.{gone.rules[index - 1]}"
    note = trace.TraceNode(f"{rule} is retired: it is now {current}", "fact", gone.note)
    return current, [note]


def _owner(
    item: Conclusion | Undetermined, editions: Sequence[Entry], entry: Entry, as_of: dt.date
) -> bool:
    return Library.in_force(editions, _arose(item, entry, as_of)) is entry


def evaluate(
    facts: FactSet,
    regulation: str | None = None,
    as_of: dt.date | None = None,
    params: Mapping[str, Any] | None = None,
    calendar: WorkCalendar | str | None = None,
    units: Sequence[str] | None = None,
    library: Library | None = None,
    max_rounds: int = MAX_ROUNDS,
    max_join: int = MAX_JOIN,
    progress: Callable[[int, int], None] | None = None,
    engine: str = "python",
    since: dt.date | str | None = None,
) -> Report:
    """Run the regulations over the facts: obligations with due dates and status, sanctions,
    and what the facts cannot decide. Each unit is evaluated under ``regulation`` or, when it
    is None, under every regulation whose territory contains the unit's region. An
    evaluation still deriving after ``max_rounds`` rounds stops with EvaluationLimitError;
    a rule joining more than ``max_join`` combinations of one unit's facts, with
    JoinLimitError. Recurring duties report every cycle since the law took effect; ``since``
    leaves out the cycles whose last day is before it, the others keeping the law's dates (a
    draft, with no day it took effect, counts its cycles from ``since``). ``progress(done, total)``, when given, is called as units
    are evaluated (every PROGRESS_STEP units of a regulation), counting pairs of unit and
    regulation. ``engine="columnar"`` evaluates many units set-at-a-time (extra
    regulations[columnar]); its answers are the reference engine's ("python"), which it hands
    what it does not translate (docs/performance.md)."""
    library = using(library)
    engine = check_engine(engine)
    facts = _fact_set(facts, library)
    day = as_date(as_of)
    first = as_date(since) if since is not None else None
    if isinstance(units, str):
        units = [units]
    if units is not None and (
        not isinstance(units, Sequence | set | frozenset)
        or not all(isinstance(u, str) for u in units)
    ):
        raise InvalidValueError("units", repr(units), "give unit ids: a str or a list of them")
    chosen = list(facts.units)
    if units:
        missing = [u for u in units if facts.unit(u) is None]
        if missing:
            raise UnknownCodeError("unit", missing[0], Choice(tuple(u.id for u in facts.units)))
        wanted = set(units)
        chosen = [u for u in chosen if u.id in wanted]
    for unit in chosen:
        _check_unit_params(unit, library)
    # each fact once, by its place; and the places of the facts each unit sees (its own, and
    # those naming it in a role)
    performed: list[UnitFact] = []
    own: dict[str, list[int]] = defaultdict(list)
    linked = by_id(facts.facts)  # what a link names: a fact at an event is the event's units'
    staff = staff_of(facts.units)  # a staff member sees its unit's (``of unit.staff_of``)
    for fact in facts.facts:
        for name in fact.concept_fields:  # the fields its type declares concept codes
            code = getattr(fact, name)
            if code is not None and code not in library.concepts:
                raise UnknownCodeError(
                    f"{name} in a {fact.fact_type} fact of unit {fact.unit!r}",
                    code,
                    Choice(pointer="`regulations concepts` lists them"),
                    suggest(code, library.concepts),
                )
        fact = fact.as_performance()  # a drill performs the drill duty
        # its unit, those it names in a role, those the fact it links to concerns, and the
        # staff members of each
        for unit_id in with_staff(concerned(fact, linked), staff):
            own[unit_id].append(len(performed))
        performed.append(fact)
    by_entry: dict[str, list[Unit]] = defaultdict(list)
    laws: dict[str, tuple[Entry, ...]] = {}
    reach = Reach.of(library)
    for unit in chosen:
        for editions in _regulations_for(unit, library, regulation, reach):
            label = "+".join(e.regulation.label for e in editions)
            by_entry[label].append(unit)
            laws[label] = editions
    reports: list[UnitReport] = []
    resolved: Mapping[str, Any] = {}
    done, total = 0, sum(len(members) for members in by_entry.values())
    for label, members in by_entry.items():
        editions = laws[label]
        entry = Library.in_force(editions, day)  # the text in force on the day asked
        evaluators = [
            _evaluator(e, day, params, calendar, max_rounds, max_join, first) for e in editions
        ]
        resolved = evaluators[0].params
        counted_from = _facts_since(entry)
        # a law reaches only units in its territory: others are listed, with nothing following
        inside: list[Unit] = []
        outside: list[Unit] = []
        for member in members:
            (outside if _outside(entry, member) else inside).append(member)
        note = _not_in_force(entry, day)
        if note:  # a law not in force on the day derives nothing
            inside, outside = [], [*inside, *outside]
        results: list[SubjectResult] = []
        for part in _parts(inside, PROGRESS_STEP):  # each unit apart: parts change nothing
            # each fact once, though several units it concerns are evaluated
            places = dict.fromkeys(place for u in part for place in own.get(u.id, ()))
            counted = [performed[p] for p in places if _applicable(performed[p], day, counted_from)]
            if engine == "columnar":  # each edition's answers, as the reference engine's
                runs = [
                    Evaluation(day, e.params, tuple(evaluate_units(e, part, counted)))
                    for e in evaluators
                ]
            else:
                runs = [evaluator.run(part, counted) for evaluator in evaluators]
            # an amended law's editions judge by the facts each conclusion rests on
            results.extend(_judged(editions, runs, day))
            done += len(part)
            if progress is not None:
                progress(done, total)
        results.extend(SubjectResult(u) for u in outside)
        done += len(outside)
        in_force = entry.regulation.in_force_on(day)
        # a unit no fact concerns: its report is that of the first unit answered alike
        # (``Evaluator.alike``), named for it, where its result says the same
        answered: dict[tuple[Any, ...], tuple[SubjectResult, UnitReport]] = {}
        for res in results:
            concerning = own.get(res.subject.id)
            if concerning:
                seen = [performed[p] for p in concerning]
                skipped = _excluded(seen, day, counted_from)
                reports.append(UnitReport.of(res, entry, in_force, day, skipped, note))
                continue
            keys = tuple(evaluator.alike(res.subject) for evaluator in evaluators)
            key = (bool(res.conclusions or res.undetermined), *keys)
            found = answered.get(key) if None not in keys else None
            if found is not None and _alike(found[0], res):
                reports.append(found[1].restated(res, entry))
                continue
            report = UnitReport.of(res, entry, in_force, day, (), note)
            if None not in keys and key not in answered:
                answered[key] = (res, report)
            reports.append(report)
    if not by_entry:
        resolved = (
            _evaluator(library.entries(day)[0], day, params, calendar).params
            if library.entries()
            else {}
        )
    reports.sort(key=lambda r: (r.unit.id, r.regulation))  # not the order of the file
    return Report(day, dict(resolved), tuple(reports))


@dataclass(frozen=True)
class Explanation:
    """Why (and why not) for one unit and a rule or article."""

    unit: str
    regulation: str
    trees: tuple[trace.TraceNode, ...]
    answers: tuple[Obligation | Sanction, ...] = ()  # what follows, as structured data

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "regulation": self.regulation,
            "explanations": [t.to_json() for t in self.trees],
            "answers": [a.to_json() for a in self.answers],
        }

    def lines(self) -> list[str]:
        return [line for tree in self.trees for line in tree.lines()]


def _performed(
    conclusion: Conclusion,
    evaluator: Evaluator,
    grouped: Mapping[str, list[Any]],
    given: Sequence[tuple[Any, UnitFact]],
) -> Performed | None:
    """The performances a duty's status rests on (engine.met_by), each cited as the fact it
    was given as (a drill, not the performance it is read as); None without a status."""
    fact = evaluator.clock.fulfilment_fact
    if conclusion.status is None or conclusion.due is None or fact is None:
        return None
    performed = grouped.get(fact, ())
    start, due, found = met_by(conclusion.rule, conclusion, performed, evaluator.clock)
    if due is None:
        return None

    def cite(performances: Sequence[Any]) -> tuple[Performance, ...]:
        cited = []
        for performance in performances:
            original = next((g for seen, g in given if seen is performance), performance)
            cited.append(Performance(original.fact_type, original.id, performance.date))
        return tuple(cited)

    elsewhere = counted_elsewhere(conclusion.rule, conclusion, performed, evaluator.clock)
    return Performed(start, due, needed(conclusion.rule.node), cite(found), cite(elsewhere))


def _performed_node(conclusion: Conclusion, performed: Performed) -> trace.TraceNode:
    """Why a duty is met, overdue or pending: "met by the drill of 2025-03-04", or "no
    performance fell between START and DUE"."""
    between = (
        f"between {performed.start} and {performed.due}"
        if performed.start
        else f"by {performed.due}"
    )
    if performed.start and conclusion.start and performed.start != conclusion.start:
        between += f" ({conclusion.start} ends the period before and is counted there)"
    cited = tuple(
        trace.TraceNode(
            f"{p.fact} {p.date}" + (f" ({p.id})" if p.id else ""),
            "fact",
            data=(
                (
                    "fact",
                    (("type", p.fact), *((("id", p.id),) if p.id else ()), ("date", str(p.date))),
                ),
            ),
        )
        for p in performed.found
    )
    texts = ", ".join(p.text for p in performed.found)
    if conclusion.status == "met":
        return trace.TraceNode(f"met by {texts}", "holds", f"it fell {between}", cited)
    state: trace.Status
    if conclusion.status == "overdue":
        state, after = "fails", f"overdue: {performed.due} has passed"
    else:
        state, after = "undetermined", f"pending: it may still be performed by {performed.due}"
    if performed.elsewhere:  # fell in it, counted for the cycle before (one cycle each)
        others = ", ".join(p.text for p in performed.elsewhere)
        after += (
            f"; {others} fell in it too but counts for the cycle before, whose last day ran on "
            "past rest days into this one (one performance meets one cycle)"
        )
    if not performed.found:
        what = "no performance counted" if performed.elsewhere else "no performance fell"
        return trace.TraceNode(f"{what} {between}", state, after)
    asked = f"{len(performed.found)} of the {performed.needed} performances asked"
    return trace.TraceNode(f"only {asked} fell {between}: {texts}", state, after, cited)


def _numbers(conclusion: Conclusion) -> list[trace.TraceNode]:
    """Why the dates and open terms of a conclusion are what they are: the due date's
    counting (start, period, last day, rest days passed over, calendar), the end of a
    consequence, and each open term's value with where it was set."""
    found = []
    counted = conclusion.reckoning
    if counted is not None:
        how = {
            "period": f"{counted.period} after {counted.start} (the start day not counted) "
            f"ends {counted.end}",
            "prompt": f"promptly: {counted.period} after {counted.start}, on {counted.end}, "
            "not moved past rest days (及时/立即 is no period of the Civil Code)",
            "cycle": f"the cycle's day {counted.end}",
            "date": f"the date the fact gives, {counted.end}",
        }.get(counted.basis, str(counted.end))
        if counted.skipped:
            days = ", ".join(str(d) for d in counted.skipped)
            how += f"; {days} {'is a rest day' if len(counted.skipped) == 1 else 'are rest days'}"
            how += f" (calendar {counted.calendar}), so it moves to {counted.due}"
        if counted.provisional:
            how += "; provisional: the holidays of that year are computed, no official notice yet"
        found.append(trace.TraceNode(f"due {counted.due}", "holds", how))
    if conclusion.kind == "sanction" and conclusion.until is not None:
        node = conclusion.rule.node
        if node.until is not None:
            why = f"until {node.until.fact}.{node.until.field_name} of the facts it rests on"
        elif node.until_year_of is not None:
            ref = node.until_year_of
            why = f"the end of the year of {ref.ref.fact}.{ref.ref.field_name}" + (
                f" + {ref.offset}" if ref.offset else ""
            )
        else:
            decided = conclusion.start
            why = f"the end of the year of the decision it rests on (本年度), made on {decided}"
        found.append(trace.TraceNode(f"until {conclusion.until}", "holds", why))
    for name, value, origin, facts in conclusion.terms:
        where = {"subject": "the unit's params", "case": "the facts of the case",
                 "link": "a fact linked to the case",
                 "decision": "the decision given for the case (naming no ground, the one case "
                             "it can rest on)",
                 "facts": "a fact of the unit (the conclusion rests on none)",
                 "run": "--param", "default": "the default"}.get(origin, origin)  # fmt: skip
        through = settled_through(conclusion.support, facts, origin)
        if through:  # a sanction the rules derived keeps its case: the flag is on that case
            sanctions = ", ".join(f"{d.measure} of {d.rule}" for d in through)
            where = where.replace("the case", f"the case of the derived sanction {sanctions}")
        on = f" ({', '.join(label(f) for f in facts)})" if facts else ""
        shown_value = "undecided" if value is None else value
        found.append(
            trace.TraceNode(
                f"{name} = {shown_value}",
                "undetermined" if value is None else "holds",
                f"set by {where}{on}",
            )
        )
    return found


def explain(
    facts: FactSet,
    unit: str,
    rule: str | None = None,
    article: int | None = None,
    regulation: str | None = None,
    as_of: dt.date | None = None,
    params: Mapping[str, Any] | None = None,
    calendar: WorkCalendar | str | None = None,
    library: Library | None = None,
    max_rounds: int = MAX_ROUNDS,
    max_join: int = MAX_JOIN,
    since: dt.date | str | None = None,
    provision: str | None = None,
) -> Explanation:
    """The why-tree of every conclusion of a rule (or of the rules of an article, or of a
    provision without an article number) for a unit, and the why-not of each of those rules
    that did not fire. Exactly one of ``rule``, ``article`` and ``provision`` is given."""
    library = using(library)
    facts = _fact_set(facts, library)
    subject = facts.unit(str(unit))
    if subject is None:
        raise UnknownCodeError("unit", str(unit), Choice(tuple(u.id for u in facts.units)))
    given = {"rule": rule, "article": article, "provision": provision}
    chosen = [f"{k}={val!r}" for k, val in given.items() if val is not None]
    if len(chosen) != 1:
        raise InvalidValueError(
            "explain arguments",
            ", ".join(chosen) or "none",
            "give exactly one of rule (a rule id such as 'xinjiang.52.1'), article (a number "
            "such as 52) or provision (the id of a provision without an article number)",
        )
    if provision is not None and not isinstance(provision, str):
        raise InvalidValueError(
            "provision", str(provision), "give a provision id such as culture_week"
        )
    if rule is not None and not isinstance(rule, str):
        raise InvalidValueError("rule id", str(rule), "give a rule id such as ordos.19.1")
    if article is not None:
        article = article_number(article)
    if rule is not None:
        match = _RULE_ID.fullmatch(rule)
        if match is None:
            raise InvalidValueError(
                "rule id",
                rule,
                "expected REGULATION.ARTICLE.N, e.g. xinjiang.52.1 (or REGULATION.p.PROVISION.N)",
            )
        named = library.entry(match["regulation"]).regulation.ref
        if regulation is not None and library.entry(regulation).regulation.ref != named:
            raise InvalidValueError(
                "rule id", rule, f"it is a rule of {named}, not of {regulation}"
            )
        regulation = named
    laws = _regulations_for(subject, library, regulation)
    if len(laws) > 1:  # which one's article 19? the caller says
        refs = ", ".join(e[0].regulation.ref for e in laws)
        raise InvalidValueError(
            "explain", subject.id, f"the unit is bound by {refs}; name one (--regulation)"
        )
    editions = laws[0]
    day = as_date(as_of)
    entry = Library.in_force(editions, day)  # the text in force on the day asked
    renamed: list[trace.TraceNode] = []
    if rule is not None:
        rule, renamed = _current_id(rule, entry)

    def asked(e: Entry) -> list[CompiledRule]:
        if rule is not None:
            return [r for r in e.rules.rules if r.id == rule]
        if provision is not None:
            return [r for r in e.rules.rules if r.meta.get("provision") == provision]
        return [r for r in e.rules.rules if r.meta.get("article") == article]

    if rule is not None and not any(asked(e) for e in editions):
        raise UnknownCodeError(
            "rule",
            rule,
            Choice(
                pointer=f"rule ids of {entry.regulation.ref} look like "
                f"{entry.rules.rules[0].id if entry.rules.rules else '-'}; "
                "`regulations articles` lists them"
            ),
        )
    if provision is not None and not any(
        a.provision == provision for e in editions for a in e.regulation.articles
    ):
        slugs = sorted(
            {a.provision for e in editions for a in e.regulation.articles if a.provision}
        )
        raise UnknownCodeError(
            f"provision of {entry.regulation.ref}",
            provision,
            Choice(tuple(slugs)) if slugs else Choice(pointer="this regulation has none"),
            suggest(provision, slugs),
        )
    if article is not None and all(e.regulation.article(article) is None for e in editions):
        raise UnknownCodeError(
            f"article of {entry.regulation.ref}",
            str(article),
            Choice(pointer=f"`regulations articles {entry.regulation.ref}` lists them"),
        )
    if _outside(entry, subject):
        outside = trace.TraceNode(
            f"{entry.regulation.ref} does not reach the unit",
            "fails",
            f"its region {subject.region} lies outside the territory "
            f"{entry.regulation.meta.territory}",
        )
        return Explanation(subject.id, entry.regulation.ref, (outside,))
    note = _not_in_force(entry, day)
    if note:
        return Explanation(
            subject.id,
            entry.regulation.ref,
            (trace.TraceNode(f"{entry.regulation.ref} derives nothing", "fails", note),),
        )
    counted_from = _facts_since(entry)
    # each fact as the run sees it (a drill as the performance it is), and as it was given
    as_given = [
        (f.as_performance(), f) for f in facts.of(subject.id) if _applicable(f, day, counted_from)
    ]
    own = tuple(seen for seen, _ in as_given)
    skipped = _excluded(facts.of(subject.id), day, counted_from)
    runs = []
    for edition in editions:
        evaluator = _evaluator(
            edition,
            day,
            params,
            calendar,
            max_rounds,
            max_join,
            as_date(since) if since else None,
        )
        runs.append((edition, evaluator, evaluator.run([subject], own).results[0]))
    # the facts as the run saw them: its own by type, others' under the role or link
    grouped = runs[0][1].index(own, [subject]).get(subject.id, {})
    fact_types = entry.rules.schema.facts
    # the rules asked for, the text in force on the day first (an edition's rules share ids)
    order = sorted(runs, key=lambda run: run[0] is not entry)
    ids = list(dict.fromkeys(r.id for e, _, _ in order for r in asked(e)))
    trees: list[trace.TraceNode] = []
    answers: list[Obligation | Sanction] = []
    for rule_id in ids:
        found: list[trace.TraceNode] = []
        for edition, evaluator, result in runs:
            conclusions, open_items = trace.find(result, [rule_id])
            mine = [c for c in conclusions if _owner(c, editions, edition, day)]
            if not mine:
                continue
            for c in mine:
                tree = trace.why(c, result, fact_types, cite, evaluator, grouped)
                numbers = tuple(_numbers(c))
                if c.kind != "obligation":
                    found.append(replace(tree, children=(*tree.children, *numbers)))
                    answers.append(Sanction.of(c, unit, day))
                    continue
                performed = _performed(c, evaluator, grouped, as_given)
                why_status = (_performed_node(c, performed),) if performed else ()
                found.append(replace(tree, children=(*tree.children, *numbers, *why_status)))
                answers.append(replace(Obligation.of(c), performances=performed))
            found.extend(  # an escalation the facts cannot decide
                trace.TraceNode(
                    f"{rule_id} ({cite(u.rule)}): escalation to {', '.join(u.escalation)} "
                    f"is undetermined",
                    "undetermined",
                    f"needs {', '.join(u.needs)}",
                )
                for u in open_items
                if u.escalation and _owner(u, editions, edition, day)
            )
            found.extend(  # the rule open for another event of the unit: each with its facts
                trace.undetermined(u.rule, (u,), result, fact_types, cite, evaluator, grouped)
                for u in open_items
                if not u.escalation and _owner(u, editions, edition, day)
            )
        if not found:  # why not, under the text in force on the day (or the last holding it)
            edition, evaluator, result = next(
                run for run in order if any(r.id == rule_id for r in run[0].rules.rules)
            )
            compiled = next(r for r in edition.rules.rules if r.id == rule_id)
            found.append(trace.why_not(compiled, subject, grouped, evaluator, result, cite))
        trees.extend(found)
    if skipped:  # "no incident fact" would mislead where the unit's incidents do not count
        trees.append(
            trace.TraceNode(
                f"facts of {subject.id} not counted",
                "fails",
                "; ".join(skipped),
            )
        )
    trees[:0] = renamed
    return Explanation(unit, entry.regulation.ref, tuple(trees), tuple(answers))
