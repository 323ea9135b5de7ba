"""The JSON API under ``/v1``: each route calls the library and answers its ``to_json()``
under the stamp (decision id, ruleset, as_of, package version), exactly as the command
line's ``--format json`` prints it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

import regulations
from regulations import Error, Library
from regulations.compare import compare, diff
from regulations.fieldtypes import Day
from regulations.web.errors import body, refusal, resource
from regulations.web.law import UNAVAILABLE, Law
from regulations.web.models import (
    ApplicableRequest,
    BatchRequest,
    EvaluateRequest,
    ExplainRequest,
    day_of,
)

FACTS_NAME = "facts"  # how the facts document of a request is named in problems


def law_of(request: Request) -> Law:
    law: Law = request.app.state.law
    return law


def library_of(request: Request) -> Library:
    return law_of(request).library()


LawDep = Annotated[Law, Depends(law_of)]
LibraryDep = Annotated[Library, Depends(library_of)]
DayQuery = Annotated[Day | None, Query(description="YYYY-MM-DD; today when left out")]

ANSWER = {
    "description": "the stamp (decision_id, ruleset, as_of, package_version) and `answer`, "
    "the command's JSON document (spec/cli.md)",
}
ERROR = {"description": "a JSON error: `error` (code, message, place, expected, suggestions)"}
REFUSALS: dict[int | str, dict[str, Any]] = {code: ERROR for code in (400, 401, 404, 413, 422, 503)}

router = APIRouter(prefix="/v1", responses=REFUSALS, tags=["answers"])
service = APIRouter(tags=["service"])


def answered(law: Law, day: dt.date, answer: dict[str, Any]) -> JSONResponse:
    return JSONResponse({**law.stamp(day), "answer": answer})


@router.get("/regulations", responses={200: ANSWER})
def list_regulations(law: LawDep, library: LibraryDep, as_of: DayQuery = None) -> JSONResponse:
    """Every loaded regulation: its metadata, and whether it is in force on ``as_of``."""
    day = day_of(as_of)
    answer = [
        {
            "ref": ref,
            "in_force": library.regulation(ref).in_force_on(day),
            "meta": library.regulation(ref).meta.model_dump(mode="json"),
        }
        for ref in library.refs
    ]
    return answered(law, day, {"regulations": answer})


@router.get("/regulations/{regulation}/articles", responses={200: ANSWER})
def list_articles(
    regulation: str,
    law: LawDep,
    library: LibraryDep,
    as_of: DayQuery = None,
    provision: str | None = None,
) -> JSONResponse:
    """Every article of a regulation (or one provision): its text as the source gives it,
    in the wording in force on ``as_of``, with its rules (`regulations articles`)."""
    day = day_of(as_of)
    with resource():
        view = regulations.articles(regulation, as_of=day, library=library, provision=provision)
    return answered(law, day, view.to_json())


@router.get("/regulations/{regulation}/articles/{article}", responses={200: ANSWER})
def one_article(
    regulation: str, article: str, law: LawDep, library: LibraryDep, as_of: DayQuery = None
) -> JSONResponse:
    """One article by number (`regulations articles --article N`)."""
    day = day_of(as_of)
    with resource():
        view = regulations.articles(
            regulation,
            article=article,  # type: ignore[arg-type]  # digits, checked by the library
            as_of=day,
            library=library,
        )
    return answered(law, day, view.to_json())


def applicable(request: ApplicableRequest, library: Library) -> tuple[dt.date, dict[str, Any]]:
    day = day_of(request.as_of)
    answer = regulations.applies(
        request.regulation,
        kind=request.kind,
        level=request.level,
        tags=request.tags,
        as_of=day,
        library=library,
    )
    return day, answer.to_json()


@router.post("/applicable", responses={200: ANSWER})
def post_applicable(request: ApplicableRequest, law: LawDep, library: LibraryDep) -> JSONResponse:
    """Which articles bind a unit of this kind, level and tags (`regulations applies`)."""
    return answered(law, *applicable(request, library))


def evaluation(request: EvaluateRequest, library: Library) -> tuple[dt.date, dict[str, Any]]:
    day = day_of(request.as_of)
    facts = regulations.read_facts(request.facts, library.concepts, name=FACTS_NAME)
    report = regulations.evaluate(
        facts,
        regulation=request.regulation,
        as_of=day,
        params=request.params,
        calendar=request.calendar,
        units=request.units,
        library=library,
    )
    return day, report.to_json()


@router.post("/evaluate", responses={200: ANSWER})
def post_evaluate(request: EvaluateRequest, law: LawDep, library: LibraryDep) -> JSONResponse:
    """What follows from the facts: obligations with due dates and status, sanctions, and
    what the facts cannot decide (`regulations evaluate`)."""
    return answered(law, *evaluation(request, library))


@router.post("/explain", responses={200: ANSWER})
def post_explain(request: ExplainRequest, law: LawDep, library: LibraryDep) -> JSONResponse:
    """The why-tree of a rule's conclusions for a unit, or why it did not follow
    (`regulations explain`)."""
    day = day_of(request.as_of)
    facts = regulations.read_facts(request.facts, library.concepts, name=FACTS_NAME)
    answer = regulations.explain(
        facts,
        request.unit,
        rule=request.rule,
        article=request.article,
        regulation=request.regulation,
        as_of=day,
        params=request.params,
        calendar=request.calendar,
        library=library,
    )
    return answered(law, day, answer.to_json())


def _listed(values: list[str]) -> list[str]:
    """Repeated query values, each of which may also list several, comma-separated."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@router.get("/compare", responses={200: ANSWER})
