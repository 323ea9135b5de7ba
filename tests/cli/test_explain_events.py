"""explain and evaluate as a user reads them: a rule that follows for one event of a unit and
is open for another shows both, each with its facts; a sanction the rules derived is named as
derived, by the rule deriving it, never as if a decision were on record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirun import run

# 公安机关应当依法开展大型群众性活动的安全管理 (Hohhot 23): the district's police approved the
# concert; the fair names no approving body and both the district's and the city's police
# are of its place, so whose the fair is stays open
EVENTS = """\
units:
  - {id: organizer, kind: large_event_organizer, region: inner_mongolia/hohhot/xincheng}
  - {id: xincheng-police, kind: public_security, level: county, region: inner_mongolia/hohhot/xincheng}
  - {id: city-police, kind: public_security, level: prefecture, region: inner_mongolia/hohhot}
large_events:
  - {id: concert, unit: organizer, approved_by: xincheng-police, date: 2025-06-20}
  - {id: fair, unit: organizer, date: 2025-07-20}
"""

# 发生暴力恐怖事件……实行一票否决 (Xinjiang 52) and 受到一票否决处理的……取消其本年度评选综合性
# 荣誉称号的资格 (54): the veto follows from the incident; no decision is on record
VETO = """\
units: [{id: gov, kind: people_government, level: county, region: xinjiang/urumqi/tianshan}]
incidents:
  - {id: attack, unit: gov, kind: terrorist_incident, severity: major, date: 2025-03-02, measures_not_taken: true}
"""


def _file(tmp_path: Path, text: str, name: str = "facts.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _explain(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, "explain", *argv, "--format", "json")
    assert (code, err) == (0, "")
    return json.loads(out)


def _facts_of(node: dict[str, Any]) -> list[str]:
    """The ids of the facts under a node, depth first."""
    found = [node["fact"]["id"]] if "fact" in node and "id" in node["fact"] else []
    for child in node.get("children", ()):
        found.extend(_facts_of(child))
    return found


def test_a_rule_that_fired_for_one_event_and_is_open_for_another_shows_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    facts = _file(tmp_path, EVENTS)
    argv = (facts, "--unit", "xincheng-police", "--rule", "hohhot.23.3", "--as-of", "2025-06-30")
    trees = _explain(capsys, *argv)["explanations"]
    assert [(t["rule"], t["status"]) for t in trees] == [
        ("hohhot.23.3", "holds"),
        ("hohhot.23.3", "undetermined"),
    ]
    fired, open_ = trees
    assert fired["dates"] == {"from": "2025-06-20"} and _facts_of(fired) == ["concert"]
    assert _facts_of(open_) == ["fair"]
    needs = [c["label"] for c in open_["children"] if c["status"] == "undetermined"]
    assert needs == ["needs large_event.approved_by: one of city-police, xincheng-police"]
    (rests_on,) = [n for n in open_["children"] if n["label"] == "rests on"]
    (fair,) = rests_on["children"]
    assert fair["fact"]["approved_by"] == ["city-police", "xincheng-police"]
    # the table says the same
    code, out, _ = run(capsys, "explain", *argv)
    assert code == 0
    assert "✓ obligation large_event_safety under hohhot.23.3" in out
    assert "? hohhot.23.3 (hohhot 第23条) is undetermined" in out
    assert "approved_by = one of city-police, xincheng-police" in out


def test_an_event_decided_for_both_shows_no_open_item(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    decided = EVENTS.replace(
        "{id: fair, unit: organizer, date: 2025-07-20}",
        "{id: fair, unit: organizer, approved_by: xincheng-police, date: 2025-07-20}",
    )
    facts = _file(tmp_path, decided)
    trees = _explain(
        capsys, facts, "--unit", "xincheng-police", "--rule", "hohhot.23.3", "--as-of", "2025-06-30"
    )["explanations"]
    assert [(t["status"], _facts_of(t)) for t in trees] == [
        ("holds", ["concert"]),
        ("holds", ["fair"]),
    ]


def test_a_derived_sanction_is_named_as_derived_by_its_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    facts = _file(tmp_path, VETO)
    argv = ("--as-of", "2025-06-30", "--param", "short_of_veto=false", "--format", "json")
    code, out, _ = run(capsys, "evaluate", facts, *argv)
    assert code == 0
    (result,) = json.loads(out)["results"]
    (bar,) = [u for u in result["undetermined"] if u["rule"] == "xinjiang.54.1"]
    assert bar["facts"] == ["one_vote_veto derived by xinjiang.52.3 from 2025-03-02"]
    assert not any(f.startswith("sanction ") for u in result["undetermined"] for f in u["facts"])
    # a decision on record keeps its own name
    recorded = (
        VETO + "sanctions: [{id: veto, unit: gov, measure: one_vote_veto, date: 2025-04-15}]\n"
    )
    code, out, _ = run(capsys, "evaluate", _file(tmp_path, recorded, "recorded.yaml"), *argv)
    (result,) = json.loads(out)["results"]
    (bar,) = [s for s in result["sanctions"] if s["rule"] == "xinjiang.54.1"]
    assert bar["facts"] == ["veto"]
    # the question the derived veto raises names it the same way
    code, out, _ = run(capsys, "evaluate", facts, *argv[:4], "--questions")
    assert "(for one_vote_veto derived by xinjiang.52.3 from 2025-03-02)" in " ".join(out.split())
