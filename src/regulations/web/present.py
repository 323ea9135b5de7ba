"""How the pages show answers to a person: Chinese names for the vocabulary's codes, article
citations as links, and the command line and curl call that give the same answer."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from markupsafe import Markup, escape

from regulations import Library
from regulations import vocabulary as v

EXTRA_NAMES = {"sanction": "法律责任", "obligation": "义务", "permission": "权利"}
LEVEL_NAMES = {  # a level as a person says it of a body (县级人民政府), not its list of terms
    "province": "省级",
    "prefecture": "设区的市级",
    "county": "县级",
    "township": "乡镇级",
    "village": "村级",
}
CITATION = re.compile(r"(?P<ref>[a-z][a-z0-9_]*(?:@[a-z0-9_]+)?) 第(?P<number>[0-9]+)条")
CHINESE_ARTICLE = re.compile("第([零〇一二两三四五六七八九十百]+)条")
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}


def first_term(terms: str) -> str:
    """The name a code is shown by: the first of the vocabulary's terms, without a note in
    brackets (``人民政府, 各级人民政府, …`` → ``人民政府``)."""
    first = terms.split(", ")[0]
    return re.sub(r"\s*\([^)]*\)\s*$", "", first).strip() or terms


@cache
def _names() -> dict[str, str]:
    tables: list[Sequence[Any]] = [
        v.LEVELS,
        v.TAGS,
        v.INCIDENT_KINDS,
        v.SEVERITIES,
        v.MODALITIES,
        v.MEASURES,
        v.KINDS,
    ]
    found = {term.code: first_term(term.zh) for table in tables for term in table}
    return {**found, **LEVEL_NAMES, **EXTRA_NAMES}


def name_of(code: str | None, library: Library | None = None) -> str:
    """The Chinese name of a vocabulary code or a concept; the code itself when it has none."""
    if code is None:
        return ""
    found = _names().get(code)
    if found is None and library is not None and code in library.concepts:
        found = library.concepts[code].zh
    return found or code


def named(code: str | None, library: Library | None = None) -> Markup:
    """``学校 <code>school</code>``: Chinese first, the code as a label."""
    if not code:
        return Markup("")
    name = name_of(code, library)
    if name == code:
        return Markup("<code>{}</code>").format(code)
    return Markup('{} <code class="label">{}</code>').format(name, code)


SUBJECT_WORD = re.compile(r"[a-z][a-z0-9_]*")


def subject_text(subject: str) -> str:
    """A rule's subject in Chinese: ``people_government(county, township)`` →
    ``人民政府(县、乡)``; ``tag key_site`` → ``重点区域、重要场所``."""
    text = subject.removeprefix("tag ")
    return SUBJECT_WORD.sub(lambda m: name_of(m.group()), text)


def open_term(need: str) -> str:
    """The open term an undetermined item needs: ``not short_of_veto`` → ``short_of_veto``."""
    words = [w for w in SUBJECT_WORD.findall(need) if w not in ("not", "and", "or")]
    return words[0] if words else need


def chinese_number(text: str) -> int:
    """十九 → 19, 一百零二 → 102, 五十 → 50."""
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = DIGITS[char]
    return total + current


def cited_articles(text: str) -> tuple[int, ...]:
    """The article numbers a text names (第五十二条 → 52), in order, each once."""
    return tuple(dict.fromkeys(chinese_number(m.group(1)) for m in CHINESE_ARTICLE.finditer(text)))


def linked_citations(text: str, base: str) -> Markup:
    """Text with each ``ordos 第19条`` (as explanations cite) made a link to the article page."""
    out = Markup("")
    last = 0
    for match in CITATION.finditer(text):
        out += escape(text[last : match.start()])
        href = f"{base}/articles/{match['ref']}/{match['number']}"
        out += Markup('<a href="{}">{}</a>').format(href, match.group())
        last = match.end()
    return out + escape(text[last:])


def cli_command(words: Sequence[str | None]) -> str:
    """A shell command line; None words are left out."""
    return " ".join(shlex.quote(w) for w in words if w is not None)


def options(pairs: Sequence[tuple[str, str | None]]) -> list[str | None]:
    """``[("--kind", "school"), ("--level", None)]`` → ``["--kind", "school"]``."""
    return [part for name, value in pairs if value for part in (name, value)]


def curl_get(base: str, path: str, query: Mapping[str, str | Sequence[str] | None]) -> str:
    from urllib.parse import urlencode

    pairs = [
        (key, item)
        for key, value in query.items()
        if value
        for item in ([value] if isinstance(value, str) else value)
    ]
    url = f"{base}{path}" + (f"?{urlencode(pairs)}" if pairs else "")
    return cli_command(["curl", "-s", url])


MAX_INLINE = 4000


def curl_post(base: str, path: str, payload: Mapping[str, Any]) -> str:
    """A curl call posting ``payload`` as JSON (from a file when it is long)."""
    data = json.dumps(payload, ensure_ascii=False, default=str)
    head = ["curl", "-s", "-X", "POST", f"{base}{path}", "-H", "Content-Type: application/json"]
    if len(data) > MAX_INLINE:
        return cli_command([*head, "--data-binary", "@request.json"]) + (
            "   # request.json: the request below"
        )
    return cli_command([*head, "-d", data])
