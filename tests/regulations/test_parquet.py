"""Facts as Parquet tables, one per section, and answers as Parquet rows or JSON lines: the
same facts give the same answers, whatever form they are read from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="Parquet needs the extra regulations[columnar]")
pq = pytest.importorskip("pyarrow.parquet")

from clirun import run  # noqa: E402

import regulations  # noqa: E402
from regulations.errors import InvalidValueError, LoadError  # noqa: E402
from regulations.factsfile import load_facts  # noqa: E402
from regulations.factstables import load_tables  # noqa: E402
from regulations.parquet import (  # noqa: E402
    facts_document,
    facts_from_tables,
    facts_tables,
    write_facts,
)

EXAMPLE = Path(__file__).parents[2] / "examples" / "facts.yaml"
DAY = "2025-06-30"


def answers(facts: object) -> dict[str, object]:
    return regulations.evaluate(facts, as_of=regulations.views.as_date(DAY)).to_json()  # type: ignore[arg-type]


def test_a_facts_file_and_its_tables_give_the_same_answers(tmp_path: Path) -> None:
    facts = load_facts(EXAMPLE)
    written = write_facts(facts, tmp_path / "tables")
    assert {p.name for p in written} >= {"units.parquet", "incidents.parquet", "appeals.parquet"}
    again = load_facts(tmp_path / "tables")
    assert again.units == facts.units and sorted(map(repr, again.facts)) == sorted(
        map(repr, facts.facts)
    )
    assert answers(tmp_path / "tables") == answers(EXAMPLE)


def test_columns_have_the_documented_types() -> None:
    tables = facts_tables(load_facts(EXAMPLE))
    units, incidents = tables["units"].schema, tables["incidents"].schema
    assert units.field("id").type == pa.string()
    assert units.field("tags").type == pa.list_(pa.string())
    assert incidents.field("date").type == pa.date32()
    assert incidents.field("measures_not_taken").type == pa.bool_()


def test_a_bad_value_in_a_table_is_named_like_one_in_a_file() -> None:
    tables = facts_tables(load_facts(EXAMPLE))
    incidents = tables["incidents"].to_pylist()
    incidents[1]["severity"] = "huge"
    tables["incidents"] = pa.Table.from_pylist(incidents, schema=tables["incidents"].schema)
    with pytest.raises(LoadError, match=r"incidents\[1\]\.severity"):
        facts_from_tables(tables)


def test_a_section_may_be_a_folder_of_parts_as_spark_writes_it(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    write_facts(load_facts(EXAMPLE), folder)
    incidents = pq.read_table(folder / "incidents.parquet")
    (folder / "incidents.parquet").unlink()
    parts = folder / "incidents"
    parts.mkdir()
    pq.write_table(incidents.slice(0, 1), parts / "part-0.parquet")
    pq.write_table(incidents.slice(1), parts / "part-1.parquet")
    (parts / "_SUCCESS").write_text("")
    assert load_tables(folder)["incidents"].num_rows == incidents.num_rows
    assert answers(folder) == answers(EXAMPLE)


def test_a_folder_of_other_files_or_without_units_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="a folder with no Parquet tables"):
        load_facts(tmp_path)
    write_facts(load_facts(EXAMPLE), tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InvalidValueError, match=r"notes\.txt"):
        load_facts(tmp_path)
    (tmp_path / "notes.txt").unlink()
    (tmp_path / "units.parquet").unlink()
    with pytest.raises(InvalidValueError, match=r"no units\.parquet"):
        load_facts(tmp_path)


def test_tables_larger_than_the_limit_are_refused_before_they_are_read(tmp_path: Path) -> None:
    write_facts(load_facts(EXAMPLE), tmp_path)
    with pytest.raises(InvalidValueError, match="more than the limit"):
        load_facts(tmp_path, max_bytes=1000)


def test_convert_then_evaluate_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables, back = tmp_path / "tables", tmp_path / "back.json"
    assert run(capsys, "facts", "convert", str(EXAMPLE), "--to", "parquet", str(tables))[0] == 0
    assert run(capsys, "facts", "convert", str(tables), "--to", "json", str(back))[0] == 0
    code, document, _ = run(capsys, "evaluate", str(back), "--as-of", DAY, "--format", "json")
    assert code == 0 and json.loads(document) == answers(EXAMPLE)
    code, lines, _ = run(capsys, "evaluate", str(tables), "--as-of", DAY, "--format", "jsonl")
    head, *results, questions = [json.loads(line) for line in lines.splitlines()]
    assert code == 0 and {**head, "results": results, **questions} == answers(EXAMPLE)


def test_answers_as_parquet_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "answers.parquet"
    code, _, err = run(capsys, "evaluate", str(EXAMPLE), "--as-of", DAY, "--format", "parquet")
    assert code == 2 and "--output" in err
    argv = ("evaluate", str(EXAMPLE), "--as-of", DAY, "--format", "parquet", "--output", str(out))
    assert run(capsys, *argv)[0] == 0
    rows = pq.read_table(out).to_pylist()
    document = answers(EXAMPLE)
    expected = sum(
        len(r[k])
        for r in document["results"]
        for k in ("obligations", "sanctions", "undetermined")  # type: ignore[index, union-attr]
    )
    assert len(rows) == expected
    interview = [r for r in rows if r["measure"] == "interview" and r["unit"] == "dongsheng-bank"]
    assert [(r["answer"], r["rule"], r["start"], r["status"]) for r in interview] == [
        ("sanction", "ordos.44.3", "2025-03-20", "possible")
    ]


def test_a_units_open_terms_are_a_map_column_read_back_as_in_a_file() -> None:
    from regulations.factsfile import read_facts

    unit = {"id": "u", "kind": "hospital", "region": "xinjiang"}
    terms = {"short_of_veto": True, "serious_staff_offending": False}
    facts = read_facts({"units": [{**unit, "params": terms}, {**unit, "id": "v"}]})
    units = facts_tables(facts)["units"]
    assert units.schema.field("params").type == pa.map_(pa.string(), pa.string())
    again = facts_from_tables(facts_tables(facts))
    assert [u.params for u in again.units] == [u.params for u in facts.units]
    rows = units.to_pylist()
    rows[0]["params"] = [("short_of_veto", "perhaps")]
    bad = pa.Table.from_pylist(rows, schema=units.schema)
    with pytest.raises(InvalidValueError, match=r"unit 'u'.*short_of_veto.*'perhaps'"):
        regulations.evaluate(facts_from_tables({"units": bad}))


def test_a_link_left_unsaid_is_written_unsaid_and_read_again(tmp_path: Path) -> None:
    """Conversion writes the facts as given: a rectification naming no order, with two
    orders open, stays open (undetermined, naming both) in JSON and in tables alike."""
    from regulations.factsfile import read_facts

    unit = {"id": "firm", "kind": "staff_member", "region": "zhejiang/hangzhou/xihu"}
    order = {"unit": "firm", "measure": "listed_supervision"}
    facts = read_facts(
        {
            "units": [unit],
            "supervision_orders": [
                {**order, "id": "order-a", "issued": "2025-05-06", "deadline": "2025-08-31"},
                {**order, "id": "order-b", "issued": "2025-06-01", "deadline": "2025-09-15"},
            ],
            "rectifications": [{"unit": "firm", "date": "2025-08-20"}],
        }
    )
    day = regulations.views.as_date("2025-10-01")
    before = regulations.evaluate(facts, "zhejiang@draft", as_of=day).to_json()
    assert "one of order-a, order-b" in json.dumps(before)
    back = tmp_path / "back.json"
    back.write_text(json.dumps(facts_document(facts)), encoding="utf-8")
    write_facts(facts, tmp_path / "tables")
    for again in (back, tmp_path / "tables"):
        assert regulations.evaluate(again, "zhejiang@draft", as_of=day).to_json() == before
