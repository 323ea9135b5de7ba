"""Rule files → Regulation models and the rule sources to compile, every problem located.

A rule file holds one regulation (``regulation:`` and ``articles:``) or several versions of
one law (``versions:``, a list of such documents).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.compile import RuleSource
from engine.errors import Diagnostic
from engine.span import Span
from regulations.errors import LoadError
from regulations.model import Article, Regulation, RegulationMeta
from regulations.yamlsource import Located, origin_of, read_yaml, span_of

REGISTRY_PREFIXES = ("concepts", "params")


def is_registry(path: Path) -> bool:
    """Whether a YAML file in a rules folder is a registry rather than a regulation."""
    return path.name.split(".")[0] in REGISTRY_PREFIXES


def _locate(path: Path, lines: list[str], data: Any, loc: tuple[Any, ...], context: str) -> Span:
    """The span of the deepest part of ``data`` the pydantic error location reaches."""
    node, key = data, None
    parent = data
    for part in loc:
        if isinstance(node, Located) and str(part) in node:
            parent, key, node = node, str(part), node[str(part)]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            parent, key, node = node[part], None, node[part]
        else:
            break
    return span_of(path, lines, parent, key, context)


def _validation_problems(
    exc: ValidationError,
    path: Path,
    lines: list[str],
    data: Any,
    prefix: tuple[Any, ...],
    context: str,
) -> list[Diagnostic]:
    problems = []
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if part != "__root__")
        field = ".".join(str(p) for p in prefix + loc) or "(document)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = f"unexpected property {loc[-1]!r}"
        problems.append(
            Diagnostic("schema", f"{field}: {message}", _locate(path, lines, data, loc, context))
        )
    return problems


_ALIASES = {"article": "article", "from": "from", "until": "until"}


def _documents(path: Path, data: Any, lines: list[str]) -> list[tuple[Located, tuple[Any, ...]]]:
    if not isinstance(data, Located):
        raise LoadError.at(
            span_of(path, lines, data, None),
            "a rule file is a mapping with 'regulation' and 'articles' (or 'versions')",
        )
    if "versions" in data:
        extra = sorted(set(data) - {"versions"})
        if extra or not isinstance(data["versions"], list):
            raise LoadError.at(
                span_of(path, lines, data, "versions"),
                "'versions' must be the only top-level key and hold a list of documents",
                hint=f"unexpected: {', '.join(extra)}" if extra else "",
            )
        docs = []
        for index, doc in enumerate(data["versions"]):
            if not isinstance(doc, Located):
                raise LoadError.at(
                    span_of(path, lines, data, "versions"),
                    f"versions[{index}] must be a mapping with 'regulation' and 'articles'",
                )
            docs.append((doc, ("versions", index)))
        return docs
    return [(data, ())]


def load_file(
    path: Path, problems: list[Diagnostic] | None = None
) -> list[tuple[Regulation, list[RuleSource]]]:
    """Read one rule file into regulations and their rule sources (not yet compiled). With
    ``problems`` given, what is wrong is added there and the rest is returned (so that one
    run reports every problem); else the problems are raised as one LoadError."""
    data, lines = read_yaml(path)
    out: list[tuple[Regulation, list[RuleSource]]] = []
    collect = problems is not None
    problems = problems if problems is not None else []
    for doc, prefix in _documents(path, data, lines):
        extra = sorted(set(doc) - {"regulation", "articles"})
        if extra or "regulation" not in doc:
            problems.append(
                Diagnostic(
                    "schema",
                    f"a regulation document has 'regulation' and 'articles'"
                    f"{'; unexpected: ' + ', '.join(extra) if extra else ''}",
                    span_of(path, lines, doc, None),
                )
            )
            continue
        try:
            meta = RegulationMeta.model_validate(doc["regulation"])
        except ValidationError as exc:
            problems += _validation_problems(
                exc, path, lines, doc["regulation"], (*prefix, "regulation"), ""
            )
            continue
        ref = meta.id if meta.version == "final" else f"{meta.id}@{meta.version}"
        articles, sources = _articles(path, lines, doc, prefix, meta, ref, problems)
        out.append((Regulation(meta=meta, articles=tuple(articles), file=str(path)), sources))
    if problems and not collect:
        raise LoadError(problems)
    return out


def _articles(
    path: Path,
    lines: list[str],
    doc: Located,
    prefix: tuple[Any, ...],
    meta: RegulationMeta,
    ref: str,
    problems: list[Diagnostic],
) -> tuple[list[Article], list[RuleSource]]:
    raw = doc.get("articles") or []
    if not isinstance(raw, list):
        problems.append(
            Diagnostic("schema", "'articles' must be a list", span_of(path, lines, doc, "articles"))
        )
        return [], []
    articles: list[Article] = []
    sources: list[RuleSource] = []
    seen: set[str] = set()
    chapters = {c.number for c in meta.chapters}
    for index, item in enumerate(raw):
        where = (*prefix, "articles", index)
        context = (
            f"{ref} article {item.get('article', item.get('provision', index))}"
            if isinstance(item, Located)
            else ref
        )
        try:
            article = Article.model_validate(item)
        except ValidationError as exc:
            problems += _validation_problems(exc, path, lines, item, where, context)
            continue
        assert isinstance(item, Located)
        if article.key in seen:
            problems.append(
                Diagnostic(
                    "duplicate", f"{context} appears twice", span_of(path, lines, item, None)
                )
            )
            continue
        seen.add(article.key)
        if chapters and article.chapter is not None and article.chapter not in chapters:
            problems.append(
                Diagnostic(
                    "schema",
                    f"{context}: chapter {article.chapter} is not among the "
                    f"regulation's chapters {sorted(chapters)}",
                    span_of(path, lines, item, "chapter"),
                )
            )
        articles.append(article)
        if article.rules.strip():
            sources.append(
                RuleSource(
                    prefix=f"{ref}.{article.key}",
                    text=article.rules,
                    origin=origin_of(path, lines, item, "rules", context),
                    meta={
                        "regulation": ref,
                        "article": article.number,
                        "provision": article.provision,
                        "chapter": article.chapter,
                        "in_force": meta.in_force,
                    },
                )
            )
    return articles, sources
