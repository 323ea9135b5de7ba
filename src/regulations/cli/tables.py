"""Rich tables for people at a terminal (imported only when a table is printed).

Data — law text, titles, ids, names, codes, summaries — is never rich markup: the console
has markup (and emoji codes) off, so a ``[bold]`` or ``[/]`` in a law or a facts file is
shown as written. Our own styling is given as styles on `Text` parts, never as markup.
Control characters in data are shown escaped (`printable`).
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console, HighlighterType, JustifyMethod, OverflowMethod
from rich.style import Style
from rich.table import Table
from rich.text import Text

from regulations.cli.errors import printable
from regulations.cli.output import Marks
from regulations.views import Applicability, ArticlesView, RuleView


class _Console(Console):
    """A console for data: every string is plain text with control characters escaped, and a
    reader closing the pipe is a BrokenPipeError for `main` to handle (rich would exit 1)."""

    def render_str(
        self,
        text: str,
        *,
        style: str | Style = "",
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        highlighter: HighlighterType | None = None,
    ) -> Text:
        return super().render_str(
            printable(text),
            style=style,
            justify=justify,
            overflow=overflow,
            emoji=False,
            markup=False,
            highlight=False,
            highlighter=highlighter,
        )

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def console() -> Console:
    import os

    width = None if os.environ.get("COLUMNS") else 160
    return _Console(soft_wrap=False, highlight=False, markup=False, emoji=False, width=width)


def _text(*parts: str | tuple[str, str]) -> Text:
    """A line of data, each part plain text (``"..."``) or styled (``("...", "bold")``)."""
    return Text.assemble(
        *(printable(p) if isinstance(p, str) else (printable(p[0]), p[1]) for p in parts)
    )


def _article_label(article: int | None, provision: str | None) -> str:
    return f"第{article}条" if article is not None else f"({provision})"


def _rule_detail(rule: RuleView) -> Text:
    text = _text(rule.summary)
    extras = []
    if rule.kind == "sanction":
        extras.append("measures: " + ", ".join(rule.measures))
    if rule.role != "lead":
        extras.append(f"role: {rule.role}")
    if rule.condition:
        extras.append(f"when {rule.condition}")
    if rule.exception:
        extras.append(f"unless {rule.exception}")
    if rule.suspended_while:
        extras.append(f"suspended while {rule.suspended_while}")
    if rule.due:
        extras.append(f"due {rule.due}")
    if rule.interpretation:
        extras.append(f"interpretation: {rule.interpretation}")
    for extra in extras:
        text.append_text(_text(("\n" + extra, "dim")))
    return text


def _status_line(view: Applicability | ArticlesView) -> str:
    state = "in force" if view.in_force else "not in force"
    edition = view.edition
    text = (
        f"; the text of {edition.name} ({edition.ref}), from {edition.valid_from.isoformat()}"
        + (f" to {edition.valid_until.isoformat()}" if edition.valid_until else "")
        if edition is not None
        else ""
    )
    return (
        f"{view.title} ({view.regulation}, {view.version}{text}) — {state} on "
        f"{view.as_of.isoformat()}"
    )


def applies_table(answer: Applicability) -> None:
    out = console()
    unit = answer.unit
    who = (
        unit.kind
        + (f" ({unit.level})" if unit.level else "")
        + (f" tags: {', '.join(unit.tags)}" if unit.tags else "")
    )
    out.print(_status_line(answer))
    verb = (
        "bind it"
        if answer.in_force
        else "would bind it (the regulation is not in force on that date)"
    )
    out.print(f"Unit: {who} — {len(answer.articles)} article(s) {verb}")
    if not answer.complete:
        out.print(
            _text(
                (
                    "Note: this regulation is known only in part; articles not listed may also "
                    "bind the unit.",
                    "yellow",
                )
            )
        )
    table = Table(show_lines=True)
    for column in ("article", "ch.", "modality", "rule", "concept", "what"):
        table.add_column(column, overflow="fold")
    for article in answer.articles:
        for index, rule in enumerate(article.rules):
            table.add_row(
                _article_label(article.article, article.provision) if index == 0 else "",
                str(article.chapter or "") if index == 0 else "",
                rule.modality,
                rule.id,
                rule.concept or "",
                _rule_detail(rule),
            )
    out.print(table)


def articles_table(view: ArticlesView) -> None:
    out = console()
    marks = Marks.for_stream(sys.stdout)
    out.print(_status_line(view))
    if view.retired is not None:
        gone = view.retired
        renamed = ", ".join(
            f"{old} → {new}" for old, new in zip(gone.old_rules, gone.new_rules, strict=True)
        )
        out.print(
            _text(
                (
                    f"Provision {gone.provision} is retired: it is now article(s) "
                    f"{', '.join(map(str, gone.articles))}. {gone.note}"
                    + (f" Rules: {renamed}." if renamed else ""),
                    "yellow",
                )
            )
        )
    if not view.complete:
        out.print(
            _text(
                (
                    "Note: this regulation is known only in part; only what is known is listed.",
                    "yellow",
                )
            )
        )
    for article in view.articles:
        label = _article_label(article.article, article.provision)
        source = "" if article.text_source == "source" else f" [{article.text_source}]"
        out.print(_text("\n", (label, "bold"), f" (chapter {article.chapter or '?'}){source}"))
        out.print(article.text)
        if article.source_defect:
            out.print(_text(("source defect:", "red"), f" {article.source_defect}"))
        for rule in article.rules:
            out.print(
                f"  {marks.bullet} {rule.id} {rule.modality} "
                f"{rule.concept or ', '.join(rule.measures)} {marks.dash} {rule.summary}"
            )


SANCTION_STATUS = {
    "possible": "one of (the body chooses)",
    "suspended": "suspended",
    "ended": "ended",
    "in_effect": "in effect",
}


def evaluation_tables(report: Any) -> None:
    """What ``Report.to_json()`` holds, for a person: the day and the open terms' values,
    then one table per unit and regulation — obligations, deadlines of other modalities (a
    permission with a due date), sanctions, undetermined items with the facts they rest on —
    and the unit's facts that were not counted, with why."""
    out = console()
    doc = report.to_json()
    out.print(f"As of {doc['as_of']}")
    given = [f"{k} = {v}" for k, v in doc["params"].items() if v is not None]
    unset = [k for k, v in doc["params"].items() if v is None]
    if given or unset:
        out.print(
            "Open terms: "
            + (", ".join(given) or "none set")
            + (f"; not set (undetermined where needed): {', '.join(unset)}" if unset else "")
        )
    for item, result in zip(report.results, doc["results"], strict=True):
        _unit_table(out, item, result)


