"""Why and why-not, from Python and from the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import regulations
from regulations.cli.main import main

EXAMPLE = Path(__file__).parents[2] / "examples" / "facts.yaml"
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def facts() -> regulations.FactSet:
    return regulations.load_facts(EXAMPLE)


def test_why_follows_a_chain_back_to_the_facts(facts) -> None:
    # the veto follows from the incident; the bar of 本年度 on it waits on the day the veto
    # was decided, and the tree says what it rests on
    answer = regulations.explain(
        facts, "tianshan-gov", rule="xinjiang.54.1", as_of=AS_OF, params={"short_of_veto": "false"}
    )
    lines = answer.lines()
    assert lines[0].startswith("? xinjiang.54.1")
    assert "needs date: the day of the decision it rests on (本年度" in lines[1]
    assert answer.answers == ()  # no end of the bar is guessed
    assert any("sanction one_vote_veto under xinjiang.52.3" in line for line in lines)
    assert any("• incident(kind = terrorist_incident" in line for line in lines)
    assert any("suspended while appeal" in line for line in lines)
    # the or-condition of article 52 is shown by the alternatives that held, not all ten
    assert any("(of 10 alternatives)" in line for line in lines)


def test_a_dated_veto_bars_honours_to_the_end_of_the_year_it_was_decided(tmp_path: Path) -> None:
    # 取消其本年度评选综合性荣誉称号的资格 (Xinjiang 54): the veto decided on 2024-12-20 bars
    # the year 2024; the same veto derived from an incident of that day waits on the decision
    path = tmp_path / "f.yaml"
    path.write_text(
        "units:\n"
        "  - {id: co, kind: enterprise, region: xinjiang/urumqi/tianshan}\n"
        "  - {id: gov, kind: people_government, level: county, region: xinjiang/urumqi/tianshan}\n"
        "sanctions: [{unit: co, measure: one_vote_veto, date: 2024-12-20}]\n"
        "incidents: [{unit: gov, kind: terrorist_incident, severity: major, date: 2024-12-20,"
        " measures_not_taken: true}]\n",
        encoding="utf-8",
    )
    facts = regulations.load_facts(path)
    day, params = dt.date(2025, 3, 1), {"short_of_veto": "false"}
    dated = regulations.explain(facts, "co", rule="xinjiang.54.1", as_of=day, params=params)
    (bar,) = dated.answers
    assert (bar.to_json()["until"], bar.to_json()["status"]) == ("2024-12-31", "ended")
    assert any(
        "until 2024-12-31 — the end of the year of the decision it rests on (本年度), made on 2024-12-20"
        in line
        for line in dated.lines()
    )
    derived = regulations.explain(facts, "gov", rule="xinjiang.54.1", as_of=day, params=params)
    assert derived.answers == () and derived.trees[0].status == "undetermined"
    report = regulations.evaluate(facts, as_of=day, params=params, units=["gov"])
    (open_item,) = [u for r in report.results for u in r.undetermined if u.article == 54]
    assert open_item.to_json()["needs"] == [
        "date: the day of the decision it rests on (本年度: it lasts that year)"
    ]
    assert not [s for r in report.results for s in r.sanctions if s.rule_id == "xinjiang.54.1"]
    (question,) = [q for q in report.questions if q.rule_id == "xinjiang.54.1"]
    assert "one_vote_veto" in question.text and "with its date" in question.text


def test_why_not_names_the_subject_that_does_not_match(facts) -> None:
    answer = regulations.explain(facts, "dongsheng-school", rule="ordos.21.1", as_of=AS_OF)
    (tree,) = answer.trees
    assert tree.status == "fails"
    assert "who education(prefecture, county)" in tree.children[0].label
    assert "school" in tree.children[0].detail


def test_why_not_names_the_missing_fact_and_the_open_term(facts) -> None:
    answer = regulations.explain(facts, "dongsheng-school", article=44, as_of=AS_OF)
    text = "\n".join(answer.lines())
    assert "no incident fact for this unit" in text
    assert "✓ sanction rectification_order" in text  # ground (四): the failed assessment
    assert "param other_rectification_circumstances — not decided" in text


def test_explain_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "explain",
            str(EXAMPLE),
            "--unit",
            "dongsheng-bank",
            "--article",
            "44",
            "--as-of",
            "2025-06-30",
            "--format",
            "json",
        ]
    )
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["unit"] == "dongsheng-bank" and doc["regulation"] == "ordos"
    assert {tree["status"] for tree in doc["explanations"]} >= {"holds", "fails"}


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--unit", "nobody", "--rule", "ordos.19.1"], "'nobody'"),
        (["--unit", "dongsheng-school", "--rule", "ordos.99.1"], "'ordos.99.1'"),
        (["--unit", "dongsheng-school", "--article", "99"], "'99'"),
    ],
)
def test_explain_bad_input(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["explain", str(EXAMPLE), *argv])
    _, err = capsys.readouterr()
    assert caught.value.code == 2 and fragment in err.splitlines()[0]


def test_explain_counts_the_same_facts_as_evaluate(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        "units:\n  - {id: gov, kind: people_government, level: county, region: xinjiang/urumqi}\n"
        "incidents:\n  - {unit: gov, kind: terrorist_incident, severity: major, date: 2025-08-01,"
        " measures_not_taken: true}\n",
        encoding="utf-8",
    )
    facts = regulations.load_facts(path)
    params = {"short_of_veto": "false"}
    for day in (dt.date(2025, 6, 30), dt.date(2025, 9, 30)):
        report = regulations.evaluate(facts, as_of=day, params=params)
        vetoed = any(s.measure == "one_vote_veto" for r in report.results for s in r.sanctions)
        tree = regulations.explain(
            facts, "gov", rule="xinjiang.52.3", as_of=day, params=params
        ).trees[0]
        assert vetoed == (day > dt.date(2025, 8, 1)) == (tree.status == "holds")


@pytest.mark.parametrize("since", [None, "2024-01-01", "2025-01-01"])
def test_explain_reports_the_cycles_evaluate_reports(since: str | None, tmp_path: Path) -> None:
    # a recurring duty's cycles are the law's; ``since`` leaves out those over before it, and
    # explain answers what evaluate answers for the same rule, whatever ``since`` is
    path = tmp_path / "f.yaml"
    path.write_text(
        "units:\n  - {id: c, kind: people_government, level: county,"
        " region: xinjiang/urumqi/tianshan}\n",
        encoding="utf-8",
    )
    facts = regulations.load_facts(path)
    day = dt.date(2025, 6, 30)
    report = regulations.evaluate(facts, as_of=day, regulation="xinjiang", since=since)
    drills = [o for r in report.results for o in r.obligations if o.concept == "emergency_drill"]
    assert drills
    rule = drills[0].to_json()["rule"]
    explained = regulations.explain(
        facts, "c", rule=rule, as_of=day, regulation="xinjiang", since=since
    )
    assert sorted(a.to_json()["start"] for a in explained.answers) == sorted(
        o.to_json()["start"] for o in drills if o.to_json()["rule"] == rule
    )
    if since is not None:  # none over before since, and every cycle starts on 1 January
        assert all(o.to_json()["due"] >= since for o in drills)
        assert all(o.to_json()["start"].endswith("-01-01") for o in drills)


DRILLS = """\
units:
  - {id: county, kind: people_government, level: county, region: xinjiang/urumqi/tianshan}
