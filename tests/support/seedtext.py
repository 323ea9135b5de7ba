"""Read the regulation texts in ``../shared/seeds`` into (chapter, article, text) records.

Used by the fidelity tests and by ``scripts/skeleton.py``; the library itself never reads
the seeds. An article's text is everything after its "第N条" heading up to the next article
or chapter heading, paragraphs joined by a newline as in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = "[一二三四五六七八九十百零]+"
_ARTICLE = re.compile(rf"^第({_NUMERAL})条[ \u3000]*")
_CHAPTER = re.compile(rf"^第({_NUMERAL})章[ \u3000]*(.*)$")


def chinese_number(text: str) -> int:
    """Parse a Chinese numeral up to the hundreds: 十九 → 19, 一百零二 → 102."""
    total, digit = 0, 0
    for char in text:
        if char == "百":
            total += (digit or 1) * 100
            digit = 0
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = _DIGITS[char]
    return total + digit


@dataclass(frozen=True)
class SeedArticle:
    number: int
    chapter: int
    text: str


@dataclass(frozen=True)
class SeedText:
    chapters: dict[int, str]
    articles: list[SeedArticle]


def read_seed(name: str) -> SeedText:
    """Parse ``seeds/<name>.txt``; a table of contents before the first article is skipped."""
    lines = (SEEDS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    chapters: dict[int, str] = {}
    articles: list[SeedArticle] = []
    chapter = 0
    current: list[str] | None = None
    number = 0

    def close() -> None:
        if current is not None:
            articles.append(SeedArticle(number, chapter_of_current, "\n".join(current).strip()))

    chapter_of_current = 0
    for line in lines:
        if line.startswith("-"):  # page furniture after the last article (comment links)
            close()
            current = None
            continue
        heading = _CHAPTER.match(line)
        if heading:
            close()
            current = None
            chapter = chinese_number(heading.group(1))
            chapters[chapter] = heading.group(2).replace(" ", "").replace("\u3000", "")
            continue
        match = _ARTICLE.match(line)
        if match:
            close()
            number = chinese_number(match.group(1))
            chapter_of_current = chapter
            current = [line[match.end() :]]
            continue
        if current is not None:
            current.append(line)
    close()
    return SeedText(chapters, articles)
