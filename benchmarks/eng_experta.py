"""experta's engine, installed conflict-free as expert-ceylon (a pure-Python Rete)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.workload import FILTER_RULES, JOIN_RULES, MAJOR, WINDOW, Incident, Unit


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    from expert_ceylon import MATCH, TEST, Fact, KnowledgeEngine, Rule
    from expert_ceylon import P as Pred

    class U(Fact):  # type: ignore[misc]
        pass

    class I(Fact):  # type: ignore[misc]  # noqa: E742
        pass

    class Ob(Fact):  # type: ignore[misc]
        pass

    class S(Fact):  # type: ignore[misc]
        pass

    body: dict[str, Any] = {}
    for index, (code, region, kinds, level) in enumerate(FILTER_RULES):

        def filter_action(self: Any, u: int, code: str = code) -> None:
            self.declare(Ob(unit=u, code=code))

        body[f"f{index}"] = Rule(
            U(
                id=MATCH.u,
                region=region,
                kind=Pred(lambda k, ks=kinds: k in ks),
                level=Pred(lambda lv, lim=level: lv >= lim),
            )
        )(filter_action)
    for index, region in enumerate(JOIN_RULES):

        def join_action(self: Any, u: int) -> None:
            self.declare(S(unit=u, code="interview"))

        body[f"j{index}"] = Rule(
            I(unit=MATCH.u, severity=Pred(lambda s: s >= MAJOR)), U(id=MATCH.u, region=region)
        )(join_action)

    def chain_action(self: Any, u: int) -> None:
        self.declare(S(unit=u, code="listed_supervision"))

    body["chain"] = Rule(
        S(unit=MATCH.u, code="interview"),
        I(unit=MATCH.u, severity=Pred(lambda s: s >= MAJOR), date=MATCH.d1),
        I(unit=MATCH.u, date=MATCH.d2),
        TEST(lambda d1, d2: 0 < d2 - d1 <= WINDOW),
    )(chain_action)
    engine_class = type("Bench", (KnowledgeEngine,), body)
    engine = engine_class()
    engine.reset()
    timer("build")
    engine.declare(
        *[U(id=u.id, kind=u.kind, region=u.region, level=u.level) for u in units],
        *[
            I(id=i.id, unit=i.unit, kind=i.kind, severity=i.severity, date=i.date)
            for i in incidents
        ],
    )
    timer("load")
    engine.run()
    timer("run")
    derived = []
    for fact in engine.facts.values():
        if isinstance(fact, Ob):
            derived.append(("ob", fact["unit"], fact["code"]))
        elif isinstance(fact, S):
            derived.append(("sanction", fact["unit"], fact["code"]))
    return derived
