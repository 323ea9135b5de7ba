"""One loaded library, evaluated from many threads at once, answers as it does in sequence."""

from __future__ import annotations

import datetime as dt
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import regulations
from regulations.facts import UnitFact
from regulations.factsfile import FactSet, load_facts

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "facts.yaml"
AS_OF = dt.date(2025, 6, 30)
THREADS = 8


def renamed(fact: UnitFact, n: int) -> dict[str, str]:
    """The fields of a fact naming units or facts, renamed for the n-th copy."""
    names = ["unit", *(["id"] if fact.id else []), *type(fact).links()]
    return {f: f"{getattr(fact, f)}-{n}" for f in names if getattr(fact, f) is not None}


def population(copies: int = 60, seed: int = 7) -> FactSet:
    """The example's units many times over, each copy keeping a different part of its
    unit's history, so that copies reach different conclusions."""
    example = load_facts(EXAMPLE)
    rng = random.Random(seed)
    units, facts = [], []
    for n in range(copies):
        for unit in example.units:
            copy_id = f"{unit.id}-{n}"
            linked = {"staff_of": f"{unit.staff_of}-{n}"} if unit.staff_of else {}
            units.append(unit.model_copy(update={"id": copy_id, **linked}))
            facts.extend(
                fact.model_copy(update=renamed(fact, n))
                for fact in example.facts
                if fact.unit == unit.id and rng.random() < 0.7
            )
    return FactSet(tuple(units), tuple(facts))


def test_evaluations_in_parallel_threads_match_the_sequential_one() -> None:
    library = regulations.load()
    facts = population()
    expected = regulations.evaluate(facts, as_of=AS_OF, library=library).to_json()
    assert {r["unit"] for r in expected["results"]} == {u.id for u in facts.units}
    assert any(r["sanctions"] for r in expected["results"])  # the workload reaches sanctions

    def whole() -> dict:
        return regulations.evaluate(facts, as_of=AS_OF, library=library).to_json()

    with ThreadPoolExecutor(THREADS) as pool:
        answers = [f.result() for f in [pool.submit(whole) for _ in range(THREADS)]]
    assert all(answer == expected for answer in answers)


def test_one_evaluator_shared_by_threads_answers_each_unit_as_alone() -> None:
    """The engine's evaluator keeps a plan per unit profile: threads filling it at once
    must not change any answer."""
    from regulations.evaluation import _evaluator

    library = regulations.load()
    entry = library.entry("ordos")
    facts = population(copies=120, seed=11)
    members = [u for u in facts.units if u.region and u.region.startswith("inner_mongolia/ordos")]
    alone = {
        r.subject.id: r
        for r in _evaluator(entry, AS_OF, None, None).run(members, facts.facts).results
    }
    shared = _evaluator(entry, AS_OF, None, None)
    chunks = [members[i::THREADS] for i in range(THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        runs = list(pool.map(lambda chunk: shared.run(chunk, facts.facts), chunks))
    together = {r.subject.id: r for run in runs for r in run.results}
    assert together.keys() == alone.keys()
    assert all(together[key] == alone[key] for key in alone)


def test_first_loads_and_questions_from_many_threads_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Threads that load the rules for the first time together (each building and caching
    them) and then ask which articles apply get what one thread alone gets."""
    monkeypatch.setenv("REGULATIONS_CACHE_DIR", str(tmp_path))
    expected = regulations.applies("ordos", "school", as_of=AS_OF).to_json()

    def ask() -> tuple[tuple[str, ...], object]:
        library = regulations.load(fresh=True)
        answer = regulations.applies("ordos", "school", as_of=AS_OF, library=library)
        return library.refs, answer.to_json()

    with ThreadPoolExecutor(THREADS) as pool:
        answers = [f.result() for f in [pool.submit(ask) for _ in range(THREADS)]]
    assert all(refs == regulations.load().refs and json == expected for refs, json in answers)
    assert list(tmp_path.glob("*.tmp")) == []  # every cache write finished or was cleaned up
