"""Forward chaining: facts in, derived conclusions out, to a fixpoint, stratum by stratum.

Facts are indexed by subject (the join key every condition shares) and by type; each
subject's rules are found once per distinct (kind, level, tags) profile. Evaluation state
lives in the call: a RuleSet is immutable and can be shared across threads.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from operator import attrgetter
from typing import Any

from engine import ast
from engine.context import Context, Match, which, within
from engine.deadlines import DECISION_DAY, Clock, date_of, decision_year_end, obligation, year_end
from engine.errors import EvaluationLimitError, JoinLimitError, ParameterError
from engine.match import source_of
from engine.numbers import MAX_JOIN_ROWS
from engine.params import resolve_params
from engine.periods import WorkCalendar
from engine.plan import Mode, Profile, for_profile
from engine.readings import followed, open_links, readable, whichever
from engine.results import (
    Conclusion,
    DerivedFact,
    Evaluation,
    SubjectResult,
    Undetermined,
    in_order,
)
from engine.rules import CompiledRule, RuleSet
from engine.schema import THROUGH, FactType


def fact_order(fact_type: FactType) -> Callable[[Any], str]:
    """The key ``run`` sorts a subject's facts of one type by: the text of their fields'
    values, in the order the schema lists the fields (one C-level read and ``repr``; the
    order is arbitrary but fixed). Which of two facts of one day supports a conclusion, and
    so every answer, never depends on the order the facts were given in."""
    names = tuple(fact_type.fields)
    read = attrgetter(*names) if names else (lambda _: ())

    def key(fact: Any) -> str:
        try:
            return repr(read(fact))
        except AttributeError:  # a fact that leaves out a field no rule reads
            return repr(tuple(getattr(fact, name, None) for name in names))

    return key


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the ``with`` block, then restore it as it
    was: evaluation allocates many small objects without reference cycles, and collections
    triggered by that allocation cost a quarter of the run time on large inputs (reference
    counting still frees everything). Opt-in (``Evaluator(pause_gc=True)``, or around a
    batch of calls): the collector is the whole process's, which a host service may not want
    paused. Runs that overlap in threads may resume it early; that costs time, never an
    answer."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _minimal(items: list[Undetermined], conclusions: list[Conclusion]) -> list[Undetermined]:
    """Undetermined items worth reporting: not for a rule that fired anyway for the same
    facts, or that fired with a conclusion tied to no event (unless an escalation is what is
    open), and not one whose needs include another's of the same rule. A rule that fired for
    one event and is open for another (a deadline beyond the holiday calendar, a violation
    whose seriousness is unknown) keeps the open one."""
    covered: dict[str, set[tuple[Any, ...]]] = {}
    timeless: set[str] = set()
    for c in conclusions:
        covered.setdefault(c.rule.id, set()).add(which(c.support))
        if c.start is None:
            timeless.add(c.rule.id)
    kept = [  # a rule that fired: open only for another event, or a cycle the calendar
        u  # cannot count (an open term with no event adds nothing to what fired)
        for u in items
        if u.escalation
        or u.rule.id not in covered
        or any(n.startswith("calendar:") for n in u.needs)
        or (u.support and u.rule.id not in timeless and which(u.support) not in covered[u.rule.id])
    ]
    # the distinct sets of needs of each (rule, escalation): few, however many the items
    needs_of: dict[tuple[str, tuple[str, ...]], set[frozenset[str]]] = {}
    for u in kept:
        needs_of.setdefault((u.rule.id, u.escalation), set()).add(frozenset(u.needs))
    return [
        u
        for u in kept
        if not any(other < frozenset(u.needs) for other in needs_of[(u.rule.id, u.escalation)])
    ]


Through = tuple[tuple[str, str], ...]
"""Sources read through a subject link (``assessment^staff_of``), each with the subject's
own source it stands for where no linked subject is seen (``Evaluator.own_view``)."""


def _through_sources(ruleset: RuleSet) -> dict[str, Through]:
    """Each rule's sources read through a subject link (only rules that have some)."""
    found: dict[str, Through] = {}
    for rule in ruleset.rules:
        pairs = {}
        for node in ast.walk(rule.node):
            if isinstance(node, ast.Exists | ast.Count) and node.through is not None:
                source = source_of(node, ruleset.schema)
                pairs[source] = source.rpartition(THROUGH)[0]
        if pairs:
            found[rule.id] = tuple(pairs.items())
    return found


