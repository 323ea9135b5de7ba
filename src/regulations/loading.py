"""Rule files → Regulation models and the rule sources to compile, every problem located.

A rule file holds one regulation (``regulation:`` and ``articles:``) or several versions of
one law (``versions:``, a list of such documents).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from engine import Diagnostic, Origin, RuleSource, Span, key_path, shown
from regulations.errors import LoadError
from regulations.model import Article, Edition, Regulation, RegulationMeta
from regulations.yamlsource import Located, read_yaml, span_of, text_origin

REGISTRY_PREFIXES = ("concepts", "params")


def is_registry(path: Path) -> bool:
    """Whether a YAML file in a rules folder is a registry rather than a regulation."""
    return path.name.split(".")[0] in REGISTRY_PREFIXES


def _locate(
    path: Path,
    lines: list[str],
    data: Any,
    loc: tuple[Any, ...],
    context: str,
    prefix: tuple[Any, ...] = (),
    article: str = "",
    at_key: bool = False,
) -> Span:
    """The span of the deepest part of ``data`` the pydantic error location reaches (of
    the key itself with ``at_key``)."""
    node, key = data, None
    parent = data
    reached: tuple[Any, ...] = prefix
    for part in loc:
        if isinstance(node, Located) and str(part) in node:
            if key is not None:
                reached = (*reached, key)
            parent, key, node = node, str(part), node[str(part)]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            reached = (*reached, *((key,) if key is not None else ()), part)
            parent, key, node = node[part], None, node[part]
        else:
            break
    return span_of(path, lines, parent, key, context, at_key, at=reached, article=article)


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, ...]:
    """The keys a mapping at ``loc`` inside ``model`` may have (the YAML spelling)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        found = next(
            (f for name, f in fields.items() if part in (name, f.alias)),
            None,
        )
        if found is None:
            break
        inner = [
            arg
            for arg in (found.annotation, *get_args(found.annotation))
            if isinstance(arg, type) and issubclass(arg, BaseModel)
        ]
        if not inner:
            break
        current = inner[0]
    fields = getattr(current, "model_fields", {})
    return tuple(f.alias or name for name, f in fields.items())


