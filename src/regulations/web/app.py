"""The web app: the JSON API, the pages, the service routes and the vendored API docs,
composed once (``create_app``)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from regulations import Error, Library
from regulations.limits import MAX_FACTS_BYTES
from regulations.schema import facts_json_schema
from regulations.web import api, pages
from regulations.web.errors import Refusal, body, problem, refusal, request_problems
from regulations.web.guard import Guard
from regulations.web.law import Law

LOG = logging.getLogger("regulations.web")
STATIC = Path(str(resources.files("regulations.web") / "static"))


@dataclass(frozen=True)
class Settings:
    """How a server is started: extra rule files, the bearer token (for the API, and for the
    pages too with ``token_pages``) and the largest request body read."""

    rules: tuple[Path | str, ...] = ()
    token: str | None = None
    token_pages: bool = False
    max_body: int = MAX_FACTS_BYTES


def create_app(settings: Settings | None = None, library: Library | None = None) -> FastAPI:
    """The app. With ``library`` it answers from that one at once; else it loads the shipped
    rules (and ``settings.rules``) in the background when it starts."""
    settings = settings or Settings()
    law = Law(settings.rules, library)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        law.start()
        yield

    app = FastAPI(
        title="regulations",
        version=law.version,
        summary="Chinese local 平安建设 law as rules: which articles bind a unit, what follows "
        "from facts, why.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.law = law
    app.include_router(api.router)
    app.include_router(api.service)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _errors(app)
    _docs(app)
    app.add_middleware(
        Guard,
        law=law,
        token=settings.token,
        token_pages=settings.token_pages,
        max_body=settings.max_body,
    )
    return app


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/v1/") and "text/html" in request.headers.get(
        "accept", ""
    )


def _errors(app: FastAPI) -> None:
    """Every refusal as one JSON body (a page when a browser asks for a page)."""

    def respond(request: Request, refused: Refusal) -> Response:
        if _wants_page(request):
            return pages.error_page(request, refused)
        content = {**request.app.state.law.stamp(), **body(refused)}
        return JSONResponse(content, refused.status)

    async def on_refusal(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refusal)
        return respond(request, exc)

    async def on_invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, request_problems(exc.errors()))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = {404: "not-found", 405: "method"}.get(exc.status_code, "http")
        message = (
            f"no such path: {request.url.path}"
            if exc.status_code == 404
            else f"{request.method} {request.url.path}: {exc.detail}"
        )
        refused = Refusal(
            exc.status_code,
            [problem(code, message, request.url.path, hint="the API is listed at /docs")],
        )
        return respond(request, refused)

    async def on_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Error)
        return respond(request, refusal(exc))

    async def on_bug(request: Request, exc: Exception) -> Response:
        LOG.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        refused = Refusal(
            500,
            [
                problem(
                    "internal",
                    f"internal error: {type(exc).__name__}: {exc}",
                    hint="this is a bug in regulations; the server log has the traceback",
                )
            ],
        )
        return JSONResponse({**request.app.state.law.stamp(), **body(refused)}, 500)

    app.add_exception_handler(Refusal, on_refusal)
    app.add_exception_handler(Error, on_error)
    app.add_exception_handler(Exception, on_bug)
    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(HTTPException, on_http)


def _docs(app: FastAPI) -> None:
    """/docs from the vendored Swagger UI (no CDN), and the facts file schema in the OpenAPI
    document, generated from the fact models as `regulations schema` is."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = FastAPI.openapi(app)
            facts = _rebased(facts_json_schema())
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(facts.pop("$defs"))
            facts.pop("$schema", None)
            schemas["FactsFile"] = facts
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="regulations API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )


def _rebased(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema whose ``#/$defs/X`` references point into the OpenAPI components."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    value.replace("#/$defs/", "#/components/schemas/")
                    if key == "$ref" and isinstance(value, str)
                    else walk(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    rebased: dict[str, Any] = walk(schema)
    return rebased
