"""A small, generic rule engine: a rule language (Lark), a staged compiler and a
forward-chaining runtime with provenance. It knows nothing of any particular law: the
vocabulary, fact types and open terms come in as a Schema.

Pipeline (engine/pipeline.py composes it): rule text → ``parse`` (AST with spans) →
``check`` (names resolve) → ``compile`` (closures) → ``order`` (strata) → a ``RuleSet``,
the plan → ``runtime`` (derived conclusions) → ``explain``.

This module is the engine's face: what a caller (the regulations package) may import. The
modules ``ast``, ``unparse`` and ``explain`` are part of it; ``engine.columnar``, the second
backend, is imported by name where wanted (it needs polars).
"""

from engine import ast, explain, unparse
from engine.ast import open_terms
from engine.context import settled_through, within
from engine.deadlines import DECISION_DAY, counted_elsewhere, met_by, needed
from engine.errors import (
    CycleError,
    Diagnostic,
    EngineError,
    Error,
    EvaluationLimitError,
    JoinLimitError,
    ParameterError,
    PeriodError,
    RuleError,
    shown,
)
from engine.names import repeated, suggest
from engine.numbers import MAX_DIGITS, whole_number
from engine.params import coerce, resolve_params
from engine.periods import Period, Reckoning, WeekendCalendar, WorkCalendar, period_end
from engine.pipeline import check_all, compile_all, compile_cached, compile_sources, parse_all
from engine.results import Conclusion, Evaluation, SubjectResult, Undetermined
from engine.rules import CompiledRule, Order, Parsed, RuleSet, RuleSource
from engine.runtime import Evaluator, collector_paused
from engine.schema import FactType, FieldType, Hints, ParamSpec, Schema
from engine.span import Origin, Span, key_path

__all__ = [
    "DECISION_DAY",
    "MAX_DIGITS",
    "CompiledRule",
    "Conclusion",
    "CycleError",
    "Diagnostic",
    "EngineError",
    "Error",
    "Evaluation",
    "EvaluationLimitError",
    "Evaluator",
    "FactType",
    "FieldType",
    "Hints",
    "JoinLimitError",
    "Order",
    "Origin",
    "ParamSpec",
    "ParameterError",
    "Parsed",
    "Period",
    "PeriodError",
    "Reckoning",
    "RuleError",
    "RuleSet",
    "RuleSource",
    "Schema",
    "Span",
    "SubjectResult",
    "Undetermined",
    "WeekendCalendar",
    "WorkCalendar",
    "ast",
    "check_all",
    "coerce",
    "collector_paused",
    "compile_all",
    "compile_cached",
    "compile_sources",
    "counted_elsewhere",
    "explain",
    "key_path",
    "met_by",
    "needed",
    "open_terms",
    "parse_all",
    "period_end",
    "repeated",
    "resolve_params",
    "settled_through",
    "shown",
    "suggest",
    "unparse",
    "whole_number",
    "within",
]
