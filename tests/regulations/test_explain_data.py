"""explain as a compliance officer reads it: the part of a condition that failed is the one
that failed under the facts the parts before it matched, and the JSON carries the rule,
the article, the facts by id and the dates as fields, not only in labels."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from typing import Any

import regulations

# 对通报后仍未按期完成整改任务的,有权机关应当依法予以处理 (Xinjiang 56): a hospital notified
# and ordered to rectify by 2025-06-30, that rectified on 2025-06-28
FACTS: dict[str, Any] = {
    "units": [{"id": "hospital", "kind": "hospital", "region": "xinjiang/urumqi/shayibake"}],
    "violations": [
        {"id": "v-1", "unit": "hospital", "concept": "pingan_responsibility", "date": "2025-03-01"}
    ],
    "sanctions": [
        {"id": "notice-1", "unit": "hospital", "measure": "public_notice", "date": "2025-03-10"}
    ],
    "supervision_orders": [
        {
            "id": "order-1",
            "unit": "hospital",
            "measure": "rectification_order",
            "issued": "2025-03-10",
            "deadline": "2025-06-30",
        }
    ],
    "rectifications": [{"id": "rect-1", "unit": "hospital", "date": "2025-06-28"}],
}


def _lines(as_of: dt.date) -> list[str]:
    found = regulations.explain(
        regulations.read_facts(FACTS), unit="hospital", rule="xinjiang.56.3", as_of=as_of
    )
    return found.lines()


def test_why_not_names_the_part_that_failed_under_the_order_matched() -> None:
    lines = _lines(dt.date(2025, 8, 1))
    assert lines[0].startswith("✗ xinjiang.56.3")
    # the deadline has passed (of order-1, bound by `as o`) and the rectification answered
    # it in time: the exception is what fails, not the deadline
    assert any(line.strip() == "✓ o.deadline < today" for line in lines)
    assert any(line.strip().startswith("✗ not (rectification(order = o)") for line in lines)
    assert any(
        line.strip().startswith("✓ rectification(order = o) as r") and "some match" in line
        for line in lines
    )


def test_before_the_deadline_it_is_the_deadline_that_has_not_passed() -> None:
    lines = _lines(dt.date(2025, 6, 1))
    assert any(line.strip() == "✗ o.deadline < today" for line in lines)


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for c in node.get("children", []) for n in _nodes(c))]


def test_json_explain_carries_rule_article_facts_and_dates() -> None:
    found = regulations.explain(
        regulations.read_facts(FACTS), unit="hospital", article=56, as_of=dt.date(2025, 8, 1)
    )
    data = json.loads(json.dumps(found.to_json()))
    roots = data["explanations"]
    assert {(r["rule"], r["article"]) for r in roots} >= {("xinjiang.56.1", 56), ("xinjiang.56.3", 56)}  # fmt: skip
    notice = next(
        r for r in roots if r["rule"] == "xinjiang.56.1" and "public_notice" in r["label"]
    )
    assert notice["dates"] == {"from": "2025-03-10", "until": "2025-06-30"}
    facts = [n["fact"] for r in roots for n in _nodes(r) if n["status"] == "fact"]
    assert {"type": "violation", "id": "v-1", "unit": "hospital", "concept": "pingan_responsibility", "date": "2025-03-01"} in facts  # fmt: skip
    assert any(f["type"] == "supervision_order" and f["deadline"] == "2025-06-30" for f in facts)
    assert pickle.loads(pickle.dumps(found)) == found


def test_a_cycle_cites_its_performance_by_id() -> None:
    facts = {
        "units": [
            {
                "id": "county",
                "kind": "people_government",
                "level": "county",
                "region": "xinjiang/kashgar/shache",
            }
        ],
        "drills": [{"id": "drill-2022", "unit": "county", "date": "2022-05-20"}],
    }
    found = regulations.explain(
        regulations.read_facts(facts),
        unit="county",
        rule="xinjiang.19.3",
        as_of=dt.date(2023, 6, 1),
    )
    first = found.to_json()["explanations"][0]
    assert first["dates"] == {"from": "2022-01-01", "due": "2023-01-03"}
    cited = [n["fact"] for n in _nodes(first) if n["status"] == "fact" and n.get("fact", {}).get("id") == "drill-2022"]  # fmt: skip
    assert cited and cited[0]["date"] == "2022-05-20"