def _unit_table(out: Console, item: Any, doc: dict[str, Any]) -> None:
    """One unit under one regulation: a row per item of each section of its JSON."""
    state = "in force" if doc["in_force"] else "not in force"
    if doc.get("in_territory") is False:
        state += "; the unit lies outside its territory"
    elif doc.get("in_territory") is None:
        state += "; the unit has no region (taken as inside)"
    out.print(
        _text(
            "\n",
            (doc["unit"], "bold"),
            f" under {item.entry.regulation.meta.title} ({item.regulation}, {state})",
        )
    )
    table = Table(show_lines=False)
    for column in ("what", "rule", "article", "measure / concept", "from", "due / until", "status"):
        table.add_column(column, overflow="fold")
    shown: set[tuple[str, str | None, str | None]] = set()
    for o in doc["obligations"]:
        shown.add((o["rule"], o["start"], o["due"]))
        table.add_row(
            f"obligation ({o['modality']})",
            o["rule"],
            _cited(o),
            _with_note(o["concept"] or "", o["summary"]),
            o["start"] or "",
            o["due"] or "",
            o["status"] or "",
        )
    for d in doc["deadlines"]:  # those of obligations are shown above, with their status
        if (d["rule"], d["start"], d["due"]) not in shown:
            table.add_row(
                f"deadline ({d['modality']})",
                d["rule"],
                _cited(d),
                d["concept"] or "",
                d["start"] or "",
                d["due"] or "",
                "",
            )
    for s in doc["sanctions"]:
        status = SANCTION_STATUS[s["status"]]
        if s["escalated"]:
            status = "escalated" if s["status"] == "in_effect" else f"{status}, escalated"
        table.add_row(
            "sanction",
            s["rule"],
            _cited(s),
            _with_note(s["measure"], s["summary"]),
            s["from"] or "",
            s["until"] or "",
            status,
        )
    for u in doc["undetermined"]:
        needs = "needs " + "; ".join(u["needs"])
        if u.get("escalation"):
            needs += f" (to escalate to {', '.join(u['escalation'])})"
        facts = f"on {', '.join(u['facts'])}" if u["facts"] else ""
        table.add_row("undetermined", u["rule"], _cited(u), _with_note(needs, facts), "", "", "?")
    if doc.get("note"):
        out.print(_text(("  ", "dim"), doc["note"]))
    if table.row_count:
        out.print(table)
    elif not doc.get("note"):
        out.print("  nothing follows from these facts")
    for fact in doc["not_counted"]:
        out.print(_text(("  not counted: ", "dim"), fact))


def _with_note(main: str, note: str | None) -> Text:
    """A cell's value with a dim second line (a rule's summary, the facts it rests on)."""
    return _text(main, ("\n" + note, "dim")) if note else _text(main)


def _cited(item: dict[str, Any]) -> str:
    return str(item["article"]) if item.get("article") is not None else f"({item.get('provision')})"


