"""Errors are values: one root exception, subclasses with structured fields and a span."""

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

    def __str__(self) -> str:
        where = f"{self.span}: " if self.span else ""
        text = f"{where}{self.message}"
        if self.suggestions:
            text += f" (did you mean {', '.join(repr(s) for s in self.suggestions)}?)"
        if self.hint:
            text += f"; {self.hint}"
        return text


class EngineError(Exception):
    """Root of every error the engine raises."""


class RuleError(EngineError):
    """Rule text that cannot be compiled: carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        first = diagnostics[0] if diagnostics else None
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first}{more}")


class CycleError(EngineError):
    """Rules that depend on each other through a negation or exception: no stratification."""

    def __init__(self, rules: list[str]) -> None:
        self.rules = tuple(rules)
        super().__init__(
            "rules form a cycle through a negation, exception or suspension: "
            + " → ".join(rules)
            + "; break the cycle so that no rule depends on its own absence"
        )


class EvaluationLimitError(EngineError):
    """Forward chaining did not reach a fixpoint within the round limit."""

    def __init__(self, limit: int, key: object) -> None:
        self.limit = limit
        self.key = key
        super().__init__(
            f"evaluation of {key!r} did not reach a fixpoint within {limit} rounds; "
            "a rule keeps deriving new facts — check rules that derive what they consume"
        )


class ParameterError(EngineError):
    """An open-term parameter value the rules cannot use."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(f"parameter {name!r}: {message}")


class PeriodError(EngineError):
    """A legal period that cannot be computed (for example, beyond the holiday calendar)."""
