"""Pages for legal staff, rendered on the server (Jinja2): 单位适用, 条款, 事实→结论,
为什么/为什么不, 地区对比, 版本对比. Every page is a form whose answer comes from the same
library call as the API's, and shows the command line and curl call that give it."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.datastructures import FormData, UploadFile

import regulations
from engine import whole_number
from regulations import Error, Library
from regulations import vocabulary as v
from regulations.compare import compare, diff
from regulations.views import as_date
from regulations.web import present
from regulations.web.errors import NOT_FOUND, Refusal, problem, refusal
from regulations.web.law import Law
from regulations.yamlsource import parse_yaml

TEMPLATES = Path(str(resources.files("regulations.web") / "templates"))
templates = Jinja2Templates(directory=TEMPLATES)
templates.env.filters["named"] = present.named
templates.env.filters["zh"] = present.name_of
templates.env.filters["subject"] = present.subject_text
templates.env.filters["open_term"] = present.open_term
templates.env.globals["name_of"] = present.name_of

router = APIRouter(include_in_schema=False)
Listed = Annotated[list[str], Query()]

STATUS_NAMES = {
    "pending": "待履行",
    "met": "已履行",
    "overdue": "已逾期",
    "in_effect": "生效中",
    "suspended": "暂停执行",
    "ended": "已结束",
    "possible": "可选处理",
    "same": "相同",
    "changed": "有变化",
    "only_a": "仅在甲方",
    "only_b": "仅在乙方",
}
templates.env.globals["status_name"] = lambda code: STATUS_NAMES.get(code, code)

EXAMPLE = """\
# 一个单位和它发生的事实(facts file; docs/facts.md)
units:
  - id: dongsheng-bank
    name: 某银行东胜支行
    kind: financial_institution
    region: inner_mongolia/ordos/dongsheng
incidents:
  - {unit: dongsheng-bank, kind: criminal_case, severity: major, date: 2025-02-10}
  - {unit: dongsheng-bank, kind: criminal_case, severity: major, date: 2025-03-20}
