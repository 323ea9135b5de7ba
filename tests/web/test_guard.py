"""What is checked before a route: the bearer token, and the body's size (413 before parsing)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason='the web extra is not installed: pip install -e ".[dev]"')

from fastapi.testclient import TestClient

from regulations.web import Settings, create_app

TOKEN = "s3cret-token"
BODY = {"regulation": "ordos", "kind": "school"}


@pytest.fixture(scope="module")
def guarded(library: Any) -> Iterator[TestClient]:
    app = create_app(Settings(token=TOKEN, max_body=2000), library=library)
    with TestClient(app) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "header", [None, "Bearer wrong", "Basic czNjcmV0LXRva2Vu", f"Bearer {TOKEN}x", "Bearer"]
)
def test_the_api_needs_the_token(guarded: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = guarded.post("/v1/applicable", json=BODY, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "token"


def test_the_token_opens_the_api_and_refusal_comes_before_the_body_is_read(
    guarded: TestClient,
) -> None:
    ok = guarded.post("/v1/applicable", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200
    malformed = guarded.post(
        "/v1/applicable", content=b"{", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 401


def test_pages_and_service_routes_stay_open_without_token_pages(guarded: TestClient) -> None:
    for path in ("/", "/healthz", "/readyz", "/version", "/docs", "/openapi.json"):
        assert guarded.get(path).status_code == 200, path


def test_token_pages_closes_the_pages_too(library: Any) -> None:
    app = create_app(Settings(token=TOKEN, token_pages=True), library=library)
    with TestClient(app) as client:
        assert client.get("/").status_code == 401
        assert client.get("/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert client.get("/healthz").status_code == 200


def test_a_body_over_the_limit_is_413_before_it_is_parsed(guarded: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    response = guarded.post("/v1/evaluate", content=b"{" + b" " * 3000, headers=auth)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "limit"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(10):
            yield b" " * 500

    response = guarded.post("/v1/evaluate", content=chunks(), headers=auth)
    assert response.status_code == 413
    ok = guarded.post("/v1/applicable", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200


def test_the_law_is_loaded_in_the_background_and_readyz_says_when() -> None:
    app = create_app(Settings())
    with TestClient(app) as client:
        law = app.state.law
        law.library()  # waits for the load
        assert client.get("/readyz").json()["status"] == "ready"
        assert client.post("/v1/applicable", json=BODY).status_code == 200


def test_a_rule_file_that_cannot_be_loaded_is_503_with_its_problems(tmp_path: Any) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("regulation: [\n", encoding="utf-8")
    app = create_app(Settings(rules=(bad,)))
    with TestClient(app) as client:
        app.state.law.library  # noqa: B018
        response = client.post("/v1/applicable", json=BODY)
        assert response.status_code == 503
        assert response.json()["error"]["place"].startswith(str(bad))
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200
