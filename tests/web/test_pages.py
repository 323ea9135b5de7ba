"""The pages without a browser: each answers in Chinese, from the library's answer, with the
equivalent command line and curl call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason='the web extra is not installed: pip install -e ".[dev]"')

import regulations
from regulations.web import present

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "facts.yaml"
PAGE = {"accept": "text/html"}


def test_applies_page_lists_every_binding_article(client: Any, library: Any) -> None:
    page = client.get("/", params={"regulation": "hohhot", "kind": "school", "as_of": "2025-06-30"})
    assert page.status_code == 200
    answer = regulations.applies("hohhot", "school", as_of="2025-06-30", library=library)
    for number in answer.article_numbers:
        assert f'id="art-{number}"' in page.text
    assert "regulations applies hohhot --kind school --as-of 2025-06-30 --format json" in page.text
    assert "/v1/applicable" in page.text


def test_pages_refuse_bad_input_on_the_page(client: Any) -> None:
    page = client.get("/", params={"kind": "schol"}, headers=PAGE)
    assert page.status_code == 422 and "did you mean" in page.text
    assert client.get("/articles/ordos/999", headers=PAGE).status_code == 404
    bad_facts = client.post("/evaluate", data={"facts": "units: [\n"})
    assert bad_facts.status_code == 422 and "facts:" in bad_facts.text
    no_facts = client.post("/evaluate", data={})
    assert no_facts.status_code == 422
    bad_params = client.post(
        "/evaluate", data={"facts": EXAMPLE.read_text(encoding="utf-8"), "params": "oops"}
    )
    assert bad_params.status_code == 422 and "NAME=VALUE" in bad_params.text


def test_an_upload_is_read_as_the_pasted_text_is(client: Any) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    pasted = client.post("/evaluate", data={"facts": text, "as_of": "2025-06-30"})
    uploaded = client.post(
        "/evaluate", data={"as_of": "2025-06-30"}, files={"upload": ("facts.yaml", text.encode())}
    )
    assert pasted.status_code == uploaded.status_code == 200
    assert uploaded.text.count("为什么") == pasted.text.count("为什么") > 3
    latin1 = client.post("/evaluate", files={"upload": ("f.yaml", "单位".encode("gbk"))})
    assert latin1.status_code == 422 and "UTF-8" in latin1.text


def test_every_page_answers(client: Any) -> None:
    for path in ("/articles", "/articles/zhejiang@draft", "/articles/xinjiang/54", "/why",
                 "/evaluate?example=1", "/compare?kind=logistics_delivery", "/diff"):  # fmt: skip
        assert client.get(path).status_code == 200, path


def test_the_two_editions_of_an_amended_law_compare(client: Any) -> None:
    page = client.get("/diff", params={"a": "zhejiang@2023", "b": "zhejiang@2025"})
    assert page.status_code == 200
    assert (
        '<option value="zhejiang@2023"' in page.text
        and "zhejiang@2023 → zhejiang@2025" in page.text
    )


def test_chinese_names_for_codes() -> None:
    assert present.name_of("school") == "学校"
    assert present.name_of("people_government") == "人民政府"
    assert present.name_of("guardian") == "监护人"
    assert present.name_of("one_vote_veto") == "一票否决"
    assert present.name_of("must_not") == "不得"
    assert present.subject_text("people_government(county, township)") == "人民政府(县级, 乡镇级)"
    assert present.name_of("no_such_code") == "no_such_code"


def test_article_citations_are_read_from_chinese_numerals() -> None:
    assert present.cited_articles("依照本条例第五十二条、第十条和第一百零二条规定") == (52, 10, 102)
    linked = present.linked_citations("sanction under xinjiang 第52条 <b>", "")
    assert '<a href="/articles/xinjiang/52">xinjiang 第52条</a>' in linked
    assert "&lt;b&gt;" in linked