"""


def _law(request: Request) -> Law:
    law: Law = request.app.state.law
    return law


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    library = _law(request).library()
    common = {
        "library": library,
        "base": _base(request),
        "today": dt.date.today().isoformat(),
        "refs": [(ref, library.regulation(ref).meta.title) for ref in library.refs],
        "kinds": [(k.code, present.first_term(k.zh), k.zh) for k in v.KINDS],
        "levels": [(t.code, present.first_term(t.zh)) for t in v.LEVELS],
        "tags": [(t.code, present.first_term(t.zh)) for t in v.TAGS],
        "incident_kinds": [(t.code, present.first_term(t.zh)) for t in v.INCIDENT_KINDS],
        "severities": [(t.code, present.first_term(t.zh)) for t in v.SEVERITIES],
        "cite": lambda text: present.linked_citations(text, ""),
    }
    return templates.TemplateResponse(request, template, {**common, **context}, status)


def error_page(request: Request, refused: Refusal) -> Response:
    """A refusal as a page, for a browser that asked for one."""
    return templates.TemplateResponse(
        request,
        "error.html",
        {"problems": refused.problems, "status": refused.status},
        refused.status,
    )


def _blank(value: str | None) -> str | None:
    """A form field left empty is a field not given."""
    return value.strip() if value and value.strip() else None


def _asking(call: Callable[[], Any]) -> tuple[Any, Refusal | None]:
    """A library call, or the refusal its bad input gets (shown on the page with the form)."""
    try:
        return call(), None
    except Error as exc:
        return None, refusal(exc)


def _day(text: str | None) -> dt.date | None:
    """The date of a form field (YYYY-MM-DD), None when left empty."""
    return as_date(text) if text else None


def _chapters(library: Library, ref: str) -> dict[int, str]:
    return {c.number: c.title for c in library.regulation(ref).meta.chapters}


def _texts(library: Library, ref: str, as_of: str | None) -> dict[tuple[Any, Any], Any]:
    view = regulations.articles(ref, as_of=_day(as_of), library=library)
    return {(a.article, a.provision): a for a in view.articles}


# 单位适用 ---------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def applies_page(
    request: Request,
    regulation: str = "ordos",
    kind: str | None = None,
    level: str | None = None,
    tag: Listed = [],  # noqa: B006 (FastAPI reads the default, never mutates it)
    as_of: str | None = None,
) -> HTMLResponse:
    library = _law(request).library()
    kind, level, as_of = _blank(kind), _blank(level), _blank(as_of)
    tags = [t for t in tag if t.strip()]
    answer, refused = (None, None)
    groups: list[tuple[str, list[tuple[Any, Any]]]] = []
    if kind is not None:
        answer, refused = _asking(
            lambda: regulations.applies(regulation, kind, level, tags, _day(as_of), library)
        )
    if answer is not None:
        texts = _texts(library, regulation, as_of)
        chapters = _chapters(library, regulation)
        by_chapter: dict[Any, list[tuple[Any, Any]]] = {}
        for binding in answer.articles:
            text = texts.get((binding.article, binding.provision))
            by_chapter.setdefault(binding.chapter, []).append((binding, text))
        groups = [
            (
                f"第{number}章 {chapters.get(number, '')}" if number else "(未分章)",
                items,
            )
            for number, items in by_chapter.items()
        ]
    cli = present.cli_command(
        [
            "regulations",
            "applies",
            regulation,
            *present.options([("--kind", kind or "KIND"), ("--level", level)]),
            *[part for t in tags for part in ("--tag", t)],
            *present.options([("--as-of", as_of)]),
            "--format",
            "json",
        ]
    )
    asked = {"regulation": regulation, "kind": kind or "KIND", "level": level, "tags": tags}
    payload = {k: val for k, val in {**asked, "as_of": as_of}.items() if val}
    return render(
        request,
        "applies.html",
        422 if refused else 200,
        page="applies",
        regulation=regulation,
        kind=kind,
        level=level,
        chosen_tags=tags,
        as_of=as_of,
        answer=answer,
        groups=groups,
        problems=refused.problems if refused else (),
        cli=cli,
        curl=present.curl_post(_base(request), "/v1/applicable", payload),
    )


# 条款 -------------------------------------------------------------------------------------


@router.get("/articles", response_class=HTMLResponse)
@router.get("/articles/{regulation}", response_class=HTMLResponse)
def articles_page(
    request: Request, regulation: str = "ordos", as_of: str | None = None
) -> HTMLResponse:
    library = _law(request).library()
    as_of = _blank(as_of)
    view, refused = _asking(
        lambda: regulations.articles(regulation, as_of=_day(as_of), library=library)
    )
    if refused is not None:
        raise Refusal(NOT_FOUND, refused.problems)
    return render(
        request,
        "articles.html",
        page="articles",
        view=view,
        regulation=regulation,
        chapters=_chapters(library, regulation),
        as_of=as_of,
        cli=present.cli_command(
            ["regulations", "articles", regulation, *present.options([("--as-of", as_of)])]
        ),
        curl=present.curl_get(
            _base(request), f"/v1/regulations/{regulation}/articles", {"as_of": as_of}
        ),
    )


def _cited_by(view: Any, number: int | None) -> list[int]:
    """The articles of the regulation whose text names article ``number``."""
    if number is None:
        return []
    return [
        a.article
        for a in view.articles
        if a.article != number and number in present.cited_articles(a.text)
    ]


def _wording_changes(wordings: Sequence[tuple[str, str | None, str]]) -> list[dict[str, Any]]:
    """Each wording after the first, with what changed from the one before (characters
    deleted and inserted marked)."""
    changes = []
    for before, after in itertools.pairwise(wordings):
        changes.append(
            {
                "from": after[0],
                "before": before,
                "after": after,
                "marked": _marked(before[2], after[2]),
            }
        )
    return changes


def _marked(old: str, new: str) -> Markup:
    out = Markup("")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out += escape(old[a1:a2])
            continue
        if a2 > a1:
            out += Markup("<del>{}</del>").format(old[a1:a2])
        if b2 > b1:
            out += Markup("<ins>{}</ins>").format(new[b1:b2])
    return out


@router.get("/articles/{regulation}/{key}", response_class=HTMLResponse)
def article_page(
    request: Request, regulation: str, key: str, as_of: str | None = None
) -> HTMLResponse:
    library = _law(request).library()
    as_of = _blank(as_of)
    provision = key.removeprefix("p.") if key.startswith("p.") else None
    whole, refused = _asking(
        lambda: regulations.articles(regulation, as_of=_day(as_of), library=library)
    )
    if whole is not None:
        one, refused = _asking(
            lambda: regulations.articles(
                regulation,
                article=None if provision else key,  # type: ignore[arg-type]  # digits, checked
                provision=provision,
                as_of=_day(as_of),
                library=library,
            )
        )
    if refused is not None:
        raise Refusal(NOT_FOUND, refused.problems)
    article = one.articles[0]
    numbers = [a.article for a in whole.articles if a.article is not None]
    position = numbers.index(article.article) if article.article in numbers else -1
    wordings = [(f.isoformat(), u.isoformat() if u else None, t) for f, u, t in article.wordings]
    flag = ["--provision", provision] if provision else ["--article", key]
    return render(
        request,
        "article.html",
        page="articles",
        view=one,
        article=article,
        regulation=regulation,
        chapters=_chapters(library, regulation),
        as_of=as_of,
        cites=[n for n in present.cited_articles(article.text) if n != article.article],
        cited_by=_cited_by(whole, article.article),
        previous=numbers[position - 1] if position > 0 else None,
        following=numbers[position + 1] if 0 <= position < len(numbers) - 1 else None,
        wordings=wordings,
        changes=_wording_changes(wordings),
        cli=present.cli_command(
            ["regulations", "articles", regulation, *flag, *present.options([("--as-of", as_of)])]
        ),
        curl=present.curl_get(
            _base(request),
            f"/v1/regulations/{regulation}/articles" + (f"/{key}" if not provision else ""),
            {"as_of": as_of, "provision": provision},
        ),
    )


# 事实→结论 and 为什么 --------------------------------------------------------------------


def _params(text: str | None) -> dict[str, str]:
    """Open terms written one a line, NAME=VALUE."""
    found: dict[str, str] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            raise Refusal(
                422,
                [
                    problem(
                        "param",
                        f"line {number} of the open terms is not NAME=VALUE: {line.strip()!r}",
                        "params",
                        line.strip(),
                        hint="e.g. serious_circumstances=true",
                    )
                ],
            )
        found[name.strip()] = value.strip()
    return found


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return _blank(value) if isinstance(value, str) else None


async def _facts_text(form: FormData) -> str:
    """The facts as text: an uploaded file, else the text pasted, else the small form."""
    upload = form.get("upload")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Refusal(
                422,
                [
                    problem(
                        "encoding",
                        "the file uploaded is not UTF-8 text",
                        "upload",
                        hint="save it as UTF-8 (facts files are UTF-8)",
                    )
                ],
            ) from exc
    pasted = form.get("facts")
    if isinstance(pasted, str) and pasted.strip():
        return pasted
    return _from_small_form(form)


INCIDENT_ROWS = 3


def _from_small_form(form: FormData) -> str:
    """The facts of the small form (one unit, a few incidents) as a facts file."""
    kind = _field(form, "unit_kind")
    if kind is None:
        return ""
    unit: dict[str, Any] = {"id": _field(form, "unit_id") or "unit-1", "kind": kind}
    for name in ("level", "region"):
        if (value := _field(form, f"unit_{name}")) is not None:
            unit[name] = value
    tags = [t for t in form.getlist("unit_tag") if isinstance(t, str) and t]
    if tags:
        unit["tags"] = tags
    incidents = []
    for row in range(INCIDENT_ROWS):
        incident_kind = _field(form, f"incident_kind_{row}")
        if incident_kind is None:
            continue
        incident: dict[str, Any] = {"unit": unit["id"], "kind": incident_kind}
        for name in ("severity", "date"):
            if (value := _field(form, f"incident_{name}_{row}")) is not None:
                incident[name] = value
        if form.get(f"incident_untaken_{row}"):
            incident["measures_not_taken"] = True
        incidents.append(incident)
    document: dict[str, Any] = {"units": [unit]}
    if incidents:
        document["incidents"] = incidents
    return str(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def _unit_names(facts: Any) -> dict[str, str]:
    return {u.id: u.name for u in facts.units if getattr(u, "name", None)}


@router.get("/evaluate", response_class=HTMLResponse)
def evaluate_form(request: Request, example: bool = False) -> HTMLResponse:
    return render(
        request,
        "evaluate.html",
        page="evaluate",
        facts_text=EXAMPLE if example else "",
        form={},
        report=None,
        problems=(),
        incident_rows=range(INCIDENT_ROWS),
        cli="regulations evaluate facts.yaml --format json",
        curl=present.curl_post(_base(request), "/v1/evaluate", {"facts": {"units": []}}),
    )


def _facts_form(form: FormData) -> dict[str, Any]:
    return {
        name: _field(form, name)
        for name in ("as_of", "regulation", "params", "calendar", "unit", "rule", "article")
    }


async def _read_facts_form(request: Request) -> tuple[FormData, dict[str, Any], str]:
    form = await request.form()
    return form, _facts_form(form), await _facts_text(form)


def _evaluate(library: Library, text: str, fields: Mapping[str, Any]) -> tuple[Any, Any]:
    facts = regulations.read_facts(text, library.concepts, name="facts")
    report = regulations.evaluate(
        facts,
        regulation=fields["regulation"],
        as_of=_day(fields["as_of"]),
        params=_params(fields["params"]),
        calendar=fields["calendar"] or "china",
        library=library,
    )
    return facts, report


@router.post("/evaluate", response_class=HTMLResponse)
async def evaluate_page(request: Request) -> HTMLResponse:
    library = _law(request).library()
    _, fields, text = await _read_facts_form(request)
    facts = report = None
    problems: Sequence[dict[str, Any]] = ()
    if not text.strip():
        problems = [
            problem(
                "facts",
                "no facts given",
                "facts",
                hint="paste a facts file, upload one, or fill in the small form",
            )
        ]
    else:
        try:
            facts, report = await run_in_threadpool(_evaluate, library, text, fields)
        except Error as exc:
            problems = refusal(exc).problems
        except Refusal as refused:
            problems = refused.problems
    params = _params(fields["params"]) if not problems else {}
    payload = {"facts": _as_json(text), "as_of": fields["as_of"], "params": params or None}
    payload |= {"regulation": fields["regulation"]}
    return render(
        request,
        "evaluate.html",
        422 if problems else 200,
        page="evaluate",
        facts_text=text,
        form=fields,
        report=report.to_json() if report is not None else None,
        names=_unit_names(facts) if facts is not None else {},
        problems=problems,
        incident_rows=range(INCIDENT_ROWS),
        cli=present.cli_command(
            [
                "regulations",
                "evaluate",
                "facts.yaml",
                *present.options(
                    [("--regulation", fields["regulation"]), ("--as-of", fields["as_of"])]
                ),
                *[p for name, value in params.items() for p in ("--param", f"{name}={value}")],
                "--format",
                "json",
            ]
        ),
        curl=present.curl_post(
            _base(request), "/v1/evaluate", {k: val for k, val in payload.items() if val}
        ),
    )


def _as_json(text: str) -> Any:
    """The facts text as the JSON a curl call would send (the text itself if it is no YAML),
    read as every facts file is (YAML 1.2: ``010`` is not 8, ``yes`` not true)."""
    try:
        return parse_yaml(text, Path("facts"))[0]
    except Error:
        return text


def _explain(library: Library, text: str, fields: Mapping[str, Any]) -> Any:
    facts = regulations.read_facts(text, library.concepts, name="facts")
    return regulations.explain(
        facts,
        fields["unit"] or "",
        rule=fields["rule"],
        article=fields["article"],
        regulation=fields["regulation"],
        as_of=_day(fields["as_of"]),
        params=_params(fields["params"]),
        calendar=fields["calendar"] or "china",
        library=library,
    )


@router.post("/why", response_class=HTMLResponse)
async def why_page(request: Request) -> HTMLResponse:
    library = _law(request).library()
    form, fields, text = await _read_facts_form(request)
    target = _field(form, "target")  # a row's button: unit|rule
    if target and "|" in target:
        fields["unit"], fields["rule"] = target.split("|", 1)
        fields["article"] = None
    if fields["rule"]:
        fields["article"] = None
    answer = None
    problems: Sequence[dict[str, Any]] = ()
    try:
        answer = await run_in_threadpool(_explain, library, text, fields)
    except Error as exc:
        problems = refusal(exc).problems
    except Refusal as refused:
        problems = refused.problems
    which = ["--rule", fields["rule"]] if fields["rule"] else ["--article", fields["article"]]
    payload = {
        "facts": _as_json(text),
        "unit": fields["unit"],
        "rule": fields["rule"],
        "article": whole_number(fields["article"] or ""),  # ASCII digits, as everywhere
        "as_of": fields["as_of"],
        "regulation": fields["regulation"],
        "params": _params(fields["params"]) if not problems else None,
    }
    return render(
        request,
        "why.html",
        422 if problems else 200,
        page="why",
        facts_text=text,
        form=fields,
        answer=answer.to_json() if answer is not None else None,
        problems=problems,
        cli=present.cli_command(
            [
                "regulations",
                "explain",
                "facts.yaml",
                "--unit",
                fields["unit"] or "UNIT",
                *which,
                *present.options(
                    [("--regulation", fields["regulation"]), ("--as-of", fields["as_of"])]
                ),
            ]
        ),
        curl=present.curl_post(
            _base(request), "/v1/explain", {k: val for k, val in payload.items() if val}
        ),
    )


@router.get("/why", response_class=HTMLResponse)
def why_form(request: Request) -> HTMLResponse:
    return render(
        request,
        "why.html",
        page="why",
        facts_text="",
        form={},
        answer=None,
        problems=(),
        cli="regulations explain facts.yaml --unit UNIT --rule RULE",
        curl=present.curl_post(_base(request), "/v1/explain", {"facts": {}, "unit": "UNIT"}),
    )


# 地区对比 and 版本对比 ---------------------------------------------------------------------


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    regulation: Listed = [],  # noqa: B006
    kind: str | None = None,
    level: str | None = None,
    tag: Listed = [],  # noqa: B006
    as_of: str | None = None,
) -> HTMLResponse:
    library = _law(request).library()
    kind, level, as_of = _blank(kind), _blank(level), _blank(as_of)
    refs = [r for r in regulation if r.strip()] or ["ordos", "hohhot", "xinjiang"]
    tags = [t for t in tag if t.strip()]
    answer = refused = None
    if kind is not None:
        answer, refused = _asking(
            lambda: compare(refs, kind, level, tags, _day(as_of), library=library)
        )
    return render(
        request,
        "compare.html",
        422 if refused else 200,
        page="compare",
        chosen=refs,
        kind=kind,
        level=level,
        chosen_tags=tags,
        as_of=as_of,
        answer=answer.to_json() if answer is not None else None,
        problems=refused.problems if refused else (),
        cli=present.cli_command(
            [
                "regulations",
                "compare",
                *refs,
                *present.options([("--kind", kind or "KIND"), ("--level", level)]),
                *[part for t in tags for part in ("--tag", t)],
                *present.options([("--as-of", as_of)]),
            ]
        ),
        curl=present.curl_get(
            _base(request),
            "/v1/compare",
            {
                "regulations": ",".join(refs),
                "kind": kind or "KIND",
                "level": level,
                "tags": tags,
                "as_of": as_of,
            },
        ),
    )


def _amended(library: Library) -> list[tuple[str, Any, list[dict[str, Any]]]]:
    """Per regulation, the articles whose wording changed, with each change marked."""
    found = []
    for ref in library.refs:
        view = regulations.articles(ref, library=library)
        for article in view.articles:
            if len(article.wordings) > 1:
                wordings = [
                    (f.isoformat(), u.isoformat() if u else None, t) for f, u, t in article.wordings
                ]
                found.append((ref, article, _wording_changes(wordings)))
    return found


@router.get("/diff", response_class=HTMLResponse)
def diff_page(request: Request, a: str = "zhejiang@draft", b: str = "zhejiang") -> HTMLResponse:
    library = _law(request).library()
    answer, refused = _asking(lambda: diff(a, b, library=library))
    return render(
        request,
        "diff.html",
        422 if refused else 200,
        page="diff",
        a=a,
        b=b,
        versions=[
            (ref, library.regulation(ref).meta.title)
            for ref in library.accepted_refs()
            if not ref.endswith("@final")
        ],
        answer=answer.to_json() if answer is not None else None,
        amended=_amended(library),
        problems=refused.problems if refused else (),
        cli=present.cli_command(["regulations", "diff", a, b, "--format", "json"]),
        curl=present.curl_get(_base(request), "/v1/diff", {"a": a, "b": b}),
    )
