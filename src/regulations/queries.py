"""The questions people ask of the law, as functions returning immutable answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from engine import CompiledRule, suggest
from regulations import vocabulary as v
from regulations.codes import KINDS, LEVELS, MEASURES, TAGS
from regulations.codes import concepts as concept_list
from regulations.errors import Choice, InvalidValueError, UnknownCodeError
from regulations.library import Entry, Library, using
from regulations.model import Article, Regulation
from regulations.views import (
    Applicability,
    ArticleBinding,
    ArticlesView,
    ArticleText,
    EditionView,
    LeftOut,
    RetiredView,
    RuleView,
    UnitProfile,
    article_number,
    as_date,
    modalities_of,
)


def codes(values: object) -> tuple[str, ...]:
    """A sequence-of-codes argument: None is none, one string is one code (not its letters)."""
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    if isinstance(values, Iterable):
        return tuple(str(value) for value in values)
    return (str(values),)


def unit_profile(kind: str, level: str | None = None, tags: Iterable[str] = ()) -> UnitProfile:
    """Check a unit profile against the vocabulary: each code given as the code or one of
    its Chinese names (学校, 县级, 重点区域); bad codes raise typed errors, and so does a level
    the kind cannot have (a school has none; a people's government none at village level)."""
    kind = KINDS.resolve(kind)
    if level is not None:
        level = LEVELS.resolve(level)
        if v.is_person(kind):
            raise InvalidValueError(
                "level", level, f"{kind} is a person kind and has no administrative level"
            )
        possible = v.levels_of(kind)
        if level not in possible:
            raise InvalidValueError("level", level, _no_such_level(kind, possible))
    tag_list = tuple(dict.fromkeys(TAGS.resolve(tag) for tag in codes(tags)))
    if tag_list and v.is_person(kind):
        raise InvalidValueError(
            "tag", tag_list[0], f"{kind} is a person kind and carries no unit tags"
        )
    return UnitProfile(kind, level, tag_list)


def _no_such_level(kind: str, possible: tuple[str, ...]) -> str:
    if not possible:
        return (
            f"{kind} has no administrative level (kinds that have one: "
            f"{', '.join(sorted(v.DECLARED_LEVELS))} and the kinds below them)"
        )
    return f"{kind} has the levels {', '.join(possible)}"


def _sort_key(article: Article, position: int) -> tuple[int, int, int, int]:
    if article.number is not None:
        return (0, article.number, 0, position)
    return (1, article.chapter if article.chapter is not None else 10_000, 0, position)


def _ordered(regulation: Regulation) -> list[Article]:
    indexed = list(enumerate(regulation.articles))
    return [a for _, a in sorted(indexed, key=lambda pair: _sort_key(pair[1], pair[0]))]


PROFILES = 256  # the unit profiles whose binding rules one entry keeps (the most recent)


def _binding(entry: Entry) -> Callable[[str, str | None, frozenset[str]], tuple[CompiledRule, ...]]:
    """The rules binding a unit profile, kept with the entry for the last PROFILES profiles
    asked (a profile's rules are found once, not per query)."""
    return entry.cached("binding", lambda e: lru_cache(maxsize=PROFILES)(e.rules.binding))


def _views_by_article(entry: Entry) -> dict[str, tuple[RuleView, ...]]:
    return entry.cached(
        "views",
        lambda e: {
            key: tuple(RuleView.of(r) for r in rules) for key, rules in _rules_by_article(e).items()
        },
    )


def _ordered_articles(entry: Entry) -> list[Article]:
    return entry.cached("ordered", lambda e: _ordered(e.regulation))


def _rules_by_article(entry: Entry) -> dict[str, list[CompiledRule]]:
    grouped: dict[str, list[CompiledRule]] = {}
    for rule in entry.rules.rules:
        key = (
            str(rule.meta["article"])
            if rule.meta["article"] is not None
            else f"p.{rule.meta['provision']}"
        )
        grouped.setdefault(key, []).append(rule)
    return grouped


def applies(
    regulation: str,
    kind: str,
    level: str | None = None,
    tags: Sequence[str] = (),
    as_of: dt.date | None = None,
    library: Library | None = None,
    concepts: Sequence[str] = (),
    measures: Sequence[str] = (),
) -> Applicability:
    """Which articles of ``regulation`` bind a unit of this kind, level and tags (codes, or
    their Chinese names); with ``concepts`` or ``measures``, only the rules of those concepts
    and the sanctions with those measures.

    A rule binds when one of its subjects names the unit's kind or an ancestor (at the
    unit's level, where the subject names levels) or a tag the unit carries. Conditions on
    events are not evaluated here: a duty that arises on an event is listed with its
    condition. Without a level, the answer also lists the rules it left out because they
    bind the kind only at some levels (``level_restricted``, with those levels).
    """
    library = using(library)
    profile = unit_profile(kind, level, tags)
    chosen = _chosen(concepts, measures, library)
    day = as_date(as_of)
    entry = library.entry(regulation, day)
    if codes(concepts) or codes(measures):
        articles, restricted = _articles(entry, chosen, profile.kind, profile.level, profile.tags)
    else:  # every rule: what binds a profile is kept with the entry (the last PROFILES)
        articles, restricted = _every_article(entry)(profile.kind, profile.level, profile.tags)
    reg = entry.regulation
    return Applicability(
        regulation=reg.meta.id,
        version=reg.meta.version,
        title=reg.meta.title,
        as_of=day,
        in_force=reg.in_force_on(day),
        complete=reg.meta.complete,
        unit=profile,
        articles=articles,
        notes=reg.meta.notes,
        edition=edition_view(reg),
        level_restricted=restricted,
    )


def _every_article(
    entry: Entry,
) -> Callable[
    [str, str | None, tuple[str, ...]], tuple[tuple[ArticleBinding, ...], tuple[LeftOut, ...]]
]:
    """``_articles`` of every rule, kept with the entry for the last PROFILES profiles."""
    return entry.cached(
        "articles",
        lambda e: lru_cache(maxsize=PROFILES)(
            lambda kind, level, tags: _articles(e, _everything, kind, level, tags)
        ),
    )


def _everything(view: RuleView) -> bool:
    return True


def _articles(
    entry: Entry,
    chosen: Callable[[RuleView], bool],
    kind: str,
    level: str | None,
    tags: tuple[str, ...],
) -> tuple[tuple[ArticleBinding, ...], tuple[LeftOut, ...]]:
    """The articles with rules binding a unit profile (of those ``chosen``), and without a
    level, the rules left out because they bind the kind only at some levels."""
    bound = _bound(entry, kind, level, tags)
    grouped = _views_by_article(entry)
    articles = []
    restricted: list[LeftOut] = []
    at_level: dict[str, set[str]] = {}  # the rules that would bind the unit at a level not given
    if level is None:
        for lv in v.levels_of(kind):
            at_level[lv] = _bound(entry, kind, lv, tags) - bound
    for article in _ordered_articles(entry):
        views = tuple(
            view for view in grouped.get(article.key, ()) if view.id in bound and chosen(view)
        )
        if at_level:
            restricted.extend(
                LeftOut(
                    view,
                    article.number,
                    article.provision,
                    tuple(lv for lv, ids in at_level.items() if view.id in ids),
                )
                for view in grouped.get(article.key, ())
                if chosen(view) and any(view.id in ids for ids in at_level.values())
            )
        if views:
            articles.append(
                ArticleBinding(
                    article.number, article.provision, article.chapter, modalities_of(views), views
                )
            )
    return tuple(articles), tuple(restricted)


def _bound(entry: Entry, kind: str, level: str | None, tags: tuple[str, ...]) -> set[str]:
    """The ids of the rules that bind a unit of this kind, level and tags."""
    return {r.id for r in _binding(entry)(kind, level, frozenset(tags))}


def _chosen(
    concepts: Iterable[str], measures: Iterable[str], library: Library
) -> Callable[[RuleView], bool]:
    """Which rules an answer keeps: those of the concepts asked for (codes or Chinese) and
    the sanctions with the measures asked for; every rule when none is asked for."""
    wanted = {concept_list(library.concepts).resolve(c) for c in codes(concepts)}
    penalties = {MEASURES.resolve(m) for m in codes(measures)}
    if not wanted and not penalties:
        return lambda view: True
    return lambda view: view.concept in wanted or bool(penalties & set(view.measures))


def number_ranges(numbers: Sequence[int]) -> str:
    """1, 2, 3, 5, 12, 13 → "1–3, 5, 12–13"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def articles(
    regulation: str,
    article: int | None = None,
    as_of: dt.date | None = None,
    library: Library | None = None,
    provision: str | None = None,
) -> ArticlesView:
    """The encoded text of a regulation: every article (or the article or provision asked
    for) with its rules."""
    library = using(library)
    day = as_date(as_of)
    entry = library.entry(regulation, day)
    reg = entry.regulation
    chosen = _ordered(reg)
    if article is not None:
        article = article_number(article)
    if provision is not None and not isinstance(provision, str):
        raise InvalidValueError(
            "provision", str(provision), "give a provision id such as culture_week"
        )
    if article is not None and provision is not None:  # a provision has no article number
        raise InvalidValueError(
            "articles", f"{article}, {provision}", "name an article or a provision, not both"
        )
    if article is not None:
        chosen = [a for a in chosen if a.number == article]
        if not chosen:
            numbers = sorted(a.number for a in reg.articles if a.number is not None)
            raise UnknownCodeError(
                f"article of {entry.regulation.ref}",
                str(article),
                Choice(
                    pointer=f"articles {number_ranges(numbers) or 'none'} are encoded; "
                    f"`regulations articles {entry.regulation.ref}` lists them"
                ),
            )
    retired = None
    if provision is not None:
        slugs = [a.provision for a in reg.articles if a.provision is not None]
        chosen = [a for a in chosen if a.provision == provision]
        gone = reg.meta.retired_provision(provision)
        if not chosen and gone is not None:  # a public id kept: the articles it now is
            retired = RetiredView(
                gone.provision,
                gone.articles,
                tuple(f"{reg.ref}.p.{gone.provision}.{n}" for n in range(1, len(gone.rules) + 1)),
                tuple(f"{reg.ref}.{r}" for r in gone.rules),
                gone.note,
            )
            chosen = [a for a in _ordered(reg) if a.number in gone.articles]
        slugs += [r.provision for r in reg.meta.retired]
        if not chosen:
            raise UnknownCodeError(
                f"provision of {entry.regulation.ref}",
                provision,
                Choice(tuple(slugs)) if slugs else Choice(pointer="this regulation has none"),
                suggest(provision, slugs),
            )
    grouped = _rules_by_article(entry)
    texts = tuple(
        ArticleText(
            article=a.number,
            provision=a.provision,
            chapter=a.chapter,
            text=a.text_on(reg.text_day(day)),
            text_source=a.text_source,
            rules=tuple(RuleView.of(r) for r in grouped.get(a.key, ())),
            wordings=tuple((w.valid_from, w.valid_until, w.text) for w in a.wordings),
            source_defect=a.source_defect,
            notes=a.notes,
        )
        for a in chosen
    )
    return ArticlesView(
        reg.meta.id,
        reg.meta.version,
        reg.meta.title,
        day,
        reg.in_force_on(day),
        reg.meta.complete,
        texts,
        reg.meta.notes,
        edition_view(reg),
        retired,
    )


def edition_view(regulation: Regulation) -> EditionView | None:
    """The edition a regulation's text is, for an answer (None for an unamended law)."""
    edition = regulation.edition
    if edition is None:
        return None
    return EditionView(edition.name, regulation.label, edition.valid_from, edition.valid_until)
