"""CLIPS 6.4 through clipspy (optional extra `[bench]`)."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.workload import FILTER_RULES, JOIN_RULES, MAJOR, WINDOW, Incident, Unit


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    import clips

    env = clips.Environment()
    env.build(
        "(deftemplate unit (slot id (type INTEGER)) (slot kind (type SYMBOL)) (slot region (type SYMBOL))"
        " (slot level (type INTEGER)))"
    )
    env.build(
        "(deftemplate incident (slot id (type INTEGER)) (slot unit (type INTEGER)) (slot kind (type SYMBOL))"
        " (slot severity (type INTEGER)) (slot date (type INTEGER)))"
    )
    env.build("(deftemplate obligation (slot unit) (slot code))")
    env.build("(deftemplate sanction (slot unit) (slot code))")
    for code, region, kinds, level in FILTER_RULES:
        env.build(
            f"(defrule ob-{code} (unit (id ?u) (region {region}) (kind {'|'.join(kinds)}) "
            f"(level ?l&:(>= ?l {level}))) => (assert (obligation (unit ?u) (code {code}))))"
        )
    for region in JOIN_RULES:
        env.build(
            f"(defrule interview-{region} (incident (unit ?u) (severity ?s&:(>= ?s {MAJOR}))) "
            f"(unit (id ?u) (region {region})) => (assert (sanction (unit ?u) (code interview))))"
        )
    env.build(
        "(defrule listed (sanction (unit ?u) (code interview)) "
        f"(incident (unit ?u) (severity ?s&:(>= ?s {MAJOR})) (date ?d1)) "
        f"(incident (unit ?u) (date ?d2&:(> ?d2 ?d1)&:(<= (- ?d2 ?d1) {WINDOW}))) "
        "=> (assert (sanction (unit ?u) (code listed_supervision))))"
    )
    timer("build")
    unit_t, incident_t = env.find_template("unit"), env.find_template("incident")
    for u in units:
        unit_t.assert_fact(
            id=u.id, kind=clips.Symbol(u.kind), region=clips.Symbol(u.region), level=u.level
        )
    for i in incidents:
        incident_t.assert_fact(
            id=i.id, unit=i.unit, kind=clips.Symbol(i.kind), severity=i.severity, date=i.date
        )
    timer("load")
    env.run()
    timer("run")
    derived = []
    for fact in env.facts():
        name = fact.template.name
        if name == "obligation":
            derived.append(("ob", int(fact["unit"]), str(fact["code"])))
        elif name == "sanction":
            derived.append(("sanction", int(fact["unit"]), str(fact["code"])))
    return derived
