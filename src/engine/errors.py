"""Errors are values: one root exception (``Error``), subclasses with structured fields,
and ``Diagnostic`` records carrying a span, the offending value, what was expected and a
did-you-mean. They are raised as typed objects and rendered once, at the edge (the CLI)."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.span import Span


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in rule text: what, where, and how to fix it."""

    code: str
    message: str
    span: Span | None = None
    hint: str = ""
    suggestions: tuple[str, ...] = field(default=())
    value: str = ""  # the offending token or value, as written
    expected: tuple[str, ...] = field(default=())  # what would have been accepted there

    def to_dict(self) -> dict[str, object]:
        """The diagnostic as plain data (for JSON): every field, the span's flattened."""
        span = self.span
        return {
            "code": self.code,
            "message": self.message,
            "file": span.file if span else None,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "context": span.context if span else "",
            "key_path": span.key_path if span else "",
            "article": span.article if span else "",
            "value": self.value,
            "expected": list(self.expected),
            "hint": self.hint,
            "suggestions": list(self.suggestions),
        }

    def __str__(self) -> str:
        where = f"{self.span}: " if self.span else ""
        text = f"{where}{self.message}"
        if self.suggestions:
            text += f" (did you mean {', '.join(repr(s) for s in self.suggestions)}?)"
        if self.hint:
            text += f"; {self.hint}"
        return text


def shown(text: str, limit: int = 40) -> str:
    """A value as a message quotes it: cut after ``limit`` characters, so that a number of
    5,000 digits or a whole structure is not echoed back."""
    return text if len(text) <= limit else text[:limit] + "…"


class Error(Exception):
    """Root of every error the project raises for bad input — rule text, rule files,
    facts, arguments — and for limits reached. Catch this one to catch them all."""


class EngineError(Error):
    """Root of the errors the generic engine raises."""


class RuleError(EngineError):
    """Rule text that cannot be compiled: carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        first = diagnostics[0] if diagnostics else None
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first}{more}")


class CycleError(RuleError):
    """Rules that depend on each other through a negation or exception: no stratification.
    ``rules`` is the cycle by rule id; its one diagnostic is located at the first."""

    def __init__(self, rules: list[str], span: Span | None = None) -> None:
        self.rules = tuple(rules)
        super().__init__(
            [
                Diagnostic(
                    "cycle",
                    "rules form a cycle through a negation, exception or suspension: "
                    + " → ".join(rules)
                    + "; break the cycle so that no rule depends on its own absence",
                    span,
                )
            ]
        )


class EvaluationLimitError(EngineError):
    """Forward chaining did not reach a fixpoint within the round limit."""

    def __init__(self, limit: int, key: object, rules: tuple[str, ...] = ()) -> None:
        self.limit = limit
        self.key = key
        self.rules = rules
        involved = f" by {', '.join(rules)}" if rules else ""
        super().__init__(
            f"evaluation of {key!r} did not reach a fixpoint within {limit} rounds: new facts "
            f"were still being derived{involved}; check rules that derive what they consume, "
            "or raise the round limit (Evaluator(limit=…)) if the chain is legitimately long"
        )


class JoinLimitError(EngineError):
    """A rule's condition enumerated more combinations of one subject's facts than the
    join limit allows (aliases of one fact type joined with no bound between them)."""

    def __init__(self, limit: int, key: object, rule: str | None = None) -> None:
        self.limit = limit
        self.key = key
        self.rule = rule
        which = f"rule {rule}" if rule else "a rule"
        super().__init__(
            f"evaluation of {key!r} stopped: {which} joined more than {limit:,} combinations "
            "of the unit's facts; bind each alias to the others by a comparison that narrows "
            "it, or raise the join limit (Evaluator(join_limit=…)) if the facts are "
            "legitimately that many"
        )


class ParameterError(EngineError):
    """An open-term parameter value the rules cannot use."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.reason = message
        super().__init__(f"parameter {name!r}: {message}")


class PeriodError(EngineError):
    """A legal period that cannot be computed (for example, beyond the holiday calendar)."""
