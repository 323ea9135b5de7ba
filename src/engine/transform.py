"""The one transformer from lark's parse tree to the typed AST (imported when text is parsed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lark import Token, Transformer, v_args

from engine import ast
from engine.errors import Diagnostic, RuleError
from engine.span import Origin, SourceLines, Span

_CLAUSE_KEYWORDS = {
    "suspended_while": "suspended while",
    "defers_to_other_law": "defers to other_law",
    "role": "as",
}


def _unquote(token: Token) -> str:
    return str(token)[1:-1]


class Builder(Transformer[Token, Any]):
    """Builds AST nodes; each callback receives lark's meta for its span."""

    def __init__(self, origin: Origin, text: str) -> None:
        super().__init__(visit_tokens=False)
        self.origin = origin
        self.lines = SourceLines(origin, text)

    def _span(self, meta: Any) -> Span:
        line = getattr(meta, "line", 1) if not getattr(meta, "empty", False) else 1
        column = getattr(meta, "column", 1) if not getattr(meta, "empty", False) else 1
        return self.lines.span(line, column)

    def _tok_span(self, token: Token) -> Span:
        return self.lines.span(token.line or 1, token.column or 1)

    # rules ------------------------------------------------------------------------------

    def start(self, children: list[ast.Rule]) -> list[ast.Rule]:
        return children

    @v_args(meta=True)
    def rule(self, meta: Any, children: list[Any]) -> ast.Rule:
        head, *clauses = children
        fields: dict[str, Any] = dict(head)
        escalations: list[ast.Escalation] = []
        notes: list[str] = []
        for name, value in clauses:
            if name == "escalate":
                escalations.append(value)
            elif name == "note":
                notes.append(value)
            elif name in ("who", "by"):
                fields[name] = fields.get(name, ()) + value
            elif name == "interpretation" and name in fields:
                fields[name] = f"{fields[name]}; {value}"
            elif name in fields:
                keyword = _CLAUSE_KEYWORDS.get(name, name)
                raise RuleError(
                    [
                        Diagnostic(
                            "duplicate-clause",
                            f"a rule has one '{keyword}' clause, this one has two",
                            self._span(meta),
                            hint="join conditions with 'and' / 'or' in one clause",
                        )
                    ]
                )
            else:
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

    def who(self, children: list[ast.Subject]) -> tuple[str, Any]:
        return ("who", tuple(children))

    def by(self, children: list[ast.Subject]) -> tuple[str, Any]:
        return ("by", tuple(children))

    def role(self, children: list[Token]) -> tuple[str, Any]:
        return ("role", str(children[0]))

    def when(self, children: list[Any]) -> tuple[str, Any]:
        return ("when", children[0])

    def unless(self, children: list[Any]) -> tuple[str, Any]:
        return ("unless", children[0])

    def suspended(self, children: list[Any]) -> tuple[str, Any]:
        return ("suspended_while", children[0])

    def due(self, children: list[Any]) -> tuple[str, Any]:
        return ("due", children[0])

    def until(self, children: list[Any]) -> tuple[str, Any]:
        return ("until", children[0])

    @v_args(meta=True)
    def escalate(self, meta: Any, children: list[Any]) -> tuple[str, Any]:
        return ("escalate", ast.Escalation(self._span(meta), children[0], children[1]))

    def until_year_end(self, children: list[Any]) -> tuple[str, Any]:
        return ("until_year_end", True)

    def optional(self, children: list[Any]) -> tuple[str, Any]:
        return ("alternatives", True)

    def defers(self, children: list[Any]) -> tuple[str, Any]:
        return ("defers_to_other_law", True)

    def interpretation(self, children: list[Token]) -> tuple[str, Any]:
        return ("interpretation", _unquote(children[0]))

    def note(self, children: list[Token]) -> tuple[str, Any]:
        return ("note", _unquote(children[0]))

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
        return ast.Exists(self._tok_span(name), str(name), tuple(rest), alias)

    def alias(self, children: list[Token]) -> tuple[str, str]:
        return ("alias", str(children[0]))

    def count(self, children: list[Any]) -> ast.Count:
        name, *tests, at_least, within = children
        return ast.Count(self._tok_span(name), str(name), tuple(tests), at_least, within)

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
        return ast.Number(self._tok_span(children[0]), float(children[0]))

    def text(self, children: list[Token]) -> ast.Text:
        return ast.Text(self._tok_span(children[0]), _unquote(children[0]))

    def date(self, children: list[Token]) -> ast.DateLit:
        token = children[0]
        try:
            value = dt.date.fromisoformat(str(token))
        except ValueError as exc:
            span = self._tok_span(token)
            raise RuleError([Diagnostic("value", f"{token} is not a calendar date", span)]) from exc
        return ast.DateLit(self._tok_span(token), value)

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
    def yearly(self, meta: Any, children: list[tuple[str, Any]]) -> ast.Yearly:
        options = dict(children)
        return ast.Yearly(
            self._span(meta),
            at_least=options.get("at_least"),
            by_month_day=options.get("by"),
            in_week=options.get("in_week"),
        )

    def at_least(self, children: list[Token]) -> tuple[str, Any]:
        return ("at_least", int(children[0]))

    def by_day(self, children: list[Token]) -> tuple[str, Any]:
        month, day = str(children[0]).split("-")
        return ("by", (int(month), int(day)))

    def in_week(self, children: list[Token]) -> tuple[str, Any]:
        return ("in_week", (int(children[0]), int(children[1])))

    @v_args(meta=True)
    def fixed_period(self, meta: Any, children: list[Token]) -> ast.FixedPeriod:
        return ast.FixedPeriod(self._span(meta), int(children[0]), str(children[1]))  # type: ignore[arg-type]

    def param_period(self, children: list[Token]) -> ast.ParamPeriod:
        return ast.ParamPeriod(self._tok_span(children[0]), str(children[0]))

    @v_args(meta=True)
    def date_ref(self, meta: Any, children: list[Token]) -> ast.DateRef:
        return ast.DateRef(self._span(meta), str(children[0]), str(children[1]))
