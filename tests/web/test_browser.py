"""The pages in a real browser: Debian's chromium driven by Playwright, against a uvicorn
server started here on a free port. Each page's main path is clicked through as a person
would; the Chinese heading must be drawn with a CJK font (not boxes)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason='the web extra is not installed: pip install -e ".[dev]"')
pytest.importorskip("playwright", reason='playwright is not installed: pip install -e ".[dev]"')
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "chromium is not installed (apt-get install -y chromium fonts-noto-cjk)",
        allow_module_level=True,
    )

import uvicorn  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from regulations.web import create_app  # noqa: E402

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "facts.yaml"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "web"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(library: Any) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(
        create_app(library=library), host="127.0.0.1", port=port, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened = context.new_page()
    yield opened
    context.close()


def fonts_of(page: Page, selector: str) -> dict[str, int]:
    """The fonts the browser used to draw the text of ``selector``, with how many glyphs
    each drew (asked over CDP)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def shoot(page: Page, name: str, at: str | None = None) -> None:
    """Keep a screenshot for docs/web.md when asked to (REGULATIONS_SCREENSHOTS=1), scrolled
    to ``at``."""
    if os.environ.get("REGULATIONS_SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        if at is not None:
            page.locator(at).first.evaluate("node => node.scrollIntoView()")
        page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_the_chinese_heading_is_drawn_with_a_cjk_font(page: Page, server: str) -> None:
    page.goto(server + "/")
    expect(page.locator("h1")).to_contain_text("单位适用")
    fonts = fonts_of(page, "h1")
    cjk = sum(count for family, count in fonts.items() if "CJK" in family or "Han" in family)
    assert cjk >= len("单位适用"), fonts  # without a CJK font: DejaVu or Liberation, as boxes


def test_which_articles_bind_a_school_found_by_its_chinese_name(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.select_option("#regulation", "ordos")
    page.fill("input[data-filter=kind]", "学校")
    expect(page.locator("#kind")).to_have_value("school")
    page.fill("input[name=as_of]", "2025-06-30")
    page.click("#applies-form button[type=submit]")
    expect(page.locator("#answer")).to_contain_text("鄂尔多斯市平安建设条例")
    expect(page.locator("#art-19")).to_contain_text("应急演练")
    expect(page.locator("pre[data-kind=cli]")).to_contain_text(
        "regulations applies ordos --kind school"
    )
    shoot(page, "applies")
    page.click("#art-19 h4 a")
    expect(page.locator("h1")).to_contain_text("第19条")
    expect(page.locator("#law-text")).to_contain_text("学校")


def test_an_article_beside_its_rules_and_its_history(page: Page, server: str) -> None:
    page.goto(server + "/articles/xinjiang/54?as_of=2025-06-30")
    expect(page.locator(".encoded .rule").first).to_be_visible()
    expect(page.locator(".original h2")).to_contain_text("原文")
    shoot(page, "article")
    page.click("a[rel=next]")
    expect(page.locator("h1")).to_contain_text("第55条")
    page.goto(server + "/articles/zhejiang/3?as_of=2024-06-01")
    expect(page.locator("#law-text")).to_contain_text("浦江经验")
    expect(page.locator(".history del")).to_contain_text("浦江经验")
    page.fill("input[name=as_of]", "2025-06-01")
    page.click("#article-form button[type=submit]")
    expect(page.locator("#law-text")).not_to_contain_text("浦江经验")


def test_facts_to_conclusions_and_a_row_to_its_why_tree(page: Page, server: str) -> None:
    page.goto(server + "/evaluate")
    page.fill("#facts", EXAMPLE.read_text(encoding="utf-8"))
    page.fill("#evaluate-form input[name=as_of]", "2025-06-30")
    page.fill("#evaluate-form textarea[name=params]", "short_of_veto=false")
    page.click("#evaluate-form > button[type=submit]")
    expect(page.locator("#answer")).to_contain_text("tianshan-gov")
    expect(page.locator("#answer")).to_contain_text("一票否决")
    shoot(page, "evaluate", "#answer")
    page.click("button[name=target][value='tianshan-gov|xinjiang.54.1']")
    expect(page.locator("h1")).to_contain_text("为什么")
    tree = page.locator("#answer details.trace").first
    expect(tree).to_contain_text("xinjiang.54.1")
    expect(page.locator("#answer a[href='/articles/xinjiang/52']").first).to_be_visible()
    shoot(page, "why", "#answer")


def test_the_small_form_for_one_unit_and_an_incident(page: Page, server: str) -> None:
    page.goto(server + "/evaluate")
    page.fill("input[data-filter=unit_kind]", "人民政府")
    page.select_option("select[name=unit_level]", "county")
    page.fill("input[name=unit_region]", "xinjiang/urumqi/tianshan")
    page.select_option("select[name=incident_kind_0]", "terrorist_incident")
    page.select_option("select[name=incident_severity_0]", "major")
    page.fill("input[name=incident_date_0]", "2025-03-02")
    page.check("input[name=incident_untaken_0]")
    page.fill("#evaluate-form input[name=as_of]", "2025-06-30")
    page.fill("#evaluate-form textarea[name=params]", "short_of_veto=false")
    page.click("#evaluate-form > button[type=submit]")
    expect(page.locator("#answer")).to_contain_text("一票否决")
    expect(page.locator("#facts")).to_have_value(re.compile("kind: terrorist_incident"))


def test_why_not_for_a_rule_that_did_not_follow(page: Page, server: str) -> None:
    page.goto(server + "/why")
    page.fill("#facts", EXAMPLE.read_text(encoding="utf-8"))
    page.fill("input[name=unit]", "dongsheng-school")
    page.fill("input[name=rule]", "ordos.44.1")
    page.fill("#why-form input[name=as_of]", "2025-06-30")
    page.click("#why-form > button[type=submit]")
    expect(page.locator("#answer details.trace.status-fails").first).to_be_visible()


def test_regions_side_by_side(page: Page, server: str) -> None:
    page.goto(server + "/compare")
    page.fill("input[data-filter=kind]", "寄递物流")
    page.click("#compare-form button[type=submit]")
    expect(page.locator("table.compare")).to_be_visible()
    expect(page.locator("table.compare tr.differs").first).to_be_visible()
    shoot(page, "compare", "#answer")


def test_the_draft_against_the_final_law(page: Page, server: str) -> None:
    page.goto(server + "/diff")
    page.select_option("select[name=a]", "zhejiang@draft")
    page.select_option("select[name=b]", "zhejiang")
    page.click("#diff-form button[type=submit]")
    expect(page.locator("#answer h2")).to_contain_text("zhejiang@draft → zhejiang")
    expect(page.locator("#amended")).to_contain_text("第3条")
    shoot(page, "diff", "#answer")


def test_bad_input_is_shown_on_the_page_with_the_form(page: Page, server: str) -> None:
    response = page.goto(server + "/?regulation=ordos&kind=schol")
    assert response is not None and response.status == 422
    expect(page.locator(".problems")).to_contain_text("schol")
    expect(page.locator(".problems")).to_contain_text("school")
    missing = page.goto(server + "/nowhere")
    assert missing is not None and missing.status == 404
    expect(page.locator("h1")).to_contain_text("找不到")


def test_the_api_docs_render_offline(page: Page, server: str) -> None:
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    page.goto(server + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("regulations")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert outside == []


def test_the_print_stylesheet_hides_the_forms(page: Page, server: str) -> None:
    page.goto(server + "/?regulation=ordos&kind=school")
    page.emulate_media(media="print")
    expect(page.locator("form.query")).to_be_hidden()
    expect(page.locator("#answer")).to_be_visible()