def get_compare(
    law: LawDep,
    library: LibraryDep,
    regulations_: Annotated[list[str], Query(alias="regulations")],
    kind: str,
    level: str | None = None,
    tags: Annotated[list[str] | None, Query()] = None,
    as_of: DayQuery = None,
) -> JSONResponse:
    """Several regulations side by side for one unit profile (`regulations compare`):
    ``?regulations=ordos,hohhot&kind=school``."""
    day = day_of(as_of)
    answer = compare(_listed(regulations_), kind, level, _listed(tags or []), day, library=library)
    return answered(law, day, answer.to_json())


@router.get("/diff", responses={200: ANSWER})
def get_diff(a: str, b: str, law: LawDep, library: LibraryDep) -> JSONResponse:
    """Two regulations or versions, concept by concept and article by article
    (`regulations diff`)."""
    answer = diff(a, b, library=library)
    return answered(law, dt.date.today(), answer.to_json())


@router.post("/batch", responses={200: ANSWER})
def post_batch(request: BatchRequest, law: LawDep, library: LibraryDep) -> JSONResponse:
    """Many applicable and evaluate requests in one call; each item has its own decision id,
    and its answer or its error (``status``), as the single calls give them."""
    items = []
    for item in request.items:
        try:
            day, answer = (
                applicable(item, library) if item.op == "applicable" else evaluation(item, library)
            )
            items.append({**law.stamp(day), "status": 200, "answer": answer})
        except Error as exc:  # this item is refused; the others are answered
            items.append({**law.stamp(day_of(item.as_of)), **body(refusal(exc))})
    return JSONResponse({**law.stamp(), "items": items})


@service.get("/healthz")
def healthz() -> dict[str, str]:
    """The server answers (whether or not the law is loaded yet)."""
    return {"status": "ok"}


@service.get("/readyz", responses={503: ERROR})
def readyz(request: Request) -> JSONResponse:
    """200 once every regulation is loaded and compiled, 503 before."""
    law = law_of(request)
    if law.ready:
        return JSONResponse({"status": "ready", "ruleset": law.digest})
    return JSONResponse({"status": "loading"}, UNAVAILABLE)


@service.get("/version", responses={503: ERROR})
def version(law: LawDep, library: LibraryDep) -> JSONResponse:
    """The package version, the ruleset digest and each regulation's versions and dates."""
    found = {}
    for ref in library.refs:
        meta = library.regulation(ref).meta
        found[ref] = {
            "version": meta.version,
            "title": meta.title,
            "adopted": meta.adopted.isoformat() if meta.adopted else None,
            "in_force": meta.in_force.isoformat() if meta.in_force else None,
            "amended": [day.isoformat() for day in meta.amended],
        }
    return JSONResponse(
        {"package_version": law.version, "ruleset": library.digest, "regulations": found}
    )