def _label(fact: Any) -> str:
    """How a fact is named to the reader: its label (id, else type and date), else type."""
    found = getattr(fact, "label", None)
    return str(found) if found else str(getattr(fact, "fact_type", "fact"))


class Evaluator:
    """Runs a rule set over subjects and their facts. One evaluator per call."""

    def __init__(
        self,
        ruleset: RuleSet,
        *,
        as_of: dt.date,
        params: Mapping[str, Any] | None = None,
        calendar: WorkCalendar | None = None,
        mode: Mode = "full",
        limit: int = 100,
        join_limit: int = MAX_JOIN_ROWS,
        since: dt.date | None = None,
        pause_gc: bool = False,
    ) -> None:
        self.ruleset = ruleset
        self.pause_gc = pause_gc  # the garbage collector paused during ``run`` (opt-in)
        self.as_of = as_of
        self.params = resolve_params(ruleset.schema, params)
        self.origins = {n: "run" if n in (params or {}) else "default" for n in self.params}
        self.calendar = calendar
        self.mode = mode
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ParameterError(
                "limit", f"{limit!r} is not a round limit; give a whole number ≥ 1"
            )
        self.limit = limit
        if isinstance(join_limit, bool) or not isinstance(join_limit, int) or join_limit < 1:
            raise ParameterError(
                "join_limit", f"{join_limit!r} is not a join limit; give a whole number ≥ 1"
            )
        self.join_limit = join_limit
        schema = ruleset.schema
        self.clock = Clock(
            as_of,
            self.params,
            calendar,
            schema.fulfilment_fact,
            schema.prompt_param,
            schema.fulfilment_link,
            since,
        )
        self._profiles: dict[tuple[Any, ...], tuple[Profile, Through]] = {}
        # the answer of a subject without facts, by what it is answered by (``alike``):
        # worked out once per run for all subjects alike, then only named for each
        self._alike: dict[tuple[Any, ...], SubjectResult] = {}
        self._alike_key = attrgetter(*ruleset.subject_reads) if ruleset.subject_reads else None
        self._date_fields = {n: t.date_field for n, t in ruleset.schema.facts.items()}
        self._profile_key = attrgetter(*ruleset.profile_fields) if ruleset.profile_fields else None
        self._fact_keys = {n: fact_order(t) for n, t in ruleset.schema.facts.items()}
        self._roles = {n: t.roles for n, t in ruleset.schema.facts.items() if t.roles}
        self._links = ruleset.schema.fact_links()
        self._through = _through_sources(ruleset)
        self._all_through: Through = tuple(
            dict.fromkeys(p for pairs in self._through.values() for p in pairs)
        )
        self._followed = followed(ruleset)  # the links to facts a rule's condition follows
        self._deriving: dict[str, list[CompiledRule]] = {}  # a measure: the rules deriving it
        for rule in ruleset.rules:
            if rule.node.kind == "sanction" and not rule.node.alternatives:
                for measure in rule.node.measures:
                    self._deriving.setdefault(measure, []).append(rule)

    def plan_for(self, subject: Any) -> Profile:
        """What to run for a subject, shared by every subject of the same profile: kind,
        level, tags and the subject fields that rules test (an alpha memory)."""
        return self._planned(subject)[0]

    def _planned(self, subject: Any) -> tuple[Profile, Through]:
        """The plan for a subject, and the sources its rules read through a subject link."""
        tags = subject.tags
        key: tuple[Any, ...] = (subject.kind, subject.level, tags)
        if self._profile_key is not None:
            key = (*key, self._profile_key(subject))
        found = self._profiles.get(key)
        if found is None:
            plan = for_profile(self.ruleset, subject, self.params, self.mode)
            through = tuple(
                dict.fromkeys(
                    pair
                    for stratum, _ in plan.strata
                    for rule in stratum
                    for pair in self._through.get(rule.id, ())
                )
            )
            found = self._profiles[key] = (plan, through)
        return found

    def alike(self, subject: Any) -> tuple[Any, ...] | None:
        """What a subject without facts is answered by: its kind, level and tags and every
        field of it a rule reads (``RuleSet.subject_reads``). Two subjects alike and without
        facts have one answer but for whose it is. None for a subject that settles open
        terms for itself (``Schema.subject_params``): its answer is its own."""
        field = self.ruleset.schema.subject_params
        if field and getattr(subject, field, None):
            return None
        key: tuple[Any, ...] = (subject.kind, subject.level, subject.tags)
        if self._alike_key is not None:
            key = (*key, self._alike_key(subject))
        try:
            hash(key)
        except TypeError:  # a field that cannot be a key: the subject is answered alone
            return None
        return key

    def run(self, subjects: Iterable[Any], facts: Iterable[Any] = ()) -> Evaluation:
        """Evaluate every subject with its facts (facts are matched to subjects by key)."""
        subjects = list(subjects)
        by_subject = self.index(facts, subjects)
        empty: dict[str, list[Any]] = {}
        with collector_paused() if self.pause_gc else nullcontext():
            results = tuple(self.subject(s, by_subject.get(s.id, empty)) for s in subjects)
        return Evaluation(self.as_of, self.params, results)

    def index(
        self, facts: Iterable[Any], subjects: Iterable[Any] = ()
    ) -> dict[Any, dict[str, list[Any]]]:
        """The facts each subject sees, by the key a condition reads them under
        (``match.source_of``): its own by type; those naming it in a role under
        ``type@role`` (the appeals a body received: ``appeal@body``); and, under
        ``type@link``, the facts linking to a fact it sees in either way (``incident@event``:
        the incidents at a large event it organized or approved, wherever recorded), its own
        linking ones among them. Of ``subjects`` naming another subject in a link field
        (``Schema.subject_links``: a person's ``staff_of``), what that one sees under
        ``KEY^FIELD``, with the subject's own of that key (a file before the link recorded
        the unit's facts under the person): ``assessment^staff_of`` (``of unit.staff_of``).
        Each list in ``fact_order``."""
        key_attr = self.ruleset.schema.subject_key
        roles, follows = self._roles, self._links  # a subject seeing the fact named sees
        # the one naming it
        facts = list(facts)
        by_subject: dict[Any, dict[str, list[Any]]] = {}
        seen_by: dict[Any, list[Any]] = {}  # a fact's id: the subjects that see it
        for fact in facts:
            subject = getattr(fact, key_attr)
            own = by_subject.get(subject)
            if own is None:
                own = by_subject[subject] = {}
            kind = fact.fact_type
            if kind in own:
                own[kind].append(fact)
            else:
                own[kind] = [fact]
            them = [subject]
            for role in roles.get(kind, ()):  # the subjects it names see it too, in that role
                named = getattr(fact, role, None)  # a subject, or candidates left open
                for other in (named,) if isinstance(named, str) else named or ():
                    by_subject.setdefault(other, {}).setdefault(f"{kind}@{role}", []).append(fact)
                    them.append(other)
            given = getattr(fact, "id", None)
            if follows and given is not None and len(them) > 1:  # seen beyond its subject
                seen_by[given] = them
        for fact in facts if follows else ():
            kind = fact.fact_type
            for link in follows.get(kind, ()):
                named = getattr(fact, link, None)  # a fact, or candidates left open
                if named is None:
                    continue
                seers = {getattr(fact, key_attr)}
                for target in (named,) if isinstance(named, str) else named:
                    seers.update(seen_by.get(target, ()))
                for other in seers:
                    by_subject.setdefault(other, {}).setdefault(f"{kind}@{link}", []).append(fact)
        for own in by_subject.values():
            for kind, items in own.items():
                order = self._fact_keys.get(kind.partition("@")[0])
                if order is not None and len(items) > 1:
                    items.sort(key=order)
        if self._through:
            self._seen_through(by_subject, subjects)
        return by_subject

    def _seen_through(
        self, by_subject: dict[Any, dict[str, list[Any]]], subjects: Iterable[Any]
    ) -> None:
        """Each subject's view of the subject its link fields name (``index``)."""
        fields = self.ruleset.schema.subject_links
        for subject in subjects:
            for name in fields:
                other = getattr(subject, name, None)
                theirs = by_subject.get(other) if other is not None else None
                if not theirs or other == subject.id:
                    continue
                mine = by_subject.setdefault(subject.id, {})
                for key, items in list(theirs.items()):
                    if THROUGH in key:
                        continue  # one step: not the unit's own view through its links
                    also = mine.get(key)
                    if also:
                        order = self._fact_keys.get(key.partition("@")[0])
                        merged = [*items, *(o for o in also if not any(o is i for i in items))]
                        items = sorted(merged, key=order) if order is not None else merged
                    mine[f"{key}{THROUGH}{name}"] = items

    def own_view(
        self, facts: dict[str, list[Any]], through: Through | None = None
    ) -> dict[str, list[Any]]:
        """``facts`` (a subject's, as given: none derived yet), where no linked subject's
        view was given under a key read through a link (``assessment^staff_of``: a person
        naming no unit, or one whose unit has none), with the subject's own of that key: a
        file before the link recorded the unit's facts under the person. ``through``: the
        keys to fill (those its plan reads), else every one the rules read."""
        pairs = through if through is not None else self._all_through
        for source, base in pairs:
            if source not in facts and base in facts:
                facts[source] = facts[base]
        return facts

    def subject(
        self,
        subject: Any,
        facts: Mapping[str, list[Any]],
        asked_of: Collection[str] | None = None,
    ) -> SubjectResult:
        """Run the rules binding ``subject`` over its facts to a fixpoint, stratum by stratum.
        ``asked_of``: the fact types the subject is taken to have where an open term alone
        is asked (``_asked``), not those of ``facts``: the answer of every subject with facts
        of those types, none of which a rule's condition matches (the columnar backend).

        A subject without facts gets the answer of the first subject alike (``alike``) in
        this evaluator, named for it: nothing else of it is read."""
        if facts or asked_of is not None or self.mode == "applies":
            return self._subject(subject, facts, asked_of)
        key = self.alike(subject)
        if key is None:
            return self._subject(subject, facts)
        shared = self._alike.get(key)
        if shared is None:
            shared = self._alike[key] = self._subject(subject, facts)
        if shared.subject is subject:
            return shared
        if shared.derived:  # facts it derived name their subject: worked out again
            return self._subject(subject, facts)
        sid = subject.id
        return SubjectResult(
            subject,
            tuple(c._replace(subject=sid) for c in shared.conclusions),
            tuple(u._replace(subject=sid) for u in shared.undetermined),
        )

    def _subject(
        self,
        subject: Any,
        facts: Mapping[str, list[Any]],
        asked_of: Collection[str] | None = None,
    ) -> SubjectResult:
        """``subject``, worked out for this subject alone."""
        plan, through = self._planned(subject)
        sid = subject.id
        if self.mode == "applies":
            return SubjectResult(subject, tuple(Conclusion("binding", r, sid) for r in plan.static))
        conclusions = [Conclusion("obligation", r, sid) for r in plan.static]
        if not plan.strata or (plan.needs_facts and not facts):
            return SubjectResult(subject, tuple(conclusions))
        left_open = open_links(facts, self._followed) if self._followed else []
        if left_open and readable(left_open):  # read every way they may be (engine.readings)
            certain, open_items, facts_made = whichever(
                facts, left_open, lambda read: self.subject(subject, read, asked_of)
            )
            return self.result(subject, certain, _minimal(open_items, certain), facts_made)
        own = self.subject_params(subject)
        params, origins = self.params, self.origins
        if own:  # open terms the subject settles for itself override the run's
            params = {**params, **own}
            origins = {**origins, **dict.fromkeys(own, "subject")}
        ctx = Context(
            subject, dict(facts), params, self.as_of, self.join_limit, origins, self._links
        )
        if through:
            self.own_view(ctx.facts, through)
        ungrounded = self.ungrounded(plan, ctx) if self._deriving else {}
        undetermined: list[Undetermined] = []
        fired: set[tuple[str, tuple[int, ...]]] = set()
        seen: set[tuple[Any, ...]] = set()  # set semantics: each conclusion once
        derived: set[tuple[str, dt.date | None]] = set()
        made: list[DerivedFact] = []  # the facts derived, in the order they were
        derived_fact = self.ruleset.schema.derived_fact  # what a sanction is as a fact
        present = ctx.facts.keys()
        for stratum, recursive in plan.strata:
            for _ in range(self.limit):
                new = False
                deriving: list[str] = []  # the rules that derived a new fact this round
                for rule in stratum:
                    if rule.requires and not rule.requires <= present:
                        continue  # a fact the condition needs is absent: it cannot hold
                    for item in self.fire(rule, ctx, fired if recursive else None):
                        if isinstance(item, Undetermined):
                            key: tuple[Any, ...] = (
                                "?",
                                rule.id,
                                item.needs,
                                item.escalation,
                                which(item.support),  # open for each event apart
                            )
                            if key not in seen:
                                seen.add(key)
                                undetermined.append(item)
                            continue
                        key = (item.kind, rule.id, item.measure, item.start, item.due)
                        if item.kind == "obligation" and item.due is not None:
                            key = (*key, which(item.support))  # one per event
                        if key in seen:
                            continue
                        seen.add(key)
                        conclusions.append(item)
                        if (
                            derived_fact is not None
                            and item.kind == "sanction"
                            and item.measure is not None
                            and not item.alternative
                            # a decision given as a sanction is the fact; one given
                            # as an order is a sanction of the order's day
                            and getattr(item.decision, "fact_type", None) != derived_fact
                        ):
                            fact_key = (item.measure, item.start)
                            if fact_key not in derived:
                                derived.add(fact_key)
                                new = True
                                deriving.append(rule.id)
                                fact = DerivedFact(
                                    derived_fact,
                                    sid,
                                    item.measure,
                                    item.start,
                                    rule.id,
                                    item.suspended,
                                    item.support,  # its case, for the open terms after it
                                )
                                made.append(fact)
                                # copy on write: the caller's lists are never changed
                                ctx.facts[derived_fact] = [*ctx.facts.get(derived_fact, ()), fact]
                if not (new and recursive):
                    break
            else:
                raise EvaluationLimitError(self.limit, sid, tuple(dict.fromkeys(deriving)))
        # a rule that fired need not be reported undetermined through another alternative
        if undetermined:  # an open term is asked only where the unit has facts of its kind
            terms = self.ruleset.schema.params
            undetermined = [
                u
                for u in undetermined
                if u.support
                or u.escalation
                or any(n.removeprefix("not ") not in terms for n in u.needs)
                or self._asked(u.rule, ctx, asked_of)
            ]
            undetermined = _minimal(undetermined, conclusions)
            if ungrounded:
                undetermined = [self.grounds_open(u, ungrounded) for u in undetermined]
        return self.result(subject, conclusions, undetermined, made)

    def result(
        self,
        subject: Any,
        conclusions: list[Conclusion],
        undetermined: list[Undetermined],
        derived: list[DerivedFact] | None = None,
    ) -> SubjectResult:
        """A subject's result, its lists in the documented order (``results.in_order``)."""
        return in_order(subject, conclusions, undetermined, derived or (), self.ruleset.place)

    # firing -----------------------------------------------------------------------------

    def fire(
        self,
        rule: CompiledRule,
        ctx: Context,
        fired: set[tuple[str, tuple[int, ...]]] | None,
    ) -> Iterator[Conclusion | Undetermined]:
        """Conclusions of ``rule`` for every way its condition holds; with ``fired`` (in a
        recursive stratum) each fact tuple fires the rule once (refraction)."""
        ctx.rows = 0
        try:
            yield from self._fire(rule, ctx, fired)
        except JoinLimitError as exc:
            raise JoinLimitError(exc.limit, ctx.subject.id, rule.id) from None

    def _fire(
        self,
        rule: CompiledRule,
        ctx: Context,
        fired: set[tuple[str, tuple[int, ...]]] | None,
    ) -> Iterator[Conclusion | Undetermined]:
        matches: Iterable[Match] = rule.when(ctx, {}) if rule.when is not None else [Match({})]
        for match in matches:
            if fired is not None:
                token = (rule.id, tuple(sorted(which(match.support))))
                if token in fired:
                    continue
                fired.add(token)
            settled = self.settle(match.needs, match.support, ctx)
            if settled is None:
                continue  # an open term the case settles says no
            needs = set(settled)
            if rule.unless is not None:
                exception = []
                for m in rule.unless(ctx, match.env):
                    left = self.settle(m.needs, match.support + m.support, ctx)
                    if left is not None:
                        exception.append(left)
                if any(not left for left in exception):
                    continue  # the exception definitely holds
                needs |= {f"not {n}" for left in exception for n in left}
            if needs:
                yield Undetermined(rule, ctx.subject.id, tuple(sorted(needs)), match.support)
                continue
            terms = self.terms_of(rule, match.support, ctx)
            for item in self.conclude(rule, ctx, match):
                yield item._replace(terms=terms) if terms and isinstance(item, Conclusion) else item

    @staticmethod
    def _asked(rule: CompiledRule, ctx: Context, kinds: Collection[str] | None = None) -> bool:
        """Whether a rule left open on an open term alone (no fact of the case) is a real
        question for the subject: it has a fact of the ground's own case, where the rule says
        which (``asked when``: Xinjiang 52 (八) asks of staff offending where the unit has an
        offence on record); else some fact of a type the rule reads; a rule that reads no
        fact asks it of every subject it binds, unless it is a sanction (a sanction rests on
        a case: its catch-all ground is asked only where there are facts)."""
        if rule.asked is not None:  # ``asked when``: a fact of the ground's own case
            # (the columnar backend hands every subject where it may hold to this engine)
            return kinds is None and any(True for _ in rule.asked(ctx, {}))
        read = rule.reads | rule.negative_reads
        if not read:
            return rule.node.kind != "sanction"
        if kinds is not None:
            return any(fact in kinds for fact, _ in read)
        return any(ctx.facts.get(fact) for fact, _ in read)

    def subject_params(self, subject: Any) -> dict[str, Any]:
        """The open terms a subject settles for itself (``Schema.subject_params``), typed."""
        field = self.ruleset.schema.subject_params
        given = getattr(subject, field, None) if field else None
        if not given:
            return {}
        pairs = given.items() if isinstance(given, Mapping) else given
        return resolve_params(self.ruleset.schema, dict(pairs), only_given=True)

    def settle(
        self, needs: frozenset[str], support: tuple[Any, ...], ctx: Context
    ) -> frozenset[str] | None:
        """The needs of a match once the open terms the case's facts settle are settled:
        None when one settles against the match, else what is still open."""
        if not needs:
            return needs
        params = self.ruleset.schema.params
        left = set()
        for need in needs:
            negated = need.startswith("not ")
            name = need[4:] if negated else need
            spec = params.get(name)
            if spec is None or not spec.decided_by:
                left.add(need)
                continue
            value, _, _ = ctx.term(name, spec.decided_by, support)
            if value is None:
                left.add(need)
            elif bool(value) == negated:
                return None
        return frozenset(left)

    def terms_of(
        self, rule: CompiledRule, support: tuple[Any, ...], ctx: Context
    ) -> tuple[tuple[str, Any, str, tuple[Any, ...]], ...]:
        """The open terms a conclusion's rule reads, each with its value for this case,
        where it was set, and the facts that set it (for explain)."""
        names = rule.terms
        if not names:
            return ()
        params = self.ruleset.schema.params
        return tuple(
            (name, *ctx.term(name, params[name].decided_by if name in params else (), support))
            for name in names
        )

    def conclude(
        self, rule: CompiledRule, ctx: Context, match: Match
    ) -> Iterator[Conclusion | Undetermined]:
        node = rule.node
        start = self.trigger_date(match)
        if node.kind == "obligation":
            yield from obligation(rule, ctx, match, start, self.clock)
            return
        until = date_of(node.until, ctx, match) if node.until is not None else None
        if node.until_year_of is not None:
            until = year_end(node.until_year_of, ctx, match)
        if node.until_year_end:  # 本年度: to the end of the year of the decision
            until = decision_year_end(start, match.support)
            if until is None:  # that year is not known: its end is not guessed
                yield Undetermined(rule, ctx.subject.id, (DECISION_DAY,), match.support)
                return
        # suspended while a sanction it follows from is, or while its own condition holds
        suspended_by = tuple(f for f in match.support if isinstance(f, DerivedFact) and f.suspended)
        suspended = bool(suspended_by)
        if not suspended and rule.suspended is not None:
            held = next(
                (
                    m
                    for m in rule.suspended(ctx, match.env)
                    if self.settle(m.needs, match.support + m.support, ctx) == frozenset()
                ),
                None,
            )
            suspended, suspended_by = held is not None, held.support if held else ()
        for measure in node.measures:
            decision = None if node.alternatives else self.decision_of(measure, start, match, ctx)
            day, end = self.decided(node, decision, start, until)
            yield Conclusion(
                "sanction",
                rule,
                ctx.subject.id,
                match.support,
                measure=measure,
                start=day,
                until=end,
                suspended=suspended,
                alternative=node.alternatives,
                suspended_by=suspended_by,
                decision=decision,
            )
        for condition, measures in rule.escalations:
            for esc in condition(ctx, match.env):
                open_needs = self.settle(esc.needs, match.support + esc.support, ctx)
                if open_needs is None:
                    continue  # the case settles the escalation's open term against it
                if open_needs:
                    yield Undetermined(
                        rule,
                        ctx.subject.id,
                        tuple(sorted(open_needs)),
                        match.support + esc.support,
                        measures,
                    )
                else:
                    for measure in measures:
                        support = match.support + esc.support
                        decision = self.decision_of(measure, start, Match({}, support), ctx)
                        day, end = self.decided(node, decision, start, until)
                        yield Conclusion(
                            "sanction",
                            rule,
                            ctx.subject.id,
                            support,
                            measure=measure,
                            start=day,
                            until=end,
                            suspended=suspended,
                            escalated=True,
                            suspended_by=suspended_by,
                            decision=decision,
                        )
                break

    def decision_of(self, measure: str, start: Any, match: Match, ctx: Context) -> Any:
        """The decision given as a fact that a sanction derived for ``match`` is, or None:
        one decision is one sanction, whether the rules derive it or the facts record it (a
        veto decided, and the veto its grounds call for). A given fact of a decision type
        (``Schema.decision_facts``) and the same measure is that decision when its ground (``Schema.decision_ground``)
        names a fact the match rests on; naming no ground, when it was taken in the year the
        sanction arose, on or after that day (a decision cannot rest on what came after it),
        or, for a sanction that arose on no dated fact, at any time. A decision naming
        another ground is another decision. Of several, the earliest."""
        schema = self.ruleset.schema
        given = [f for name in schema.decision_facts for f in ctx.facts.get(name, ())]
        if not given:
            return None
        link = schema.decision_ground
        ids = {getattr(f, "id", None) for f in match.support} - {None}
        found = []
        for fact in given:
            if isinstance(fact, DerivedFact) or getattr(fact, "measure", None) != measure:
                continue
            ground = getattr(fact, link, None) if link else None
            day = getattr(fact, self._date_fields[fact.fact_type], None)
            if ground is not None:
                if ground in ids:
                    found.append((0, day, fact))
            elif start is None or (day is not None and day.year == start.year and day >= start):
                found.append((1, day, fact))
        if not found:
            return None
        return min(found, key=lambda t: (t[0], t[1] is None, t[1]))[2]

    def ungrounded(self, plan: Profile, ctx: Context) -> dict[int, tuple[Any, tuple[Any, ...]]]:
        """Decisions given as facts that name no ground (a veto recorded without the case
        it rests on), of a measure a rule derives: each is the decision on the cases that
        rule finds for the subject, dated in its year on or before it (``decision_of``).
        Resting on one case only, it settles the open terms that rule leaves open for that
        case and that a decision of its type decides, as the decision says (its flag, else
        that it was taken: imposing the veto is finding the case not short of one;
        ``Context.decided``). Resting on
        several, it settles none: the cases' facts, by ``which``, with the decision and
        the facts it may rest on (for ``grounds_open``). A ground on an open term alone
        (本单位工作人员中违法犯罪情况比较严重) has no fact a decision could rest on: it is no
        case here (name the decision's ground to settle it)."""
        schema = self.ruleset.schema
        link, derived = schema.decision_ground, schema.derived_fact
        given = [
            f
            for name in schema.decision_facts
            for f in ctx.facts.get(name, ())
            if not isinstance(f, DerivedFact)
            and (getattr(f, link, None) if link else None) is None
            and getattr(f, "measure", None) in self._deriving
        ]
        if not given:
            return {}
        ran = {rule.id for stratum, _ in plan.strata for rule in stratum}
        params = schema.params
        open_cases: dict[int, tuple[Any, tuple[Any, ...]]] = {}
        for decision in given:
            day = getattr(decision, self._date_fields[decision.fact_type], None)
            cases: dict[tuple[int, ...], tuple[tuple[Any, ...], set[str]]] = {}
            for rule in self._deriving[decision.measure]:
                if rule.id not in ran or any(f == derived for f, _ in rule.reads):
                    continue  # a case resting on derived sanctions is not known yet
                for item in self.fire(rule, ctx, None):
                    if not item.support:
                        continue  # a ground on an open term alone: no fact to rest on
                    start = self.trigger_date(Match({}, item.support))
                    if start is not None and (day is None or start.year != day.year or start > day):
                        continue  # a decision cannot rest on what came after it
                    needs = item.needs if isinstance(item, Undetermined) else ()
                    case = cases.setdefault(which(item.support), (item.support, set()))
                    case[1].update(needs)
            if len(cases) == 1:
                ((support, wanting),) = cases.values()
                for need in sorted(wanting):
                    name = need.removeprefix("not ")
                    spec = params.get(name)
                    fields = (
                        [f for t, f in spec.decided_by if t == decision.fact_type] if spec else []
                    )
                    if not fields:
                        continue
                    said = [v for f in fields if isinstance(v := getattr(decision, f, None), bool)]
                    value = any(said) if said else not need.startswith("not ")
                    for fact in within(support):
                        ctx.decided.setdefault(which((fact,))[0], []).append(
                            (name, value, decision)
                        )
            elif len(cases) > 1:
                facts = tuple(f for support, _ in cases.values() for f in within(support))
                for fact in facts:
                    open_cases[which((fact,))[0]] = (decision, facts)
        return open_cases

    def grounds_open(
        self, item: Undetermined, open_cases: Mapping[int, tuple[Any, tuple[Any, ...]]]
    ) -> Undetermined:
        """An undetermined item on an open term a decision naming no ground would settle,
        were it known which of several cases it rests on: it names the candidates
        (``sanction.ground: one of attack, riot``)."""
        params = self.ruleset.schema.params
        for fact in within(item.support):
            found = open_cases.get(which((fact,))[0])
            if found is None:
                continue
            decision, facts = found
            if not any(
                t == decision.fact_type
                for need in item.needs
                for t, _ in getattr(params.get(need.removeprefix("not ")), "decided_by", ())
            ):
                continue
            labels = sorted({_label(f) for f in facts})
            ground = self.ruleset.schema.decision_ground
            need = f"{decision.fact_type}.{ground}: one of {', '.join(labels)}"
            return item._replace(needs=tuple(sorted({*item.needs, need})))
        return item

    def decided(self, node: Any, decision: Any, start: Any, until: Any) -> tuple[Any, Any]:
        """A sanction's from and until once it is a decision given as a fact: the day of
        the decision is its day (and that year's end the end of a measure for the year)."""
        if decision is None:
            return start, until
        day = getattr(decision, self._date_fields[decision.fact_type], None) or start
        if node.until_year_end and day is not None:
            until = dt.date(day.year, 12, 31)
        return day, until

    def trigger_date(self, match: Match) -> Any:
        """The day the condition came to hold: the latest of its facts' dates and of the
        days a passed deadline decided it (the sanction's start)."""
        fields = self._date_fields
        best = match.since
        for fact in match.support:
            name = fields.get(fact.fact_type)
            value = getattr(fact, name, None) if name else None
            if value is not None and (best is None or value > best):
                best = value
        return best