def diff_table(result: Any) -> None:
    """Concepts only in A, only in B, and changed, with articles on both sides."""
    out = console()
    counts = result.to_json()["counts"]
    out.print(
        f"A = {result.a}, B = {result.b}: {counts['only_a']} concept(s) only in A, "
        f"{counts['only_b']} only in B, {counts['changed']} changed, {counts['same']} the same"
    )
    for side, name, complete in (
        ("A", result.a, result.complete[0]),
        ("B", result.b, result.complete[1]),
    ):
        if not complete:
            other = "B" if side == "A" else "A"
            out.print(
                _text(
                    (
                        f"Note: {side} ({name}) is known only in part: 'only in {other}' means "
                        f"not known to be in {side}.",
                        "yellow",
                    )
                )
            )
    table = Table(show_lines=False)
    for column in ("concept", "status", "A articles", "B articles", "what differs"):
        table.add_column(column, overflow="fold")
    style = {"only_a": "red", "only_b": "green", "changed": "yellow", "same": "dim"}
    for c in result.concepts:
        if c.status == "same":
            continue
        table.add_row(
            _text((c.concept, style[c.status])),
            c.status,
            ", ".join(c.a.articles) if c.a else "—",
            ", ".join(c.b.articles) if c.b else "—",
            "\n".join(c.changes),
        )
    out.print(table)
    if result.texts:
        _text_changes_table(out, result)


def _text_changes_table(out: Console, result: Any) -> None:
    """The articles whose text two editions of one law word differently: what was removed
    and added, and what that does to the article's rules."""
    out.print(f"{len(result.texts)} article(s) worded differently in A and B:")
    table = Table(show_lines=True)
    for column in ("article", "removed (A)", "added (B)", "rules"):
        table.add_column(column, overflow="fold")
    for change in result.texts:
        table.add_row(
            str(change.article),
            _text(("\n".join(removed for removed, _ in change.edits if removed), "red")),
            _text(("\n".join(added for _, added in change.edits if added), "green")),
            "\n".join(change.changes) or "no rule changes",
        )
    out.print(table)


def compare_table(result: Any) -> None:
    """Concepts × regulations for a unit profile; rows that differ are highlighted. Each
    column says whether its regulation is in force on the day and whether it is known whole."""
    out = console()
    unit = result.unit
    out.print(f"As of {result.as_of.isoformat()}")
    out.print(
        f"Unit: {unit.kind}"
        + (f" ({unit.level})" if unit.level else "")
        + (f" tags: {', '.join(unit.tags)}" if unit.tags else "")
    )
    table = Table(show_lines=True)
    table.add_column("concept", overflow="fold")
    for reg, in_force, complete in zip(
        result.regulations, result.in_force, result.complete, strict=True
    ):
        state = "in force" if in_force else "not in force"
        known = "" if complete else "\nknown in part"
        table.add_column(_text(reg, (f"\n{state}{known}", "dim")), overflow="fold")
    for row in result.rows:
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append(_text(("—", "dim")))
            else:
                places = [a for a in cell.articles if a.isdigit()]
                others = [a for a in cell.articles if not a.isdigit()]
                where = (f"第{'、'.join(places)}条" if places else "") + " ".join(
                    f"({a})" for a in others
                )
                text = f"{where} {'/'.join(cell.modalities)}"
                if cell.deadlines:
                    text += "\n" + "; ".join(cell.deadlines)
                cells.append(_text(text))
        table.add_row(_text((row.concept, "bold yellow" if row.differs else "")), *cells)
    out.print(table)
    out.print(
        f"{sum(1 for r in result.rows if r.differs)} of {len(result.rows)} concepts differ (highlighted)"
    )


def concepts_table(uses: Any) -> None:
    out = console()
    table = Table()
    for column in ("concept", "中文", "jurisdictions", "articles"):
        table.add_column(column, overflow="fold")
    for use in uses:
        places = "; ".join(f"{ref} {', '.join(arts)}" for ref, arts in use.articles.items())
        table.add_row(use.code, use.zh, str(len(use.jurisdictions)), places)
    out.print(table)


def explanation(answer: Any) -> None:
    """The why and why-not trees of `explain`, one indented line per step, marked as
    holding (✓), failing (✗), undetermined (?) or a fact (•)."""
    marks = Marks.for_stream(sys.stdout)
    symbol = {"holds": marks.holds, "fails": marks.fails, "undetermined": "?", "fact": marks.bullet}

    def show(node: Any, indent: str) -> None:
        detail = f" {marks.dash} {node.detail}" if node.detail else ""
        print(printable(f"{indent}{symbol[node.status]} {node.label}{detail}"))
        for child in node.children:
            show(child, indent + "  ")

    for tree in answer.trees:
        show(tree, "")


def vocabulary_table(entries: list[dict[str, Any]]) -> None:
    """One list of codes: each code with its parent (kinds) and its Chinese terms."""
    for entry in entries:
        if "parent" in entry:
            line = f"{entry['code']:36s} {entry['parent'] or '':28s} {entry['zh']}"
        else:
            line = f"{entry['code']:28s} {entry['zh']}"
        print(printable(line))
