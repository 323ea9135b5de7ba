"""The JSON API: every endpoint answers what the library answers, under the stamp; every
refusal is a JSON error with the status that fits."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest

pytest.importorskip("fastapi", reason='the web extra is not installed: pip install -e ".[dev]"')

import regulations
from regulations.compare import compare, diff

STAMP = {"decision_id", "ruleset", "as_of", "package_version"}
AS_OF = "2025-06-30"


def answered(response: Any, library: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    assert set(data) >= STAMP
    assert data["ruleset"] == library.digest
    assert len(data["decision_id"]) == 32
    return data


def refused(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    data: dict[str, Any] = response.json()
    assert {"decision_id", "package_version", "error", "errors"} <= set(data)
    error = data["error"]
    assert {"code", "message", "place", "value", "expected", "suggestions", "hint"} <= set(error)
    assert error["code"] == code
    return data


def test_applicable_is_the_applies_answer(client: Any, library: Any) -> None:
    body = {"regulation": "ordos", "kind": "school", "tags": ["key_site"], "as_of": AS_OF}
    data = answered(client.post("/v1/applicable", json=body), library)
    expected = regulations.applies(
        "ordos", kind="school", tags=["key_site"], as_of=dt.date(2025, 6, 30), library=library
    )
    assert data["answer"] == expected.to_json()
    assert data["as_of"] == AS_OF


def test_applicable_without_a_date_answers_for_today(client: Any, library: Any) -> None:
    data = answered(
        client.post("/v1/applicable", json={"regulation": "hohhot", "kind": "citizen"}), library
    )
    assert data["as_of"] == dt.date.today().isoformat() == data["answer"]["as_of"]


def test_each_answer_has_its_own_decision_id(client: Any, library: Any) -> None:
    body = {"regulation": "ordos", "kind": "school"}
    ids = {
        answered(client.post("/v1/applicable", json=body), library)["decision_id"] for _ in range(3)
    }
    assert len(ids) == 3


def test_evaluate_is_the_evaluate_answer(client: Any, library: Any, example_facts: Any) -> None:
    body = {"facts": example_facts, "as_of": AS_OF, "params": {"short_of_veto": "false"}}
    data = answered(client.post("/v1/evaluate", json=body), library)
    facts = regulations.read_facts(example_facts, library.concepts)
    expected = regulations.evaluate(
        facts, as_of=dt.date(2025, 6, 30), params={"short_of_veto": "false"}, library=library
    )
    assert data["answer"] == expected.to_json()
    assert any(r["sanctions"] for r in data["answer"]["results"])


def test_evaluate_for_some_units_under_one_regulation(
    client: Any, library: Any, example_facts: Any
) -> None:
    body = {
        "facts": example_facts,
        "as_of": AS_OF,
        "units": ["dongsheng-bank"],
        "regulation": "ordos",
        "calendar": "weekends",
    }
    data = answered(client.post("/v1/evaluate", json=body), library)
    assert [r["unit"] for r in data["answer"]["results"]] == ["dongsheng-bank"]


def test_explain_is_the_explain_answer(client: Any, library: Any, example_facts: Any) -> None:
    body = {
        "facts": example_facts,
        "unit": "tianshan-gov",
        "rule": "xinjiang.54.1",
        "as_of": AS_OF,
        "params": {"short_of_veto": "false"},
    }
    data = answered(client.post("/v1/explain", json=body), library)
    expected = regulations.explain(
        regulations.read_facts(example_facts, library.concepts),
        "tianshan-gov",
        rule="xinjiang.54.1",
        as_of=dt.date(2025, 6, 30),
        params={"short_of_veto": "false"},
        library=library,
    )
    assert data["answer"] == expected.to_json()
    by_article = {**body, "rule": None, "article": 54}
    assert answered(client.post("/v1/explain", json=by_article), library)["answer"]["explanations"]


def test_compare_and_diff_are_the_library_answers(client: Any, library: Any) -> None:
    data = answered(
        client.get(
            "/v1/compare", params={"regulations": "ordos,hohhot", "kind": "school", "as_of": AS_OF}
        ),
        library,
    )
    assert (
        data["answer"]
        == compare(
            ["ordos", "hohhot"], "school", as_of=dt.date(2025, 6, 30), library=library
        ).to_json()
    )
    repeated = client.get(
        "/v1/compare",
        params=[
            ("regulations", "ordos"),
            ("regulations", "xinjiang"),
            ("kind", "school"),
            ("tags", "key_site"),
        ],
    )
    assert answered(repeated, library)["answer"]["regulations"] == ["ordos", "xinjiang"]
    data = answered(
        client.get("/v1/diff", params={"a": "zhejiang@draft", "b": "zhejiang"}), library
    )
    assert data["answer"] == diff("zhejiang@draft", "zhejiang", library=library).to_json()


def test_regulations_and_their_articles(client: Any, library: Any) -> None:
    data = answered(client.get("/v1/regulations", params={"as_of": AS_OF}), library)
    refs = [r["ref"] for r in data["answer"]["regulations"]]
    assert refs == list(library.refs)
    ordos = next(r for r in data["answer"]["regulations"] if r["ref"] == "ordos")
    assert ordos["in_force"] is True and ordos["meta"]["title"] == "鄂尔多斯市平安建设条例"
    whole = answered(client.get("/v1/regulations/xinjiang/articles"), library)["answer"]
    assert whole == regulations.articles("xinjiang", library=library).to_json()
    one = answered(
        client.get("/v1/regulations/xinjiang/articles/55", params={"as_of": AS_OF}), library
    )
    assert (
        one["answer"]
        == regulations.articles(
            "xinjiang", article=55, as_of=dt.date(2025, 6, 30), library=library
        ).to_json()
    )


def test_an_amended_article_reads_as_it_stood_on_the_day(client: Any, library: Any) -> None:
    before = client.get(
        "/v1/regulations/zhejiang/articles/3", params={"as_of": "2024-06-01"}
    ).json()
    after = client.get("/v1/regulations/zhejiang/articles/3", params={"as_of": "2025-06-01"}).json()
    assert "浦江经验" in before["answer"]["articles"][0]["text"]
    assert "浦江经验" not in after["answer"]["articles"][0]["text"]


def test_batch_answers_each_item_and_refuses_each_bad_one_alone(
    client: Any, library: Any, example_facts: Any
) -> None:
    items = [
        {"op": "applicable", "regulation": "ordos", "kind": "school", "as_of": AS_OF},
        {"op": "applicable", "regulation": "ordos", "kind": "schol"},
        {"op": "evaluate", "facts": example_facts, "as_of": AS_OF},
    ]
    data = answered(client.post("/v1/batch", json={"items": items}), library)
    answers = data["items"]
    assert [a["status"] for a in answers] == [200, 422, 200]
    assert len({a["decision_id"] for a in answers} | {data["decision_id"]}) == 4
    assert (
        answers[0]["answer"]
        == regulations.applies(
            "ordos", "school", as_of=dt.date(2025, 6, 30), library=library
        ).to_json()
    )
    assert answers[1]["error"]["suggestions"][0] == "school"


def test_service_routes(client: Any, library: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready", "ruleset": library.digest}
    version = client.get("/version").json()
    assert version["ruleset"] == library.digest
    assert version["regulations"]["ordos"]["in_force"] == "2024-12-01"
    assert version["regulations"]["zhejiang@draft"]["version"] == "draft"


def test_the_openapi_document_holds_the_request_models_and_the_facts_schema(client: Any) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    schemas = document["components"]["schemas"]
    assert {
        "ApplicableRequest",
        "EvaluateRequest",
        "ExplainRequest",
        "BatchRequest",
        "FactsFile",
        "Unit",
        "Incident",
    } <= set(schemas)
    assert (
        schemas["FactsFile"]["properties"]["units"]["items"]["$ref"] == "#/components/schemas/Unit"
    )
    assert {
        "/v1/applicable",
        "/v1/evaluate",
        "/v1/explain",
        "/v1/compare",
        "/v1/diff",
        "/v1/batch",
    } <= set(document["paths"])


def test_the_api_docs_are_served_without_any_outside_request(client: Any) -> None:
    page = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in page and "/openapi.json" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


# refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code", "value"),
    [
        ({"regulation": "ordos", "kind": "schol"}, "unknown-code", "schol"),
        ({"regulation": "ordoss", "kind": "school"}, "unknown-code", "ordoss"),
        ({"regulation": "ordos", "kind": "school", "level": "city"}, "unknown-code", "city"),
        ({"regulation": "ordos", "kind": "school", "tags": ["vip"]}, "unknown-code", "vip"),
        ({"regulation": "ordos", "kind": "citizen", "level": "county"}, "invalid-value", "county"),
    ],
)
def test_an_unknown_code_is_422_with_the_valid_and_close_ones(
    client: Any, body: Any, code: str, value: str
) -> None:
    error = refused(client.post("/v1/applicable", json=body), 422, code)["error"]
    assert error["value"] == value
    if code == "unknown-code":
        assert error["expected"] or error["hint"]


def test_a_bad_date_is_422_naming_the_field(client: Any) -> None:
    error = refused(
        client.post(
            "/v1/applicable", json={"regulation": "ordos", "kind": "school", "as_of": "2025-13-01"}
        ),
        422,
        "request",
    )["error"]
    assert error["place"] == "body.as_of"
    error = refused(
        client.post(
            "/v1/applicable", json={"regulation": "ordos", "kind": "school", "as_of": 1739145600}
        ),
        422,
        "request",
    )["error"]
    assert "YYYY-MM-DD" in error["message"]


def test_a_request_of_the_wrong_shape_is_422_naming_each_field(client: Any) -> None:
    data = refused(client.post("/v1/applicable", json={"kind": 3, "extra": True}), 422, "request")
    places = {e["place"] for e in data["errors"]}
    assert places == {"body.regulation", "body.kind", "body.extra"}


def test_malformed_json_is_400(client: Any) -> None:
    response = client.post(
        "/v1/applicable", content=b'{"regulation": ', headers={"content-type": "application/json"}
    )
    error = refused(response, 400, "json")["error"]
    assert "not valid JSON" in error["message"]


def test_a_facts_document_with_problems_is_422_with_every_problem_placed(client: Any) -> None:
    facts = {
        "units": [{"id": "a", "kind": "schol"}],
        "incidents": [{"unit": "b", "kind": "criminal_case", "date": "2025-01-01"}],
    }
    data = refused(client.post("/v1/evaluate", json={"facts": facts}), 422, "fact")
    places = {e["place"] for e in data["errors"]}
    assert {"facts.units[0].kind", "facts.incidents[0].unit"} <= places


def test_an_unknown_unit_rule_or_open_term_is_422(client: Any, example_facts: Any) -> None:
    refused(
        client.post("/v1/evaluate", json={"facts": example_facts, "units": ["nobody"]}),
        422,
        "unknown-code",
    )
    refused(
        client.post("/v1/evaluate", json={"facts": example_facts, "params": {"no_such_term": "1"}}),
        422,
        "invalid-value",
    )
    refused(
        client.post(
            "/v1/explain",
            json={"facts": example_facts, "unit": "tianshan-gov", "rule": "xinjiang.999.1"},
        ),
        422,
        "unknown-code",
    )
    refused(
        client.post("/v1/explain", json={"facts": example_facts, "unit": "tianshan-gov"}),
        422,
        "invalid-value",
    )


def test_an_unknown_regulation_or_article_in_the_path_is_404(client: Any) -> None:
    refused(client.get("/v1/regulations/atlantis/articles"), 404, "unknown-code")
    refused(client.get("/v1/regulations/ordos/articles/999"), 404, "unknown-code")
    refused(client.get("/v1/regulations/ordos/articles/nineteen"), 404, "invalid-value")


def test_an_unknown_path_or_method_is_a_json_error(client: Any) -> None:
    refused(client.get("/v1/nothing-here"), 404, "not-found")
    refused(client.get("/v1/applicable"), 405, "method")


def test_a_path_in_a_request_reads_no_file(client: Any, tmp_path: Any) -> None:
    """Facts are a document, never a path on the server: a string is refused as a request
    of the wrong shape, and nothing is opened."""
    secret = tmp_path / "facts.yaml"
    secret.write_text("units: []\n", encoding="utf-8")
    refused(client.post("/v1/evaluate", json={"facts": str(secret)}), 422, "request")


def test_refusals_log_nothing_and_the_server_keeps_serving(
    client: Any, library: Any, caplog: Any
) -> None:
    with caplog.at_level(logging.DEBUG, logger="regulations"):
        client.post("/v1/applicable", content=b"{", headers={"content-type": "application/json"})
        client.post("/v1/evaluate", json={"facts": {"units": [{"id": 1}]}})
        client.get("/v1/nothing")
    assert not [r for r in caplog.records if r.name.startswith("regulations")]
    answered(client.post("/v1/applicable", json={"regulation": "ordos", "kind": "school"}), library)
