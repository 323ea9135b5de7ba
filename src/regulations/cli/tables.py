"""What each command shows a person: the answer's data in tables and lines, in the words of
``--lang`` (`words.py`), laid out to ``--width`` by `layout.py` (tokens never split, Chinese
folded by the CJK rules, records where columns cannot fit).

Data — law text, titles, ids, names, codes, summaries — is plain text, shown as written with
control characters escaped (`printable`). Styles (bold, colours) are shown only on a terminal;
what they mark is also written out (a ≠ column in `compare`, a status in `diff`), so it reads
the same in a file or a pipe. An article is cited one way everywhere: 第19条, 第19、21条, and a
provision without a number by its id in brackets.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from regulations.cli.errors import printable
from regulations.cli.layout import Cell, Layout, Part, Rules, parts_of
from regulations.cli.output import Marks
from regulations.cli.words import language, word
from regulations.views import Applicability, ArticlesView, RuleView
from regulations.vocabulary import LEVEL_CODES

WIDTH_NOT_A_TERMINAL = 160  # a file or a pipe: wide, so that little is folded


@dataclass(frozen=True)
class Page:
    """Where a command's answer is written: the layout (width, rules, colour), our marks in
    the characters the output holds, and the language of the words around the data."""

    layout: Layout
    marks: Marks
    lang: str

    @classmethod
    def for_output(cls, width: int | None = None, lang: str | None = None) -> Page:
        """A page for stdout: ``width`` (``--width``; else $COLUMNS, the terminal's width,
        or 160 for a file or a pipe), ``lang`` (``--lang``; else from the locale)."""
        stream = sys.stdout
        marks = Marks.for_stream(stream)
        terminal = _isatty(stream)
        colour = terminal and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        layout = Layout(width or _width(terminal), Rules(marks.horizontal), colour)
        return cls(layout, marks, language(lang, os.environ))

    def say(self, key: str, **fields: object) -> str:
        return word(key, self.lang, **fields)

    def text(self, text: str, style: str = "", hanging: int = 0) -> None:
        """Text folded to the width, each paragraph's indentation kept (and ``hanging``
        cells more on its later lines: under the text after a mark)."""
        self._write(self.layout.lines([Part(printable(text), style)], hanging=hanging))

    def blank(self) -> None:
        self._write([""])

    def table(
        self, headers: Sequence[str], rows: Iterable[Sequence[Cell]], ruled: bool = False
    ) -> None:
        clean = [[_printable(cell) for cell in row] for row in rows]
        self._write(self.layout.table([printable(h) for h in headers], clean, ruled))

    def _write(self, lines: list[str]) -> None:
        sys.stdout.write("".join(line + "\n" for line in lines))


def _isatty(stream: object) -> bool:
    try:
        return bool(getattr(stream, "isatty", lambda: False)())
    except ValueError:  # a closed stream
        return False


def _width(terminal: bool) -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and 0 < int(columns) <= 10_000:
        return int(columns)
    return shutil.get_terminal_size().columns if terminal else WIDTH_NOT_A_TERMINAL


def _printable(cell: Cell) -> Cell:
    return (
        printable(cell)
        if isinstance(cell, str)
        else [Part(printable(p.text), p.style) for p in parts_of(cell)]
    )


def cite(places: Iterable[int | str | None], provisions: Iterable[str | None] = ()) -> str:
    """Articles as every table cites them: ``第19条``, ``第19、21条``; provisions without a
    number by id, ``(culture_week)``. ``places`` may hold numbers, their digits, or
    ``p.<id>`` as the diff and the catalogue write a provision."""
    numbers: list[str] = []
    others: list[str] = []
    for place in places:
        if place is None:
            continue
        text = str(place)
        if text.isdigit():
            numbers.append(text)
        else:
            others.append(text.removeprefix("p."))
    others.extend(p for p in provisions if p)
    cited = f"第{'、'.join(numbers)}条" if numbers else ""
    return " ".join([cited, *(f"({p})" for p in others)]).strip()


def _status(page: Page, view: Applicability | ArticlesView) -> str:
    edition = ""
    if view.edition is not None:
        end = (
            page.say("edition end", day=view.edition.valid_until.isoformat())
            if view.edition.valid_until
            else ""
        )
        edition = page.say(
            "edition",
            name=view.edition.name,
            ref=view.edition.ref,
            start=view.edition.valid_from.isoformat(),
            end=end,
        )
    return page.say(
        "status",
        title=view.title,
        regulation=view.regulation,
        version=view.version,
        edition=edition,
        state=page.say("in force" if view.in_force else "not in force"),
        day=view.as_of.isoformat(),
    )


def _who(page: Page, kind: str, level: str | None, tags: Sequence[str]) -> str:
    return (
        kind
        + (f" ({level})" if level else "")
        + (page.say("tags", tags=", ".join(tags)) if tags else "")
    )


def _rule_detail(page: Page, rule: RuleView) -> list[Part]:
    """A rule's summary, then (dim) what else it says: measures, role, condition, exception,
    suspension, deadline, interpretation."""
    extras = []
    if rule.kind == "sanction":
        extras.append(page.say("measures", measures=", ".join(rule.measures)))
    if rule.role != "lead":
        extras.append(page.say("role", role=rule.role))
    if rule.condition:
        extras.append(f"when {rule.condition}")
    if rule.exception:
        extras.append(f"unless {rule.exception}")
    if rule.suspended_while:
        extras.append(f"suspended while {rule.suspended_while}")
    if rule.due:
        extras.append(f"due {rule.due}")
    if rule.interpretation:
        extras.append(page.say("interpretation", text=rule.interpretation))
    return [Part(rule.summary), *(Part(extra, "dim") for extra in extras)]


def applies_table(answer: Applicability, page: Page) -> None:
    """Which articles bind the unit: one row per rule, the article cited on its first rule;
    then the rules left out because they bind only at a level the unit was not given."""
    unit = answer.unit
    who = _who(page, unit.kind, unit.level, unit.tags)
    page.text(_status(page, answer))
    page.text(
        page.say("bind" if answer.in_force else "would bind", who=who, count=len(answer.articles))
    )
    if not answer.complete:
        page.text(page.say("partial applies"), "yellow")
    headers = ["article", "chapter", "modality", "rule", "concept", "what"]
    rows: list[list[Cell]] = []
    for article in answer.articles:
        for index, rule in enumerate(article.rules):
            first = index == 0
            rows.append(
                [
                    cite([article.article], [article.provision]) if first else "",
                    str(article.chapter or "") if first else "",
                    rule.modality,
                    rule.id,
                    rule.concept or "",
                    _rule_detail(page, rule),
                ]
            )
    page.table([page.say(h) for h in headers], rows, ruled=True)
    left_out = answer.level_restricted
    if left_out:
        levels = [lv for lv in LEVEL_CODES if any(lv in r.levels for r in left_out)]
        page.text(
            page.say("left out", count=len(left_out), kind=unit.kind, levels=", ".join(levels)),
            "yellow",
        )
        page.table(
            [page.say(h) for h in ("article", "rule", "concept", "levels")],
            [
                [
                    cite([r.article], [r.provision]),
                    r.rule.id,
                    r.rule.concept or "",
                    ", ".join(r.levels),
                ]
                for r in left_out
            ],
        )


def articles_table(view: ArticlesView, page: Page) -> None:
    """The text of each article as the source gives it, folded, with its rules under it."""
    marks = page.marks
    page.text(_status(page, view))
    if view.retired is not None:
        gone = view.retired
        renamed = ", ".join(
            f"{old} → {new}" for old, new in zip(gone.old_rules, gone.new_rules, strict=True)
        )
        page.text(
            page.say(
                "retired",
                provision=gone.provision,
                articles=cite(gone.articles),
                note=gone.note,
                rules=page.say("renamed", rules=renamed) if renamed else "",
            ),
            "yellow",
        )
    if not view.complete:
        page.text(page.say("partial articles"), "yellow")
    for article in view.articles:
        source = "" if article.text_source == "source" else f" [{article.text_source}]"
        chapter = page.say("chapter of", chapter=article.chapter or "?")
        page.blank()
        page.text(f"{cite([article.article], [article.provision])} {chapter}{source}", "bold")
        page.text(article.text)
        if article.source_defect:
            page.text(page.say("source defect", text=article.source_defect), "red")
        for rule in article.rules:
            page.text(
                f"  {marks.bullet} {rule.id} {rule.modality} "
                f"{rule.concept or ', '.join(rule.measures)} {marks.dash} {rule.summary}",
                hanging=2,
            )


def evaluation_tables(report: Any, page: Page) -> None:
    """What ``Report.to_json()`` holds, for a person: the day and the values of the open
    terms the regulations evaluated name (those that can matter), then one table per unit and regulation — obligations, deadlines of other modalities (a
    permission with a due date), sanctions, undetermined items with the facts they rest on —
    and the unit's facts that were not counted, with why."""
    doc = report.to_json()
    page.text(page.say("as of", day=doc["as_of"]))
    named = {n for item in report.results for n in item.open_terms}
    terms = {k: v for k, v in doc["params"].items() if k in named}
    given = [f"{k} = {_value(v)}" for k, v in terms.items() if v is not None]
    unset = [k for k, v in terms.items() if v is None]
    if given or unset:
        names = page.say("unset", names=", ".join(unset)) if unset else ""
        page.text(page.say("open terms", given=(", ".join(given) or page.say("none set")) + names))
    for item, result in zip(report.results, doc["results"], strict=True):
        _unit_table(page, result, item.title, item.regulation)


