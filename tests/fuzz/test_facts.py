"""Fuzzing facts files and evaluation: whatever a facts file holds (YAML or JSON; any
structure, the example mutated, raw bytes, nesting thousands deep), ``load_facts`` gives a
FactSet or a LoadError with diagnostics, and evaluating (and explaining) whatever loads
raises only the project's typed errors; never another exception, a hang or a crash.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzzing import WORK, check_error, check_in_child, mutate_bytes, mutate_tree, time_limit
from hypothesis import given
from hypothesis import strategies as st

import regulations
from engine.errors import Error
from regulations import vocabulary as v
from regulations.facts import SECTIONS, Unit
from regulations.factsfile import FactSet, load_facts
from regulations.library import shipped_rules

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "facts.yaml"

LIBRARY = regulations.load()
CONCEPTS = LIBRARY.concepts
REFS = (None, *LIBRARY.refs, "ordos@final", "nowhere")
PARAMS = sorted(yaml.safe_load((shipped_rules() / "params.yaml").read_text("utf-8")))
MODELS = {"units": Unit, **SECTIONS}
FIELDS = sorted({name for model in MODELS.values() for name in model.model_fields})
EXAMPLE_DATA = yaml.safe_load(EXAMPLE.read_text("utf-8"))
UNIT_IDS = [u["id"] for u in EXAMPLE_DATA["units"]] + ["u", ""]


def read(content: bytes, suffix: str = ".yaml") -> FactSet | None:
    """Write a facts file and load it: the facts, or None after a typed, located error."""
    path = WORK / f"facts{suffix}"
    path.write_bytes(content)
    try:
        with time_limit():
            return load_facts(path, CONCEPTS)
    except Error as exc:
        check_error(exc)
    return None


def as_yaml(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def as_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def evaluate(facts: FactSet, data: st.DataObject) -> None:
    """Evaluate (and explain) loaded facts with drawn arguments: a report or a typed error."""
    regulation = data.draw(st.sampled_from(REFS), label="regulation")
    as_of = data.draw(AS_OF, label="as_of")
    params = data.draw(PARAM_VALUES, label="params")
    calendar = data.draw(st.sampled_from([None, "china", "weekends"]), label="calendar")
    try:
        with time_limit():
            report = regulations.evaluate(
                facts, regulation, as_of, params, calendar, library=LIBRARY
            )
            json.dumps(report.to_json())
    except Error as exc:
        check_error(exc)
    if facts.units:
        unit = data.draw(st.sampled_from([u.id for u in facts.units]), label="unit")
        article = data.draw(st.integers(0, 120), label="article")
        try:
            with time_limit():
                answer = regulations.explain(
                    facts, unit, article=article, regulation=regulation, as_of=as_of,
                    params=params, library=LIBRARY,
                )  # fmt: skip
                json.dumps(answer.to_json())
                answer.lines()
        except Error as exc:
            check_error(exc)


def test_the_example_loads() -> None:
    facts = read(as_yaml(EXAMPLE_DATA))
    assert facts is not None and len(facts.units) == len(EXAMPLE_DATA["units"])
    assert read(as_json(EXAMPLE_DATA), ".json") is not None


# ---------------------------------------------------------------------------------------
# strategies

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=15)
CODES = sorted(
    set(UNIT_IDS)
    | v.KIND_CODES
    | v.TAG_CODES
    | v.MEASURE_CODES
    | set(v.LEVEL_CODES)
    | set(CONCEPTS)
    | {
        "criminal_case",
        "terrorist_incident",
        "major",
        "especially_major",
        "ordinary",
        "failed",
        "passed",
        "under_review",
        "upheld",
        "revoked",
        "inner_mongolia/ordos/dongsheng",
        "xinjiang/urumqi",
        "zhejiang",
        "nowhere/x",
        "Inner_Mongolia",
        "a//b",
        "2025-02-30",
    }
)
DATES = st.one_of(
    st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)),
    st.dates(),
    st.sampled_from([dt.date(2024, 12, 1), dt.date(2022, 1, 1), dt.date(2025, 2, 28)]),
)
AS_OF = st.one_of(
    st.none(),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    st.dates(),
    st.sampled_from(["2025-06-30", "2025-13-01", "", "today"]),
    st.datetimes(),
    st.integers(),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-2, 3000),
    st.floats(),
    TEXT,
    st.sampled_from(CODES),
    DATES,
    st.datetimes(),
)


def values() -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.one_of(st.sampled_from(FIELDS), TEXT), children, max_size=4),
        ),
        max_leaves=12,
    )


def plausible(name: str) -> st.SearchStrategy[Any]:
    """Values of a field's own type mostly, so that records often load."""
    if name in ("date", "issued", "deadline", "received"):
        return DATES
    if name in ("year", "casualties", "attendance"):
        return st.integers(-1, 2200)
    if name in ("concealed", "falsely_reported", "measures_not_taken", "serious"):
        return st.booleans()
    if name == "unit" or name == "id":
        return st.sampled_from(UNIT_IDS)
    if name == "tags":
        return st.lists(st.sampled_from(sorted(v.TAG_CODES)), max_size=2)
    return st.sampled_from(CODES)


