"""regulations: Chinese local 平安建设 law as rules a program can ask.

>>> import regulations
>>> answer = regulations.applies("ordos", kind="school")
>>> 19 in answer.article_numbers
True

Heavier parts (facts, evaluation) are imported on first use, so that asking which articles
apply stays quick from a fresh process.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from engine import collector_paused
from regulations.errors import (
    Error,
    InvalidValueError,
    LoadError,
    RegulationsError,
    UnknownCodeError,
)
from regulations.library import Library, load
from regulations.queries import applies, articles, unit_profile
from regulations.views import (
    Applicability,
    ArticleBinding,
    ArticlesView,
    ArticleText,
    RuleView,
    UnitProfile,
)

if TYPE_CHECKING:
    from regulations.compare import compare, diff
    from regulations.evaluation import Explanation, Report, UnitReport, evaluate, explain
    from regulations.facts import Unit
    from regulations.factsfile import FactSet, load_facts, read_facts
    from regulations.outcomes import Obligation, OpenItem, Question, Sanction, TermValue

_LAZY = {
    "evaluate": "regulations.evaluation",
    "explain": "regulations.evaluation",
    "Explanation": "regulations.evaluation",
    "Report": "regulations.evaluation",
    "UnitReport": "regulations.evaluation",
    "Unit": "regulations.facts",
    "FactSet": "regulations.factsfile",
    "load_facts": "regulations.factsfile",
    "read_facts": "regulations.factsfile",
    "Obligation": "regulations.outcomes",
    "Sanction": "regulations.outcomes",
    "OpenItem": "regulations.outcomes",
    "Question": "regulations.outcomes",
    "TermValue": "regulations.outcomes",
    "compare": "regulations.compare",
    "diff": "regulations.compare",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'regulations' has no attribute {name!r}")
    loaded = import_module(module)
    for other, home in _LAZY.items():  # a submodule named like its function is shadowed
        if home == module:
            globals()[other] = getattr(loaded, other)
    return globals()[name]


__all__ = [
    "Applicability",
    "ArticleBinding",
    "ArticleText",
    "ArticlesView",
    "Error",
    "Explanation",
    "FactSet",
    "InvalidValueError",
    "Library",
    "LoadError",
    "Obligation",
    "OpenItem",
    "Question",
    "RegulationsError",
    "Report",
    "RuleView",
    "Sanction",
    "TermValue",
    "Unit",
    "UnitProfile",
    "UnitReport",
    "UnknownCodeError",
    "applies",
    "articles",
    "collector_paused",
    "compare",
    "diff",
    "evaluate",
    "explain",
    "load",
    "load_facts",
    "read_facts",
    "unit_profile",
]