def _value(value: object) -> str:
    """An open term's value as written on the command line (true, 60 days)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _unit_table(page: Page, doc: dict[str, Any], title: str, reference: str) -> None:
    """One unit under one regulation: a row per item of each section of its JSON."""
    state = page.say("in force" if doc["in_force"] else "not in force")
    if doc.get("in_territory") is False:
        state += page.say("outside")
    elif doc.get("in_territory") is None:
        state += page.say("no region")
    page.blank()
    page.text(
        page.say("under", unit=doc["unit"], title=title, regulation=reference, state=state), "bold"
    )
    rows: list[list[Cell]] = []
    shown: set[tuple[str, str | None, str | None]] = set()
    for o in doc["obligations"]:
        shown.add((o["rule"], o["start"], o["due"]))
        rows.append(
            [
                page.say("obligation", modality=o["modality"]),
                o["rule"],
                _cited(o),
                _with_note(o["concept"] or "", o["summary"]),
                o["start"] or "",
                _due(page, o),
                page.say(o["status"]) if o["status"] else "",
            ]
        )
    for d in doc["deadlines"]:  # those of obligations are shown above, with their status
        if (d["rule"], d["start"], d["due"]) not in shown:
            rows.append(
                [
                    page.say("deadline", modality=d["modality"]),
                    d["rule"],
                    _cited(d),
                    d["concept"] or "",
                    d["start"] or "",
                    _due(page, d),
                    "",
                ]
            )
    for s in doc["sanctions"]:
        status = page.say(s["status"])
        if s["escalated"]:
            escalated = page.say("escalated")
            status = escalated if s["status"] == "in_effect" else f"{status}, {escalated}"
        rows.append(
            [
                page.say("sanction"),
                s["rule"],
                _cited(s),
                _with_note(s["measure"], s["summary"]),
                s["from"] or "",
                s["until"] or "",
                status,
            ]
        )
    for u in doc["undetermined"]:
        needs = page.say("needs", needs="; ".join(u["needs"]))
        if u.get("escalation"):
            needs += page.say("to escalate", measures=", ".join(u["escalation"]))
        facts = page.say("on facts", facts=", ".join(u["facts"])) if u["facts"] else ""
        rows.append(
            [page.say("undetermined"), u["rule"], _cited(u), _with_note(needs, facts), "", "", "?"]
        )
    if doc.get("note"):
        page.text("  " + doc["note"], "dim")
    if rows:
        headers = ["item", "rule", "article", "measure / concept", "from", "due / until"]
        page.table([*(page.say(h) for h in headers), page.say("status column")], rows)
    elif not doc.get("note"):
        page.text(page.say("nothing follows"))
    for fact in doc["not_counted"]:
        page.text(page.say("not counted", fact=fact), "dim")


def _due(page: Page, item: dict[str, Any]) -> Cell:
    """A due date, marked where it rests on a calendar not yet official."""
    due = item["due"] or ""
    return _with_note(due, page.say("provisional")) if item.get("provisional") and due else due


def _with_note(main: str, note: str | None) -> list[Part]:
    """A cell's value with a dim second paragraph (a rule's summary, the facts it rests on)."""
    return [Part(main), Part(note or "", "dim")]


def _cited(item: dict[str, Any]) -> str:
    return cite([item.get("article")], [item.get("provision")])


def explanation(answer: Any, page: Page) -> None:
    """The why and why-not trees of `explain`, one step a line, indented by depth and
    marked as holding (✓), failing (✗), undetermined (?) or a fact (•)."""
    marks = page.marks
    symbol = {"holds": marks.holds, "fails": marks.fails, "undetermined": "?", "fact": marks.bullet}

    def show(node: Any, indent: str) -> None:
        detail = f" {marks.dash} {node.detail}" if node.detail else ""
        page.text(f"{indent}{symbol[node.status]} {node.label}{detail}", hanging=2)
        for child in node.children:
            show(child, indent + "  ")

    for tree in answer.trees:
        show(tree, "")


DIFF_STYLE = {"only_a": "red", "only_b": "green", "changed": "yellow", "same": "dim"}


def diff_table(result: Any, page: Page) -> None:
    """Concepts only in A, only in B, and changed: how each side states the concept side by
    side (articles, modalities, deadlines, measures), and what differs — the aspects, and
    who each binds that the other does not, by meaning (``B binds more: …``); for two
    editions of one law, the articles reworded."""
    counts = result.to_json()["counts"]
    page.text(page.say("diff counts", a=result.a, b=result.b, **counts))
    for side, name, complete in (
        ("A", result.a, result.complete[0]),
        ("B", result.b, result.complete[1]),
    ):
        if not complete:
            other = "B" if side == "A" else "A"
            page.text(page.say("partial side", side=side, name=name, other=other), "yellow")
    rows: list[list[Cell]] = [
        [
            [Part(c.concept, DIFF_STYLE[c.status])],
            page.say(c.status),
            _side(page, c.a),
            _side(page, c.b),
            _what_differs(page, c),
        ]
        for c in result.concepts
        if c.status != "same"
    ]
    headers = [
        page.say("concept"),
        page.say("status column"),
        f"A {result.a}",
        f"B {result.b}",
        page.say("what differs"),
    ]
    page.table(headers, rows, ruled=True)
    if result.texts:
        _reworded(page, result)


def _side(page: Page, side: Any) -> Cell:
    """How one regulation states a concept: its articles, modalities, deadlines, measures."""
    if side is None:
        return [Part("—", "dim")]
    parts = [Part(cite(side.articles, side.provisions)), Part(", ".join(side.modalities))]
    parts.extend(Part(page.say("due", due=due)) for due in side.deadlines)
    if side.measures:
        parts.append(Part(page.say("measures", measures=", ".join(side.measures))))
    return parts


def _what_differs(page: Page, change: Any) -> Cell:
    """The aspects that differ, then who each side binds that the other does not."""
    aspects = [page.say(f"aspect {name}") for name in change.differs if name != "subjects"]
    parts = [Part(", ".join(aspects))] if aspects else []
    subjects = change.subjects
    if subjects is None or subjects.relation == "same":
        return parts
    if subjects.relation == "different":
        lines = [
            page.say("only A binds", who="; ".join(subjects.only_a)),
            page.say("only B binds", who="; ".join(subjects.only_b)),
        ]
    else:
        who = subjects.only_a if subjects.relation == "a_binds_more" else subjects.only_b
        lines = [page.say(subjects.relation, who="; ".join(who))]
    return [*parts, *(Part(line) for line in lines)]


def _reworded(page: Page, result: Any) -> None:
    """The articles two editions of one law word differently: what was removed and added,
    and what that does to the article's rules."""
    page.blank()
    page.text(page.say("reworded", count=len(result.texts)), "bold")
    for change in result.texts:
        page.blank()
        page.text(cite([change.article]), "bold")
        for removed, added in change.edits:
            if removed:
                page.text("  " + page.say("removed", text=removed), "red")
            if added:
                page.text("  " + page.say("added", text=added), "green")
        for line in change.changes:
            page.text(f"  {page.marks.bullet} {line}", hanging=2)


