"""Read the regulation texts in ``../shared/seeds`` into (chapter, article, text) records.

Used by the fidelity tests and by ``scripts/skeleton.py``; the library itself never reads
the seeds. An article's text is everything after its "第N条" heading up to the next article
or chapter heading, paragraphs joined by a newline as in the source. A seed is a plain text
(``<name>.txt``) or a page of the national law database in Markdown (``<name>.md``: front
matter between ``---`` lines, chapter headings after ``###``, paragraphs apart by a blank
line — the blank lines separate paragraphs and are not part of the text).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(
    os.environ.get("REGULATIONS_SEEDS") or Path(__file__).resolve().parents[3] / "shared" / "seeds"
)
"""The seed texts: ``../shared/seeds`` beside the project, or the folder REGULATIONS_SEEDS
names (a worktree elsewhere)."""

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


def seed_file(name: str) -> Path:
    """``seeds/<name>.txt``, or ``seeds/<name>.md`` where the text is a Markdown page."""
    text = SEEDS / f"{name}.txt"
    return text if text.exists() else SEEDS / f"{name}.md"


def _source_lines(path: Path) -> list[str]:
    """The lines of a seed as text: a Markdown page without its front matter, its heading
    marks and the blank lines between paragraphs."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if path.suffix != ".md":
        return lines
    if lines and lines[0] == "---":
        lines = lines[lines.index("---", 1) + 1 :]
    return [line.lstrip("#").lstrip(" ") for line in lines if line.strip()]


def read_seed(name: str) -> SeedText:
    """Parse ``seeds/<name>.txt`` (or ``.md``); a table of contents before the first article
    is skipped."""
    lines = _source_lines(seed_file(name))
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