def record(model: Any) -> st.SearchStrategy[dict[str, Any]]:
    fields = sorted(model.model_fields)
    good = st.fixed_dictionaries(
        {},
        optional={
            name: plausible(name) | values() if name != "kind" else plausible(name)
            for name in fields
        },
    )
    bad = st.dictionaries(st.one_of(st.sampled_from(FIELDS), TEXT), values(), max_size=6)
    return st.one_of(good, good, bad)


SECTION_NAMES = st.one_of(st.sampled_from(sorted(MODELS)), TEXT, st.sampled_from(["unit", "Units"]))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for name in draw(st.lists(SECTION_NAMES, max_size=5, unique=True)):
        model = MODELS.get(name)
        records = record(model) if model is not None else values()
        doc[name] = draw(
            st.one_of(st.lists(records, max_size=4), st.lists(records, max_size=4), values())
        )
    return doc


PARAM_VALUES = st.one_of(
    st.none(),
    st.dictionaries(
        st.one_of(st.sampled_from(PARAMS), TEXT),
        SCALARS
        | st.sampled_from(["1 years", "90 days", "0 days", "-1 days", "3 weeks", "true", "2", "x"]),
        max_size=3,
    ),
    SCALARS,
)


# ---------------------------------------------------------------------------------------
# generated documents, as YAML and as JSON; what loads is evaluated


@given(documents(), st.sampled_from([".yaml", ".json"]), st.data())
def test_generated_documents(doc: dict[str, Any], suffix: str, data: st.DataObject) -> None:
    facts = read(as_yaml(doc) if suffix == ".yaml" else as_json(doc), suffix)
    if facts is not None:
        evaluate(facts, data)


@given(values(), st.sampled_from([".yaml", ".json"]))
def test_any_structure(doc: Any, suffix: str) -> None:
    read(as_yaml(doc) if suffix == ".yaml" else as_json(doc), suffix)


# ---------------------------------------------------------------------------------------
# the example, mutated


def mutate(data: st.DataObject, doc: Any) -> Any:
    keys = st.one_of(st.sampled_from(FIELDS), SECTION_NAMES)
    return mutate_tree(data, doc, values(), keys, lambda key: plausible(str(key)))


@given(st.data(), st.sampled_from([".yaml", ".json"]))
def test_mutated_example(data: st.DataObject, suffix: str) -> None:
    doc = copy.deepcopy(EXAMPLE_DATA)
    for _ in range(data.draw(st.integers(1, 4))):
        doc = mutate(data, doc)
    facts = read(as_yaml(doc) if suffix == ".yaml" else as_json(doc), suffix)
    if facts is not None:
        evaluate(facts, data)


@given(st.data())
def test_evaluating_the_example(data: st.DataObject) -> None:
    facts = read(EXAMPLE.read_bytes())
    assert facts is not None
    evaluate(facts, data)


# ---------------------------------------------------------------------------------------
# raw bytes and text

SOUP = st.sampled_from(
    [
        "{",
        "}",
        "[",
        "]",
        ":",
        ": ",
        ",",
        '"',
        "'",
        "- ",
        "\n",
        "\n  ",
        "\t",
        "\\",
        "\\u0000",
        "\\ud800",
        "NaN",
        "-Infinity",
        "1e999",
        "null",
        "true",
        "&a ",
        "*a",
        "<<: ",
        "---",
        "\x00",
        "\x7f",
        "\ufeff",
        "units",
        "incidents",
        "id",
        "kind",
        "school",
        "unit",
        "date",
        "2025-01-01",
        "2025-02-30",
    ]
)


