"""Text laid out for a terminal of a given width, for people reading law at 60 to 200 columns.

- **Tokens stay whole.** A line breaks at a space or between two Chinese characters, never
  inside a run of other characters: a rule id (``zhejiang@draft.25.3``), a date, a code or a
  number is never split over two lines. A token wider than the line stands alone on it.
- **Chinese text folds by the CJK line-breaking rules** (禁则): no line starts with a closing
  mark (、，。；：）」…) and none ends with an opening one (（「…); such a mark moves with its
  neighbour.
- **Tables fit the width.** Each column is at least as wide as its widest token; space left
  goes to the columns whose text is longer. Where even the tokens cannot fit side by side,
  the rows are shown as records, one field a line.

Widths are terminal cells: a Chinese character takes two (`cell_width`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

NO_LINE_START = frozenset("、，。；：！？）」』】〕》〉〗〙〛…‥·,.;:!?)]}%")
"""Marks a line may not start with: they close what comes before (禁则, line-start rule)."""

NO_LINE_END = frozenset("（「『【〔《〈〖〘〚([{")
"""Marks a line may not end with: they open what comes after (line-end rule)."""

# a space run; a citation (第19条, 第19、21条, 第3章), which is one token; one character of
# Chinese (ideographs, kana, CJK and full-width punctuation), where a line may break on either
# side; or a run of anything else, which never breaks
_ATOM = re.compile(
    r"\s+"
    r"|第[0-9]+(?:、[0-9]+)*[条章]"
    r"|[\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
    r"|[^\s\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]+"
)


def cell_width(text: str) -> int:
    """The terminal cells ``text`` takes: two for a wide (Chinese) character, none for a
    combining mark, one for the rest."""
    return len(text) if text.isascii() else _wide_width(text)


def _wide_width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def atoms(paragraph: str) -> list[str]:
    """The pieces a line may break between: spaces, single Chinese characters, and tokens;
    a closing mark joined to what precedes it and an opening mark to what follows (across
    spaces too), so that no break can put them at the wrong end of a line."""
    return list(_atoms(paragraph))


def _atoms(paragraph: str) -> tuple[str, ...]:
    out: list[str] = []
    glue_next = False
    for atom in _ATOM.findall(paragraph):
        if atom.isspace():
            if glue_next:
                out[-1] += atom
            else:
                out.append(atom)
            continue
        if out and (glue_next or atom[0] in NO_LINE_START):
            while len(out) > 1 and out[-1].isspace():  # back over spaces to the word
                space = out.pop()
                out[-1] += space
            out[-1] += atom
        else:
            out.append(atom)
        glue_next = atom[-1] in NO_LINE_END
    return tuple(out)


def widest_atom(text: str) -> int:
    """The width of the widest piece of ``text`` that no line may split (with its
    paragraph's indentation, which every line of the paragraph keeps)."""
    widest = 0
    for paragraph in text.split("\n"):
        body = paragraph.lstrip(" ")
        pieces = [cell_width(a) for a in _atoms(body) if not a.isspace()]
        widest = max(widest, len(paragraph) - len(body) + max(pieces, default=0))
    return widest


def natural_width(text: str) -> int:
    """The width of ``text`` left unwrapped: its widest line."""
    return max((cell_width(line) for line in text.split("\n")), default=0)


def wrap(text: str, width: int, hanging: int = 0) -> list[str]:
    """``text`` in lines of at most ``width`` cells (a token wider than that alone on its
    line), each paragraph apart; a paragraph's indentation is kept on its later lines, and
    ``hanging`` cells more (under the text after a mark)."""
    return list(_wrap(text, width, hanging))


def _wrap(text: str, width: int, hanging: int) -> tuple[str, ...]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        body = paragraph.lstrip(" ")
        indent = paragraph[: len(paragraph) - len(body)]
        start = cell_width(indent)
        line: list[str] = [indent]
        used = start
        for atom in _atoms(body):
            size = cell_width(atom)
            if atom.isspace():
                if used > start:
                    line.append(atom)
                    used += size
                continue
            if used + size > width and used > start:
                lines.append("".join(line).rstrip())
                indent = paragraph[: len(paragraph) - len(body)] + " " * hanging
                start = cell_width(indent)
                line, used = [indent], start
            line.append(atom.rstrip() if atom[-1].isspace() else atom)
            used += size
        lines.append("".join(line).rstrip())
    return tuple(lines)


REMEMBERED = 1 << 14
"""How many texts of each kind a `Memo` keeps (the most recent)."""


class Memo:
    """What is worked out from a text alone (its width, its widest token, its natural width,
    its lines at a width), kept for the most recent `REMEMBERED` texts of each kind: the
    tables of thousands of units repeat the same summaries, codes and headers. A `Layout`
    holds one, so what is kept lives as long as the layout its caller made."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self.cell_width = lru_cache(maxsize=size)(cell_width)
        self.widest_atom = lru_cache(maxsize=size)(widest_atom)
        self.natural_width = lru_cache(maxsize=size)(natural_width)
        self.wrap = lru_cache(maxsize=size)(_wrap)


SHORT = 16  # a column this narrow is given its whole width before longer ones fold

STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33"}


@dataclass(frozen=True)
class Part:
    """A paragraph of a cell or a line, with its style (a name of `STYLES`, or none)."""

    text: str
    style: str = ""


Cell = str | Sequence[Part]
"""A table cell: plain text (a newline starts a paragraph), or styled paragraphs."""


def parts_of(cell: Cell) -> tuple[Part, ...]:
    if isinstance(cell, str):
        return (Part(cell),) if cell else ()
    return tuple(p for p in cell if p.text)


@dataclass(frozen=True)
class Rules:
    """The characters a table is ruled with (`output.Marks` gives those the encoding holds)."""

    horizontal: str = "─"


@dataclass(frozen=True)
class Layout:
    """How text is laid out: the width in cells, the rules' characters, and whether styles
    are shown as terminal colours (never when the output is not a terminal)."""

    width: int = 80
    rules: Rules = Rules()
    colour: bool = False
    gap: int = 2  # cells between two columns
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    def styled(self, text: str, style: str) -> str:
        if not (self.colour and style and text):
            return text
        codes = ";".join(STYLES[s] for s in style.split() if s in STYLES)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text

    def lines(self, parts: Sequence[Part], width: int | None = None, hanging: int = 0) -> list[str]:
        """Styled paragraphs wrapped to ``width`` (default: the whole line)."""
        return [
            self.styled(line, part.style)
            for part in parts
            for line in self.memo.wrap(part.text, width or self.width, hanging)
        ]

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[Cell]], ruled: bool = False
    ) -> list[str]:
        """Rows under their headers in columns that fit the width (`column_widths`), each
        cell folded to its column; rows apart by a rule when ``ruled``. Where the columns
        cannot fit, each row is a record (`records`)."""
        cells = [[parts_of(c) for c in row] for row in rows]
        widths = self.column_widths(headers, cells)
        if widths is None:
            return self.records(headers, cells)
        gap = " " * self.gap
        out = self._row(
            [list(self.memo.wrap(h, w, 0)) for h, w in zip(headers, widths, strict=True)],
            widths,
            gap,
        )
        rule = gap.join(self.rules.horizontal * w for w in widths).rstrip()
        out.append(self.styled(rule, "dim"))
        for index, row in enumerate(cells):
            if ruled and index:
                out.append(self.styled(rule, "dim"))
            folded = [
                [
                    self.styled(line, p.style)
                    for p in parts
                    for line in self.memo.wrap(p.text, width, 0)
                ]
                for parts, width in zip(row, widths, strict=True)
            ]
            out.extend(self._row(folded, widths, gap))
        return out

    def _row(self, folded: list[list[str]], widths: list[int], gap: str) -> list[str]:
        """The lines of one row: its cells' lines side by side, each padded to its column."""
        height = max((len(lines) for lines in folded), default=1)
        out = []
        for i in range(height):
            pieces = []
            for lines, width in zip(folded, widths, strict=True):
                line = lines[i] if i < len(lines) else ""
                pieces.append(line + " " * (width - self.memo.cell_width(_plain(line))))
            out.append(gap.join(pieces).rstrip())
        return out

    def column_widths(
        self, headers: Sequence[str], cells: Sequence[Sequence[tuple[Part, ...]]]
    ) -> list[int] | None:
        """Each column's width, or None when the columns' widest tokens do not fit side by
        side. Columns get their natural width when all fit; else each gets its widest token
        (the header's words may fold) and the space left goes to the columns whose text is
        longer, in proportion to what they lack."""
        count = len(headers)
        natural = [self.memo.natural_width(h) for h in headers]
        least = [self.memo.widest_atom(h) for h in headers]
        for row in cells:
            for i, parts in enumerate(row):
                for part in parts:
                    natural[i] = max(natural[i], self.memo.natural_width(part.text))
                    least[i] = max(least[i], self.memo.widest_atom(part.text))
        room = self.width - self.gap * (count - 1)
        if sum(natural) <= room:
            return natural
        if sum(least) > room:
            return None
        widths = list(least)
        spare = room - sum(least)
        # short columns (a status, a citation, a date with its header) whole first, the
        # shortest first; then the rest in proportion to what each lacks
        for i in sorted(range(count), key=lambda i: natural[i] - least[i]):
            lack = natural[i] - least[i]
            if natural[i] <= SHORT and lack <= spare:
                widths[i], spare = natural[i], spare - lack
        lacking = [n - w for n, w in zip(natural, widths, strict=True)]
        total = sum(lacking)
        for i in range(count):
            widths[i] += spare * lacking[i] // total if total else 0
        for i in sorted(range(count), key=lambda i: widths[i] - natural[i]):
            if sum(widths) < room and widths[i] < natural[i]:
                widths[i] += 1
        return widths

    def records(
        self, headers: Sequence[str], cells: Sequence[Sequence[tuple[Part, ...]]]
    ) -> list[str]:
        """Rows too wide for columns, each as a record: one ``header: value`` line a field
        (values folded under their first line), records apart by a blank line."""
        names = [" ".join(h.split("\n")) for h in headers]  # a header of several lines
        label = max((cell_width(n) for n in names), default=0) + 2
        out: list[str] = []
        for row in cells:
            if out:
                out.append("")
            for name, parts in zip(names, row, strict=True):
                if not parts:
                    continue
                if not name:  # a column without a header (a mark): its value on a line
                    out.extend(self.lines(parts))
                    continue
                lines = self.lines(parts, max(self.width - label, 1))
                out.append(f"{name}:" + " " * (label - cell_width(name) - 1) + lines[0])
                out.extend(" " * label + line for line in lines[1:])
        return out


_ESCAPE = re.compile("\x1b\\[[0-9;]*m")


def _plain(line: str) -> str:
    """A line without the colour codes `Layout.styled` put in."""
    return _ESCAPE.sub("", line) if "\x1b" in line else line