def compare_table(result: Any, page: Page) -> None:
    """Concepts × regulations for a unit profile. A row that differs between regulations is
    marked in its own first column (≠), also without colour. Each regulation's column says
    whether it is in force on the day and whether it is known whole."""
    unit = result.unit
    page.text(page.say("as of", day=result.as_of.isoformat()))
    page.text(page.say("unit", who=_who(page, unit.kind, unit.level, unit.tags)))
    headers = ["", page.say("concept")]
    for reg, in_force, complete in zip(
        result.regulations, result.in_force, result.complete, strict=True
    ):
        state = page.say("in force" if in_force else "not in force")
        known = "" if complete else f"\n{page.say('known in part')}"
        headers.append(f"{reg}\n{state}{known}")
    rows: list[list[Cell]] = []
    for row in result.rows:
        cells: list[Cell] = [
            page.marks.differs if row.differs else "",
            [Part(row.concept, "bold yellow" if row.differs else "")],
        ]
        for cell in row.cells:
            if cell is None:
                cells.append([Part("—", "dim")])
            else:
                text = f"{cite(cell.articles, cell.provisions)} {'/'.join(cell.modalities)}"
                cells.append([Part(text), *(Part(d) for d in cell.deadlines)])
        rows.append(cells)
    page.table(headers, rows, ruled=True)
    differ = sum(1 for r in result.rows if r.differs)
    page.text(page.say("differ", count=differ, total=len(result.rows), mark=page.marks.differs))