@given(st.binary(max_size=300), st.sampled_from([".yaml", ".json"]))
def test_arbitrary_bytes(content: bytes, suffix: str) -> None:
    read(content, suffix)


@given(st.lists(SOUP | TEXT, max_size=60).map("".join), st.sampled_from([".yaml", ".json"]))
def test_token_soup(content: str, suffix: str) -> None:
    read(content.encode("utf-8"), suffix)


@given(st.data(), st.sampled_from([".yaml", ".json"]))
def test_mutated_example_text(data: st.DataObject, suffix: str) -> None:
    content = EXAMPLE.read_bytes() if suffix == ".yaml" else as_json(EXAMPLE_DATA)
    content = mutate_bytes(data, content, SOUP)
    facts = read(content, suffix)
    if facts is not None:
        evaluate(facts, data)


# ---------------------------------------------------------------------------------------
# deep nesting (YAML and JSON) and many records: in a child process, so that a crash of the
# interpreter is a failure of this test rather than the end of the test run

# JSON that YAML does not read (a key longer than YAML's 1024 characters), so that the JSON
# reader is the one that meets the nesting
_LONG = '{"' + "k" * 1100 + '": 1}'
DEEP = {
    "yaml-flow-lists": (".yaml", lambda n: "units: " + "[" * n + "]" * n),
    "yaml-flow-maps": (".yaml", lambda n: "units: " + "{a: " * n + "x" + "}" * n),
    "yaml-block-lists": (".yaml", lambda n: "units:\n" + "- " * n + "x\n"),
    "yaml-in-record": (
        ".yaml",
        lambda n: "units:\n  - {id: a, kind: school, tags: " + "[" * n + "]" * n + "}\n",
    ),
    "json-lists": (".json", lambda n: '{"units": ' + "[" * n + _LONG + "]" * n + "}"),
    "json-objects": (".json", lambda n: '{"units": ' + '{"a": ' * n + _LONG + "}" * n + "}"),
    "json-in-record": (
        ".json",
        lambda n: (
            '{"units": [{"id": "a", "kind": "school", "name": ' + "[" * n + _LONG + "]" * n + "}]}"
        ),
    ),
    "json-unclosed": (".json", lambda n: "[" * n),
}
SIZES = (100, 1000, 3000, 10000)


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting(shape: str) -> None:
    suffix, text = DEEP[shape]
    paths = []
    for n in SIZES:
        path = WORK / f"deep-{shape}-{n}{suffix}"
        path.write_text(text(n), "utf-8")
        paths.append(path)
    check_in_child("facts", paths)


def test_alias_bomb() -> None:
    """Nine levels of nine aliases: 9^9 leaves if anything walks the structure as a tree."""
    anchors = ["&a0 [x, x, x, x, x, x, x, x, x]"]
    anchors += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    path = WORK / "bomb.yaml"
    path.write_text(
        f"units:\n  - {{id: a, kind: school, name: [{', '.join(anchors)}]}}\n"
        "  - {id: b, kind: school, tags: *a8}\n"
        "  - *a8\n"
        "incidents: *a8\n"
        "drills:\n  - {unit: *a8, date: 2025-01-01}\n",
        "utf-8",
    )
    (outcome,) = check_in_child("facts", [path])
    assert outcome.get("error") == "LoadError" and "alias" in outcome["message"], outcome


def test_many_records() -> None:
    """Many units and facts (some unknown units): load in reasonable time."""
    units = [
        {"id": f"u{i}", "kind": "school", "region": "inner_mongolia/ordos"} for i in range(5000)
    ]
    drills = [{"unit": f"u{i}", "date": "2025-01-01"} for i in range(0, 10000, 1)]
    path = WORK / "many.yaml"
    path.write_text(json.dumps({"units": units, "drills": drills}), "utf-8")
    (outcome,) = check_in_child("facts", [path])
    assert outcome.get("ok") or outcome.get("located"), outcome