drills:
  - {id: drill-2022, unit: county, date: 2022-05-10}
  - {id: drill-2025, unit: county, date: 2025-03-04}
  - {id: drill-2025-autumn, unit: county, date: 2025-10-20}
performed:
  - {unit: county, concept: emergency_drill, date: 2026-01-03}
"""


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_explain_says_which_drill_met_each_cycle_and_where_none_fell(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 定期组织演练 (Xinjiang 19), one drill a year from 2022-01-01: drilled in 2022 and 2025,
    # not in 2023 nor 2024; the 2025 cycle is met by its first drill, as one is asked
    path = tmp_path / "drills.yaml"
    path.write_text(DRILLS, encoding="utf-8")
    argv = ["explain", str(path), "--unit", "county", "--rule", "xinjiang.19.3"]
    code = main([*argv, "--as-of", "2025-11-30", "--lang", "en", "--format", fmt])
    out = capsys.readouterr().out
    assert code == 0
    if fmt == "table":
        assert "✓ met by the drill of 2022-05-10 (drill-2022)" in out
        assert "✓ met by the drill of 2025-03-04 (drill-2025) — it fell between 2025-01-02" in out
        assert "drill-2025-autumn" not in out  # the cycle asks for one drill
        assert "✗ no performance fell between 2023-01-02 and 2024-01-02" in out
        assert "✗ no performance fell between 2024-01-02 and 2025-01-02" in out
        return
    doc = json.loads(out)
    cycles = {a["start"]: (a["status"], a["performances"]) for a in doc["answers"]}
    assert cycles == {
        "2022-01-01": (
            "met",
            {"from": "2022-01-01", "to": "2023-01-03", "needed": 1,
             "counted": [{"fact": "drill", "id": "drill-2022", "date": "2022-05-10"}]},
        ),
        "2023-01-01": (
            "overdue", {"from": "2023-01-02", "to": "2024-01-02", "needed": 1, "counted": []}
        ),
        "2024-01-01": (
            "overdue", {"from": "2024-01-02", "to": "2025-01-02", "needed": 1, "counted": []}
        ),
        "2025-01-01": (
            "met",
            {"from": "2025-01-02", "to": "2026-01-04", "needed": 1,
             "counted": [{"fact": "drill", "id": "drill-2025", "date": "2025-03-04"}]},
        ),
    }  # fmt: skip
    statuses = [
        c for t in doc["explanations"] for c in t.get("children", []) if "performance" in c["label"]
    ]
    assert [c["status"] for c in statuses] == ["fails", "fails"]


def test_a_pending_cycle_says_no_performance_fell_yet(tmp_path: Path) -> None:
    # as of 2025-02-01 no drill of 2025 yet: the cycle is pending, and explain says none fell;
    # a performance given as a performed entry (2026-01-03) is cited as a performance
    path = tmp_path / "drills.yaml"
    path.write_text(DRILLS, encoding="utf-8")
    facts = regulations.load_facts(path)
    early = regulations.explain(
        facts, "county", rule="xinjiang.19.3", as_of=dt.date(2025, 2, 1), regulation="xinjiang"
    )
    (pending,) = [line for line in early.lines() if "? no performance fell" in line]
    assert "? no performance fell between 2025-01-02 and 2026-01-04" in pending
    assert "pending: it may still be performed by 2026-01-04" in pending
    late = regulations.explain(
        facts, "county", rule="xinjiang.19.3", as_of=dt.date(2026, 6, 30), regulation="xinjiang"
    )
    cycle_2026 = [a.to_json() for a in late.answers if a.to_json()["start"] == "2026-01-01"]
    assert cycle_2026[0]["performances"]["counted"] == [
        {"fact": "performed", "id": None, "date": "2026-01-03"}
    ]
    assert any("met by the performance of 2026-01-03" in line for line in late.lines())
    # the answers of evaluate carry no explanation of their status
    report = regulations.evaluate(facts, as_of=dt.date(2025, 2, 1), regulation="xinjiang")
    assert all("performances" not in o.to_json() for r in report.results for o in r.obligations)


def test_a_review_is_cited_for_the_appeal_it_names(tmp_path: Path) -> None:
    # 受理申诉的机构应当在接到申诉的30日内复查完毕 (Xinjiang 55): two appeals, each reviewed;
    # the earlier review names the later appeal, so it is not what met the first one's duty
    path = tmp_path / "appeals.yaml"
    path.write_text(
        "units:\n  - {id: office, kind: pingan_coordinating_body, level: prefecture,"
        " region: xinjiang/urumqi}\n"
        "appeals:\n"
        "  - {id: appeal-a, unit: office, measure: one_vote_veto, received: 2025-04-10}\n"
        "  - {id: appeal-b, unit: office, measure: one_vote_veto, received: 2025-04-12}\n"
        "performed:\n"
        "  - {id: review-b, unit: office, concept: appeal_review, date: 2025-04-20,"
        " discharges: appeal-b}\n"
        "  - {id: review-a, unit: office, concept: appeal_review, date: 2025-04-25,"
        " discharges: appeal-a}\n",
        encoding="utf-8",
    )
    facts = regulations.load_facts(path)
    answer = regulations.explain(facts, "office", rule="xinjiang.55.3", as_of=AS_OF)
    cited = {
        a.to_json()["start"]: [p["id"] for p in a.to_json()["performances"]["counted"]]
        for a in answer.answers
    }
    assert cited == {"2025-04-10": ["review-a"], "2025-04-12": ["review-b"]}