def concepts_table(uses: Any, page: Page) -> None:
    """Every concept, its Chinese name, how many jurisdictions state it and where."""
    rows: list[list[Cell]] = [
        [
            use.code,
            use.zh,
            str(len(use.jurisdictions)),
            "\n".join(f"{ref} {cite(arts)}" for ref, arts in use.articles.items()),
        ]
        for use in uses
    ]
    headers = ["concept", "chinese", "jurisdictions", "articles"]
    page.table([page.say(h) for h in headers], rows)


def vocabulary_table(entries: list[dict[str, Any]], page: Page) -> None:
    """One list of codes with their Chinese names; kinds as their is-a tree (each under its
    parent, indented), or with the parent named where one kind is shown."""
    if len(entries) == 1 and entries[0].get("parent"):
        entry = entries[0]
        headers = ["code", "parent", "chinese"]
        rows: list[list[Cell]] = [[entry["code"], entry["parent"], entry["zh"]]]
    else:
        headers = ["code", "chinese"]
        rows = [["  " * depth + entry["code"], entry["zh"]] for depth, entry in _tree(entries)]
    page.table([page.say(h) for h in headers], rows)


def _tree(entries: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Entries in the order of their tree (each after its parent, children in the order
    given), with their depth; entries without a parent are roots."""
    children: dict[str | None, list[dict[str, Any]]] = {}
    codes = {entry["code"] for entry in entries}
    for entry in entries:
        parent = entry.get("parent")
        children.setdefault(parent if parent in codes else None, []).append(entry)
    out: list[tuple[int, dict[str, Any]]] = []

    def visit(entry: dict[str, Any], depth: int) -> None:
        out.append((depth, entry))
        for child in children.get(entry["code"], []):
            visit(child, depth + 1)

    for root in children.get(None, []):
        visit(root, 0)
    return out


def questions_table(document: dict[str, Any], page: Page) -> None:
    """The open terms the answers wait on, one line each, and how to settle them."""
    questions = document["questions"]
    if not questions:
        page.text("nothing is left to decide: no open term is undecided where it matters")
        return
    for q in questions:
        page.text(f"[{q['kind']}] {q['summary']}")