def _validation_problems(
    exc: ValidationError,
    model: type[BaseModel],
    path: Path,
    lines: list[str],
    data: Any,
    prefix: tuple[Any, ...],
    context: str,
    article: str = "",
) -> list[Diagnostic]:
    problems = []
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if part != "__root__")
        field = key_path((*prefix, *loc)) or "(document)"
        message = error["msg"].removeprefix("Value error, ")
        expected: tuple[str, ...] = ()
        if error["type"] in ("extra_forbidden", "missing") and loc:
            expected = _allowed_keys(model, loc[:-1])
            allowed = f"; allowed: {', '.join(expected)}" if expected else ""
            what = "unexpected" if error["type"] == "extra_forbidden" else "missing"
            message = f"{what} property {loc[-1]!r}{allowed}"
        value = error.get("input")
        problems.append(
            Diagnostic(
                "schema",
                f"{field}: {message}",
                _locate(
                    path,
                    lines,
                    data,
                    loc,
                    context,
                    prefix,
                    article,
                    at_key=error["type"] == "extra_forbidden",
                ),
                value=shown(value if isinstance(value, str) else repr(value), 80)
                if error["type"] != "missing"
                else "",
                expected=expected,
            )
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
        if extra or not isinstance(data["versions"], list) or not data["versions"]:
            raise LoadError.at(
                span_of(path, lines, data, "versions"),
                "'versions' must be the only top-level key and hold a list of documents "
                "(one per version: regulation and articles)",
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


@dataclass(frozen=True)
class Document:
    """One regulation as a rule file gives it: the regulation, its rule sources (not yet
    compiled), and where its header's id is written. An amended law gives one document per
    edition, each with ``edition`` set."""

    regulation: Regulation
    sources: list[RuleSource]
    where: Span


@dataclass(frozen=True)
class _Placed:
    """A validated article with the YAML it was read from (to locate its rule text)."""

    article: Article
    item: Located
    where: tuple[Any, ...]
    context: str


def load_file(
    path: Path, problems: list[Diagnostic] | None = None, content: bytes | None = None
) -> list[Document]:
    """Read one rule file into regulations and their rule sources (not yet compiled), from
    its bytes ``content`` when the caller has read them. With ``problems`` given, what is
    wrong is added there and the rest is returned (so that one run reports every problem);
    else the problems are raised as one LoadError."""
    data, lines = read_yaml(path, content)
    out: list[Document] = []
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
                exc, RegulationMeta, path, lines, doc["regulation"], (*prefix, "regulation"), ""
            )
            meta = _stand_in(doc["regulation"])  # to check the articles all the same
        ref = meta.id if meta.version == "final" else f"{meta.id}@{meta.version}"
        placed = _articles(path, lines, doc, prefix, meta, ref, problems)
        problems.extend(_wording_dates(path, lines, placed, meta, ref))
        where = span_of(path, lines, doc["regulation"], "id", at=(*prefix, "regulation"))
        editions = meta.editions()
        if not editions:
            articles = tuple(p.article for p in placed)
            found = [_source(path, lines, p, ref, meta.in_force) for p in placed]
            regulation = Regulation(meta=meta, articles=articles, file=str(path))
            out.append(Document(regulation, [s for s in found if s is not None], where))
            continue
        for index, edition in enumerate(editions):
            articles_in: list[Article] = []
            sources: list[RuleSource] = []
            for p in placed:
                if not p.article.in_edition(edition):
                    continue
                articles_in.append(p.article)
                since = _rules_since(p.article, editions[: index + 1])
                source = _source(path, lines, p, ref, since, edition)
                if source is not None:
                    sources.append(source)
            regulation = Regulation(
                meta=meta, articles=tuple(articles_in), file=str(path), edition=edition
            )
            out.append(Document(regulation, sources, where))
    if problems and not collect:
        raise LoadError(problems)
    return out


def _rules_since(article: Article, editions: tuple[Edition, ...]) -> dt.date:
    """The day an article's rules in the last of ``editions`` took effect: the first day of
    the earliest edition from which they read the same (the anchor of a recurring duty)."""
    current = article.rules_in(editions[-1])
    start = editions[-1].valid_from
    for edition in reversed(editions[:-1]):
        if not article.in_edition(edition) or article.rules_in(edition) != current:
            break
        start = edition.valid_from
    return start


def _source(
    path: Path,
    lines: list[str],
    placed: _Placed,
    ref: str,
    since: dt.date | None,
    edition: Edition | None = None,
) -> RuleSource | None:
    """The rule text of an article (as it reads in ``edition``, where given) to compile,
    located where the file writes it: the article's ``rules``, or its wording's."""
    article = placed.article
    text = article.rules_in(edition)
    if not text.strip():
        return None
    item, at = placed.item, placed.where
    index = article.wording_on(edition.valid_from) if edition is not None else -1
    raw = item.get("wordings")
    if index >= 0 and article.wordings[index].rules is not None and isinstance(raw, list):
        item, at = raw[index], (*placed.where, "wordings", index)
    meta: dict[str, Any] = {
        "regulation": ref,
        "article": article.number,
        "provision": article.provision,
        "chapter": article.chapter,
        "in_force": since,
    }
    if edition is not None:
        meta["edition"] = edition.name
    origin = text_origin(path, lines, item, "rules", placed.context, at, article.key)
    if not isinstance(origin, Origin):
        return None  # a style whose positions cannot be placed: reported by _articles
    return RuleSource(prefix=f"{ref}.{article.key}", text=text, origin=origin, meta=meta)


def _wording_dates(
    path: Path, lines: list[str], placed: list[_Placed], meta: RegulationMeta, ref: str
) -> list[Diagnostic]:
    """An article's wordings change only when the law's text does: each begins on the day
    the law took effect or on an amendment date, and ends the day before one."""
    problems: list[Diagnostic] = []
    starts = {d for d in (meta.in_force, *meta.amended) if d is not None}
    ends = {d - dt.timedelta(days=1) for d in meta.amended}
    for p in placed:
        if not p.article.wordings:
            continue
        span = span_of(
            path, lines, p.item, "wordings", p.context, at=p.where, article=p.article.key
        )
        if not meta.amended:
            problems.append(
                Diagnostic(
                    "schema",
                    f"{p.context} has several wordings, but the regulation lists no amendment",
                    span,
                    hint="list the days the amendments took effect in regulation.amended, "
                    "or give the article one 'text'",
                )
            )
            continue
        raw = p.item.get("wordings")
        for index, wording in enumerate(p.article.wordings):
            bad = (
                (wording.valid_from, "from", "begins", sorted(starts))
                if wording.valid_from not in starts
                else (wording.valid_until, "until", "ends", sorted(ends))
                if wording.valid_until is not None and wording.valid_until not in ends
                else None
            )
            if bad is not None:
                day, key, verb, valid = bad
                at = (*p.where, "wordings", index)
                located = raw[index] if isinstance(raw, list) else None
                problems.append(
                    Diagnostic(
                        "schema",
                        f"{p.context}: a wording {verb} on {day}, when the law's text did not "
                        "change (a wording begins on the day the law or an amendment took "
                        "effect and ends the day before an amendment)",
                        span_of(path, lines, located, key, p.context, at=at, article=p.article.key)
                        if isinstance(located, Located)
                        else span,
                        value=str(day),
                        expected=tuple(str(d) for d in valid),
                    )
                )
    return problems


def _stand_in(raw: Any) -> RegulationMeta:
    """A regulation header that did not validate, taken as far as it goes, so that its
    articles and rules are checked too (the file is in error either way)."""
    header = raw if isinstance(raw, dict) else {}
    ident, version = header.get("id"), header.get("version")
    complete = header.get("complete")
    return RegulationMeta.model_construct(
        id=ident if isinstance(ident, str) else "?",
        version=version if version in ("final", "draft") else "final",
        title="",
        territory="",
        level="prefecture",
        in_force=None,
        complete=complete if isinstance(complete, bool) else True,
        chapters=(),
    )


def _kind(value: Any) -> str:
    """What a YAML value is, as a reader would say it."""
    if value is None or value == [] or value == {}:
        return "nothing" if value is None else f"an empty {'list' if value == [] else 'mapping'}"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    if isinstance(value, str):
        return f"the text {shown(value)!r}"
    return f"the {'value' if isinstance(value, bool) else type(value).__name__} {value}"


def _articles(
    path: Path,
    lines: list[str],
    doc: Located,
    prefix: tuple[Any, ...],
    meta: RegulationMeta,
    ref: str,
    problems: list[Diagnostic],
) -> list[_Placed]:
    raw = doc.get("articles")
    if not isinstance(raw, list) or not raw:
        missing = "articles" not in doc
        problems.append(
            Diagnostic(
                "schema",
                "missing property 'articles'"
                if missing
                else f"'articles' must be a list of the regulation's articles, not {_kind(raw)}",
                span_of(path, lines, doc, None if missing else "articles", at=prefix),
                hint="encode at least one article: article, text, rules",
            )
        )
        return []
    placed: list[_Placed] = []
    seen: set[str] = set()
    numbered: list[tuple[Article, Span]] = []
    chapters = {c.number for c in meta.chapters}
    for index, item in enumerate(raw):
        where = (*prefix, "articles", index)
        context = (
            f"{ref} article {item.get('article', item.get('provision', index))}"
            if isinstance(item, Located)
            else ref
        )
        label = (
            str(item.get("article", item.get("provision", ""))) if isinstance(item, Located) else ""
        )
        if not isinstance(item, Located):
            problems.append(
                Diagnostic(
                    "schema",
                    f"{key_path(where)} must be a mapping (article, text, rules), "
                    f"not {_kind(item)}",
                    span_of(path, lines, doc, "articles", at=prefix),
                    value=shown(str(item), 80),
                )
            )
            continue
        try:
            article = Article.model_validate(item)
        except ValidationError as exc:
            problems += _validation_problems(exc, Article, path, lines, item, where, context, label)
            continue
        assert isinstance(item, Located)
        if article.key in seen:
            problems.append(
                Diagnostic(
                    "duplicate",
                    f"{context} appears twice (its rule ids {ref}.{article.key}.* would clash)",
                    span_of(path, lines, item, None, context, at=where, article=article.key),
                    hint="give each article once; an amended article lists its 'wordings'",
                )
            )
            continue
        seen.add(article.key)
        if chapters and article.chapter is not None and article.chapter not in chapters:
            problems.append(
                Diagnostic(
                    "schema",
                    f"chapter {article.chapter} is not among the "
                    f"regulation's chapters {sorted(chapters)}",
                    span_of(path, lines, item, "chapter", context, at=where, article=article.key),
                    value=str(article.chapter),
                    expected=tuple(str(c) for c in sorted(chapters)),
                )
            )
        for holder, at in _rule_texts(item, where):  # text whose positions cannot be placed
            origin = text_origin(path, lines, holder, "rules", context, at, article.key)
            if not isinstance(origin, Origin):
                problems.append(origin)
        numbered.append(
            (
                article,
                span_of(path, lines, item, "article", context, at=where, article=article.key),
            )
        )
        placed.append(_Placed(article, item, where, context))
    problems.extend(_numbering(numbered, meta, ref))
    return placed


def _rule_texts(item: Located, where: tuple[Any, ...]) -> list[tuple[Located, tuple[Any, ...]]]:
    """The mappings of an article that hold rule text (``rules``): the article's own and
    each of its wordings', with their key paths."""
    wordings = item.get("wordings")
    found = [(item, where)] if "rules" in item else []
    if isinstance(wordings, list):
        found += [
            (wording, (*where, "wordings", index))
            for index, wording in enumerate(wordings)
            if isinstance(wording, Located) and "rules" in wording
        ]
    return found


def _numbering(
    articles: list[tuple[Article, Span]], meta: RegulationMeta, ref: str
) -> list[Diagnostic]:
    """Articles come in number order, and a complete law skips none (1, 2, … N): an article
    before a smaller number, and each run of missing numbers, is a problem."""
    problems: list[Diagnostic] = []
    highest = 0
    for article, span in articles:
        if article.number is None:
            continue
        if article.number < highest:
            problems.append(
                Diagnostic(
                    "order",
                    f"article {article.number} comes after article {highest}; "
                    "articles are listed in number order",
                    span,
                    value=str(article.number),
                    hint=f"move it before article {highest}",
                )
            )
        highest = max(highest, article.number)
    if not meta.complete:
        return problems
    previous = 0
    for article, span in sorted(
        ((a, s) for a, s in articles if a.number is not None), key=lambda pair: pair[0].number or 0
    ):
        number = article.number or 0
        first, previous = previous + 1, max(previous, number)
        if first < number:
            missing = (
                f"article {first}" if first == number - 1 else f"articles {first}–{number - 1}"
            )
            problems.append(
                Diagnostic(
                    "missing-article",
                    f"{missing} of {ref} missing (before article {number})",
                    span,
                    # the numbers themselves while they are few (a typo can open a huge gap)
                    expected=tuple(str(n) for n in range(first, min(number, first + 100))),
                    hint="encode every article of a complete law (one without rules has "
                    'rules: ""), or mark the regulation complete: false',
                )
            )
    return problems
