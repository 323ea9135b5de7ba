"""Facts files: valid ones load whole; every bad one is an error naming file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

import regulations
from regulations.errors import LoadError
from regulations.factsfile import load_facts
from regulations.links import concerned

BAD = Path(__file__).parents[1] / "bad" / "facts"
EXAMPLE = Path(__file__).parents[2] / "examples" / "facts.yaml"


def test_the_example_loads_every_record() -> None:
    facts = load_facts(EXAMPLE)
    assert len(facts.units) == 7  # a staff member among them (staff_of)
    assert (
        len(facts.facts) == 11
    )  # 3 incidents, 1 appeal, 2 assessments, 1 violation, 2 orders, 1 sanction, 1 performed


def test_json_facts_files_are_read_too(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text(
        '{"units": [{"id": "a", "kind": "school"}],\n "drills": [{"unit": "a", "date": "2025-03-01"}]}'
    )
    facts = load_facts(path)
    assert [f.fact_type for f in facts.facts] == ["drill"]


@pytest.mark.parametrize(
    ("name", "line", "fragments"),
    [
        ("unknown_section.yaml", 3, ["unknown section 'incident'", "incidents"]),
        ("unknown_unit.yaml", 5, ["incidents[1].unit", "no unit with id 'b'"]),
        ("bad_kind.yaml", 3, ["units[0].kind", "unknown unit kind 'shcool'", "school"]),
        ("bad_date.yaml", 6, ["incidents[0].date"]),
        ("extra_field.yaml", 4, ["assessments[0].score", "unexpected field 'score'"]),
        ("person_level.yaml", 2, ["person", "level"]),
        ("not_yaml.yaml", 3, ["not valid YAML"]),
    ],
)
def test_bad_facts_are_located(name: str, line: int, fragments: list[str]) -> None:
    with pytest.raises(LoadError) as caught:
        load_facts(BAD / name)
    first = caught.value.diagnostics[0]
    assert first.span is not None and first.span.file.endswith(name)
    assert first.span.line == line
    text = str(first)
    for fragment in fragments:
        assert fragment in text


def test_evaluate_cli_reports_bad_facts_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    from regulations.cli.main import main

    with pytest.raises(SystemExit) as caught:
        main(["evaluate", str(BAD / "unknown_unit.yaml"), "--format", "json"])
    out, err = capsys.readouterr()
    assert caught.value.code == 2 and out == ""
    assert "unknown_unit.yaml:5" in err.splitlines()[0] and "Traceback" not in err


def test_a_unit_without_region_needs_a_regulation(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("units:\n  - {id: a, kind: school}\n")
    with pytest.raises(regulations.InvalidValueError, match="no region"):
        regulations.evaluate(load_facts(path))
    report = regulations.evaluate(load_facts(path), regulation="ordos")
    assert [r.regulation for r in report.results] == ["ordos"]


def test_regions_form_a_hierarchy() -> None:
    from regulations.facts import Region

    dongsheng = Region(code="inner_mongolia/ordos/dongsheng")
    assert dongsheng.level == "county"
    assert [r.code for r in dongsheng.ancestors] == ["inner_mongolia/ordos", "inner_mongolia"]
    assert Region(code="inner_mongolia/ordos").contains(dongsheng)
    assert not Region(code="inner_mongolia/hohhot").contains(dongsheng)
    assert not Region(code="inner_mongolia/ordos").contains("inner_mongolia/ordosx")
    with pytest.raises(ValueError):
        Region(code="Inner Mongolia")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"units": [{"id": "a", "kind": "school", "id": "b"}]}', "appears twice"),
        ("units:\n  - {id: '', kind: school}\n", "units[0].id"),
        (
            "units:\n  - {id: a, kind: school}\nincidents:\n  - {unit: a, kind: criminal_case, date: 2025-01-01, concealed: 'yes'}\n",
            "concealed",
        ),
        (
            "units:\n  - {id: a, kind: school}\nlarge_events:\n  - {unit: a, date: 2025-01-01, attendance: -5}\n",
            "attendance",
        ),
        (
            "units:\n  - {id: a, kind: school}\nassessments:\n  - {unit: a, year: 99999, result: failed, date: 2025-01-01}\n",
            "year",
        ),
        (
            "units:\n  - {id: a, kind: school}\nsupervision_orders:\n  - {unit: a, measure: listed_supervision, issued: 2025-05-01, deadline: 2025-04-01}\n",
            "before the order was issued",
        ),
        (
            "units:\n  - {id: a, kind: shcool}\ndrills:\n  - {unit: a, date: 2025-01-01}\n",
            "units[0].kind",
        ),
    ],
)
def test_doubtful_facts_are_refused(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / ("facts.json" if content.startswith("{") else "facts.yaml")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_facts(path)
    text = "\n".join(str(d) for d in caught.value.diagnostics)
    assert fragment in text
    assert "no unit with id" not in text  # a unit with a bad field is still a unit


def test_python_api_takes_dates_as_text_and_one_unit_as_a_string() -> None:
    facts = load_facts(EXAMPLE)
    report = regulations.evaluate(facts, as_of="2025-06-30", units="dongsheng-school")
    assert [r.unit.id for r in report.results] == ["dongsheng-school"]
    with pytest.raises(regulations.InvalidValueError, match="YYYY-MM-DD"):
        regulations.evaluate(facts, as_of="yesterday")


def test_naming_every_unit_answers_as_naming_none() -> None:
    facts = load_facts(EXAMPLE)
    ids = [u.id for u in facts.units]
    whole = regulations.evaluate(facts, as_of="2025-06-30").to_json()
    for named in (ids, tuple(reversed(ids)), set(ids)):
        assert regulations.evaluate(facts, as_of="2025-06-30", units=named).to_json() == whole
    some = regulations.evaluate(facts, as_of="2025-06-30", units=ids[:2] + ids[:1])
    assert sorted({r.unit.id for r in some.results}) == sorted(ids[:2])


def test_a_fact_set_finds_units_and_their_facts_by_id() -> None:
    facts = load_facts(EXAMPLE)
    for unit in facts.units:
        assert facts.unit(unit.id) is unit
        # its own facts, and those naming it in a role (the appeal its body received); of a
        # staff member, its unit's too (staff_of)
        seen = {unit.id} | ({unit.staff_of} if unit.staff_of else set())
        assert facts.of(unit.id) == tuple(f for f in facts.facts if seen & concerned(f))
    assert facts.unit("no-such-unit") is None
    assert facts.of("no-such-unit") == ()


def test_a_facts_file_beyond_the_size_limit_is_refused_before_it_is_read() -> None:
    size = EXAMPLE.stat().st_size
    with pytest.raises(LoadError) as caught:
        load_facts(EXAMPLE, max_bytes=size - 1)
    (problem,) = caught.value.diagnostics
    assert problem.code == "limit"
    assert str(size) in problem.message or "MB" in problem.message
    assert len(load_facts(EXAMPLE, max_bytes=size).units) == 7  # at the limit: read


def test_many_unknown_units_are_all_reported_quickly(tmp_path: Path) -> None:
    """Every unknown unit is a problem; only the first few get a did-you-mean (each
    compares with every unit), so thousands of them take seconds, not minutes."""
    units = ", ".join(f'{{"id": "u{i}", "kind": "school"}}' for i in range(3000))
    drills = ", ".join(f'{{"unit": "u{i}x", "date": "2025-01-01"}}' for i in range(3000))
    path = tmp_path / "many.json"
    path.write_text(f'{{"units": [{units}], "drills": [{drills}]}}')
    with pytest.raises(LoadError) as caught:
        load_facts(path)
    problems = caught.value.diagnostics
    assert len(problems) == 3000 and all(p.code == "unknown-unit" for p in problems)
    assert problems[0].suggestions and not problems[-1].suggestions


def test_a_json_facts_file_reads_as_the_same_yaml_would(tmp_path: Path) -> None:
    """JSON takes a fast reader (no positions) and YAML the located one: same facts."""
    import json

    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    assert load_facts(path) == load_facts(EXAMPLE)


def test_bad_json_facts_are_still_located(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text('{"units": [\n  {"id": "a", "kind": "schol"}\n]}', encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_facts(path)
    (problem,) = caught.value.diagnostics
    assert problem.span is not None and (problem.span.line, problem.span.column) == (2, 23)


def test_a_merge_key_may_be_overridden(tmp_path: Path) -> None:
    """YAML lets a mapping override what it merges (`<<: *school, id: s2`): not a key twice."""
    path = tmp_path / "facts.yaml"
    path.write_text(
        "units:\n  - &school {id: s1, kind: school, region: inner_mongolia/ordos}\n"
        "  - {<<: *school, id: s2}\n",
        encoding="utf-8",
    )
    assert [u.id for u in load_facts(path).units] == ["s1", "s2"]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("!!int abc", "cannot read 'abc' as int"),
        ("!!bool maybe", "as bool"),
        ("9" * 5000, "as int"),
    ],
)
def test_a_value_yaml_cannot_build_is_located(tmp_path: Path, value: str, fragment: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(f"units:\n  - {{id: a, kind: school, name: {value}}}\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_facts(path)
    (problem,) = caught.value.diagnostics
    assert fragment in problem.message
    assert problem.span is not None and (problem.span.line, problem.span.column) == (2, 33)


def test_a_facts_document_given_as_text_or_data_reads_as_the_file_does() -> None:
    """read_facts: the same facts from text as from the file, problems placed in the text
    (line and column) or in the data (key path); nothing is read from disk."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert regulations.read_facts(text) == regulations.load_facts(EXAMPLE)
    with pytest.raises(regulations.LoadError) as in_text:
        regulations.read_facts("units:\n  - {id: a, kind: schol}\n", name="request")
    (problem,) = in_text.value.diagnostics
    assert problem.span is not None
    assert (problem.span.file, problem.span.line) == ("request", 2)
    with pytest.raises(regulations.LoadError) as in_data:
        regulations.read_facts({"units": [{"id": "a", "kind": "school"}], "incidents": [{}]})
    assert {d.span.key_path for d in in_data.value.diagnostics if d.span} >= {"incidents[0]"}


def test_a_facts_text_over_the_limit_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(regulations.LoadError) as caught:
        regulations.read_facts("units: [" + "x, " * 100 + "]", max_bytes=100)
    assert caught.value.diagnostics[0].code == "limit"
    with pytest.raises(regulations.InvalidValueError):
        regulations.read_facts(b"units: []")  # type: ignore[arg-type]
