"""The one transformer from lark's parse tree to the typed AST (imported when text is parsed)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, NamedTuple

from lark import Token, Transformer, v_args

from engine import ast
from engine.errors import Diagnostic
from engine.numbers import MAX_DIGITS
from engine.span import Origin, SourceLines, Span

_CONDITION_HINT = "join conditions with 'and' / 'or' in one clause"


class Clause(NamedTuple):
    """One clause of a rule as written: its keyword (as the messages name it), the field of
    ``ast.Rule`` it sets, its value, and where it stands."""

    keyword: str
    field: str
    value: Any
    span: Span


def _unquote(token: Token) -> str:
    return str(token)[1:-1]


def _shown(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}… ({len(text)} characters)"


class Builder(Transformer[Token, Any]):
    """Builds AST nodes; each callback receives lark's meta for its span. Problems found
    while building (a clause given twice, a number that cannot be converted) are collected
    in ``problems``: the caller raises them together once the whole text is built."""

    def __init__(self, origin: Origin, text: str) -> None:
        super().__init__(visit_tokens=False)
        self.origin = origin
        self.lines = SourceLines(origin, text)
        self.problems: list[Diagnostic] = []

    def _span(self, meta: Any) -> Span:
        line = getattr(meta, "line", 1) if not getattr(meta, "empty", False) else 1
        column = getattr(meta, "column", 1) if not getattr(meta, "empty", False) else 1
        return self.lines.span(line, column)

    def _tok_span(self, token: Token) -> Span:
        return self.lines.span(token.line or 1, token.column or 1)

    def _twice(self, keyword: str, span: Span, hint: str = "") -> None:
        """The one message for anything given twice where once is all a rule can use."""
        self.problems.append(
            Diagnostic(
                "duplicate-clause",
                f"'{keyword}' given twice in one rule",
                span,
                hint=hint or f"keep one '{keyword}'",
                value=keyword,
            )
        )

    def _literal(self, token: Token, whole: bool) -> Any:
        """A number as written, converted; one that has too many digits or does not fit a
        float is a located problem (with 0 standing in for it), never an exception."""
        text = str(token)
        digits = text.lstrip("+-").split(".")[0].split("e")[0].split("E")[0].lstrip("0")
        value: float | int = 0
        if len(digits) <= MAX_DIGITS:
            value = int(text) if whole else float(text)
            if math.isfinite(value) and abs(value) < 10**MAX_DIGITS:
                return value
        self.problems.append(
            Diagnostic(
                "value",
                f"the number {_shown(text)} is too large",
                self._tok_span(token),
                hint=f"a number in rule text stays below 10^{MAX_DIGITS} ({MAX_DIGITS} digits)",
                value=text,
            )
        )
        return 0

    # rules ------------------------------------------------------------------------------

    def start(self, children: list[ast.Rule]) -> list[ast.Rule]:
        return children

    @v_args(meta=True)
    def rule(self, meta: Any, children: list[Any]) -> ast.Rule:
        head, *clauses = children
        fields: dict[str, Any] = dict(head)
        escalations: list[ast.Escalation] = []
        notes: list[str] = []
        seen: set[str] = set()
        for clause in clauses:
            keyword, name, value, span = clause
            if name == "escalations":
                escalations.append(value)
            elif name == "notes":
                notes.append(value)
            elif name in ("who", "by"):  # several lines add up
                fields[name] = fields.get(name, ()) + value
            elif name == "interpretation" and name in fields:
                fields[name] = f"{fields[name]}; {value}"
            elif keyword in seen:
                conditional = keyword in ("when", "unless", "suspended while", "asked when")
                self._twice(keyword, span, _CONDITION_HINT if conditional else "")
            elif keyword == "optional" and fields.get("alternatives"):
                self.problems.append(
                    Diagnostic(
                        "clause",
                        "'optional' on measures joined by 'or': they are alternatives already",
                        span,
                        hint="drop 'optional' (it marks a single measure the body may impose)",
                        value="optional",
                    )
                )
            else:
                seen.add(keyword)
                fields[name] = value
        return ast.Rule(
            span=self._span(meta), escalations=tuple(escalations), notes=tuple(notes), **fields
        )

    def duty_head(self, children: list[Token]) -> dict[str, Any]:
        modality, concept, summary = children
        return {
            "kind": "obligation",
            "modality": str(modality),
            "concept": str(concept),
            "measures": (),
            "summary": _unquote(summary),
        }

    def sanction_head(self, children: list[Any]) -> dict[str, Any]:
        measures, summary = children
        return {
            "kind": "sanction",
            "modality": "sanction",
            "concept": None,
            "measures": measures,
            "summary": _unquote(summary),
        }

    def sanction_choice_head(self, children: list[Token]) -> dict[str, Any]:
        *measures, summary = children
        head = self.sanction_head([tuple(str(m) for m in measures), summary])
        head["alternatives"] = True
        return head

    def name_list(self, children: list[Token]) -> tuple[str, ...]:
        return tuple(str(c) for c in children)

    # clauses ----------------------------------------------------------------------------

    @v_args(meta=True)
    def who(self, meta: Any, children: list[ast.Subject]) -> Clause:
        return Clause("who", "who", tuple(children), self._span(meta))

    @v_args(meta=True)
    def by(self, meta: Any, children: list[ast.Subject]) -> Clause:
        return Clause("by", "by", tuple(children), self._span(meta))

    @v_args(meta=True)
    def role(self, meta: Any, children: list[Token]) -> Clause:
        return Clause("as", "role", str(children[0]), self._span(meta))

    @v_args(meta=True)
    def when(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("when", "when", children[0], self._span(meta))

    @v_args(meta=True)
    def unless(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("unless", "unless", children[0], self._span(meta))

    @v_args(meta=True)
    def suspended(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("suspended while", "suspended_while", children[0], self._span(meta))

    @v_args(meta=True)
    def asked(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("asked when", "asked_when", children[0], self._span(meta))

    @v_args(meta=True)
    def due(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("due", "due", children[0], self._span(meta))

    @v_args(meta=True)
    def until(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("until", "until", children[0], self._span(meta))

    @v_args(meta=True)
    def escalate(self, meta: Any, children: list[Any]) -> Clause:
        span = self._span(meta)
        return Clause("escalate", "escalations", ast.Escalation(span, *children), span)

    @v_args(meta=True)
    def until_year_of(self, meta: Any, children: list[Any]) -> Clause:
        span = self._span(meta)
        offset = int(children[1]) if len(children) > 1 else 0
        return Clause("until", "until_year_of", ast.YearEnd(span, children[0], offset), span)

    @v_args(meta=True)
    def until_year_end(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("until", "until_year_end", True, self._span(meta))

    @v_args(meta=True)
    def optional(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("optional", "alternatives", True, self._span(meta))

    @v_args(meta=True)
    def defers(self, meta: Any, children: list[Any]) -> Clause:
        return Clause("defers to other_law", "defers_to_other_law", True, self._span(meta))

    @v_args(meta=True)
    def interpretation(self, meta: Any, children: list[Token]) -> Clause:
        return Clause("interpretation", "interpretation", _unquote(children[0]), self._span(meta))

    @v_args(meta=True)
    def note(self, meta: Any, children: list[Token]) -> Clause:
        return Clause("note", "notes", _unquote(children[0]), self._span(meta))

    # subjects ---------------------------------------------------------------------------

    def kind_subject(self, children: list[Any]) -> ast.Subject:
        name = children[0]
        levels = children[1] if len(children) > 1 else ()
        return ast.Subject(self._tok_span(name), kind=str(name), levels=levels)

    def tag_subject(self, children: list[Token]) -> ast.Subject:
        return ast.Subject(self._tok_span(children[0]), tag=str(children[0]))

    def levels(self, children: list[Token]) -> tuple[str, ...]:
        return tuple(str(c) for c in children)

    # conditions -------------------------------------------------------------------------

    @v_args(meta=True)
    def any_of(self, meta: Any, children: list[Any]) -> Any:
        return children[0] if len(children) == 1 else ast.AnyOf(self._span(meta), tuple(children))

    @v_args(meta=True)
    def all_of(self, meta: Any, children: list[Any]) -> Any:
        return children[0] if len(children) == 1 else ast.AllOf(self._span(meta), tuple(children))

    @v_args(meta=True)
    def negation(self, meta: Any, children: list[Any]) -> ast.Not:
        return ast.Not(self._span(meta), children[0])

    def exists(self, children: list[Any]) -> ast.Exists:
        name, *rest = children
        alias = None
        if rest and isinstance(rest[-1], tuple) and rest[-1][0] == "alias":
            alias = rest.pop()[1]
        through = rest.pop()[1] if rest and isinstance(rest[-1], tuple) else None
        return ast.Exists(self._tok_span(name), str(name), tuple(rest), alias, through)

    def alias(self, children: list[Token]) -> tuple[str, str]:
        return ("alias", str(children[0]))

    def through(self, children: list[Token]) -> tuple[str, ast.Operand]:
        ref, field_name = children
        return ("through", ast.Operand(self._tok_span(ref), str(ref), str(field_name)))

    def count(self, children: list[Any]) -> ast.Count:
        name, *tests, at_least, within = children
        through = tests.pop()[1] if tests and isinstance(tests[-1], tuple) else None
        return ast.Count(self._tok_span(name), str(name), tuple(tests), at_least, within, through)

    def open_term(self, children: list[Token]) -> ast.OpenTerm:
        return ast.OpenTerm(self._tok_span(children[0]), str(children[0]))

    @v_args(meta=True)
    def compare(self, meta: Any, children: list[Any]) -> ast.Compare:
        left, op, right = children
        return ast.Compare(self._span(meta), left, str(op), right)  # type: ignore[arg-type]

    def operand(self, children: list[Any]) -> ast.Operand:
        ref, field_name, *offset = children
        return ast.Operand(
            self._tok_span(ref), str(ref), str(field_name), offset[0] if offset else None
        )

    def test(self, children: list[Any]) -> ast.Test:
        name, op, value = children
        return ast.Test(self._tok_span(name), str(name), str(op), (value,))  # type: ignore[arg-type]

    def test_in(self, children: list[Any]) -> ast.Test:
        name, *values = children
        return ast.Test(self._tok_span(name), str(name), "in", tuple(values))

    # values -----------------------------------------------------------------------------

    def symbol(self, children: list[Token]) -> ast.Symbol:
        return ast.Symbol(self._tok_span(children[0]), str(children[0]))

    def number(self, children: list[Token]) -> ast.Number:
        return ast.Number(self._tok_span(children[0]), self._literal(children[0], whole=False))

    def text(self, children: list[Token]) -> ast.Text:
        return ast.Text(self._tok_span(children[0]), _unquote(children[0]))

    def date(self, children: list[Token]) -> ast.DateLit:
        token = children[0]
        span = self._tok_span(token)
        try:
            value = dt.date.fromisoformat(str(token))
        except ValueError:
            message = f"{token} is not a calendar date"
            self.problems.append(Diagnostic("value", message, span, value=str(token)))
            value = dt.date.min
        return ast.DateLit(span, value)

    def param_value(self, children: list[Token]) -> ast.ParamRef:
        return ast.ParamRef(self._tok_span(children[0]), str(children[0]))

    @v_args(meta=True)
    def true(self, meta: Any, children: list[Any]) -> ast.Flag:
        return ast.Flag(self._span(meta), True)

    @v_args(meta=True)
    def today(self, meta: Any, children: list[Any]) -> ast.Today:
        return ast.Today(self._span(meta))

    @v_args(meta=True)
    def false(self, meta: Any, children: list[Any]) -> ast.Flag:
        return ast.Flag(self._span(meta), False)

    # deadlines --------------------------------------------------------------------------

    @v_args(meta=True)
    def within(self, meta: Any, children: list[Any]) -> ast.Within:
        return ast.Within(self._span(meta), children[0], children[1])

    @v_args(meta=True)
    def by_date(self, meta: Any, children: list[Any]) -> ast.ByDate:
        return ast.ByDate(self._span(meta), children[0])

    @v_args(meta=True)
    def immediately(self, meta: Any, children: list[Any]) -> ast.Immediately:
        return ast.Immediately(self._span(meta), children[0])

    @v_args(meta=True)
    def every(self, meta: Any, children: list[Any]) -> ast.Every:
        return ast.Every(self._span(meta), children[0])

    @v_args(meta=True)
    def yearly(self, meta: Any, children: list[Clause]) -> ast.Yearly:
        options: dict[str, Any] = {}
        for keyword, name, value, span in children:
            if name in options:
                self._twice(keyword, span)
            else:
                options[name] = value
        if "by" in options and "in_week" in options:
            self.problems.append(
                Diagnostic(
                    "clause",
                    "a yearly duty is due 'by' a day or 'in month … week', not both",
                    self._span(meta),
                    hint="keep one",
                )
            )
        return ast.Yearly(
            self._span(meta),
            at_least=options.get("at_least"),
            by_month_day=options.get("by"),
            in_week=options.get("in_week"),
        )

    @v_args(meta=True)
    def at_least(self, meta: Any, children: list[Token]) -> Clause:
        return Clause("at_least", "at_least", self._literal(children[0], True), self._span(meta))

    @v_args(meta=True)
    def by_day(self, meta: Any, children: list[Token]) -> Clause:
        month, day = str(children[0]).split("-")
        return Clause("by", "by", (int(month), int(day)), self._span(meta))

    @v_args(meta=True)
    def in_week(self, meta: Any, children: list[Token]) -> Clause:
        month, week = (self._literal(c, whole=True) for c in children)
        return Clause("in month", "in_week", (month, week), self._span(meta))

    @v_args(meta=True)
    def fixed_period(self, meta: Any, children: list[Token]) -> ast.FixedPeriod:
        amount = self._literal(children[0], whole=True)
        return ast.FixedPeriod(self._span(meta), amount, str(children[1]))  # type: ignore[arg-type]

    def param_period(self, children: list[Token]) -> ast.ParamPeriod:
        return ast.ParamPeriod(self._tok_span(children[0]), str(children[0]))

    @v_args(meta=True)
    def date_ref(self, meta: Any, children: list[Token]) -> ast.DateRef:
        return ast.DateRef(self._span(meta), str(children[0]), str(children[1]))
