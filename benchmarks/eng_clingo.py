"""clingo (ASP grounder and solver): a reference for how fast the logic can be."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.workload import FILTER_RULES, JOIN_RULES, MAJOR, WINDOW, Incident, Unit


def program() -> str:
    lines = []
    for code, region, kinds, level in FILTER_RULES:
        alternatives = ";".join(kinds)
        lines.append(f'ob(U,"{code}") :- unit(U,K,{region},L), L >= {level}, K = ({alternatives}).')
    for region in JOIN_RULES:
        lines.append(
            f'sanction(U,"interview") :- incident(_,U,_,S,_), S >= {MAJOR}, unit(U,_,{region},_).'
        )
    lines.append(
        'sanction(U,"listed_supervision") :- sanction(U,"interview"), incident(_,U,_,S,D1), '
        f"S >= {MAJOR}, incident(_,U,_,_,D2), D2 > D1, D2 - D1 <= {WINDOW}."
    )
    lines.append("#show ob/2. #show sanction/2.")
    return "\n".join(lines)


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    import clingo

    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], program())
    timer("build")
    facts = [f"unit({u.id},{u.kind},{u.region},{u.level})." for u in units]
    facts += [f"incident({i.id},{i.unit},{i.kind},{i.severity},{i.date})." for i in incidents]
    ctl.add("base", [], "\n".join(facts))
    timer("load")
    ctl.ground([("base", [])])
    derived: list[tuple[str, int, str]] = []

    def on_model(model: clingo.Model) -> None:
        for symbol in model.symbols(shown=True):
            unit, code = symbol.arguments
            derived.append(("ob" if symbol.name == "ob" else "sanction", unit.number, code.string))

    ctl.solve(on_model=on_model)
    timer("run")
    return derived
