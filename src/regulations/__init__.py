"""regulations: Chinese local 平安建设 law as rules a program can ask.

>>> import regulations
>>> answer = regulations.applies("ordos", kind="school")
>>> 19 in answer.article_numbers
True
"""

from regulations.errors import (
    InvalidValueError,
    LoadError,
    RegulationsError,
    UnknownCodeError,
)
from regulations.evaluation import Explanation, Report, UnitReport, evaluate, explain
from regulations.facts import Unit
from regulations.factsfile import FactSet, load_facts
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

__all__ = [
    "Applicability",
    "ArticleBinding",
    "ArticleText",
    "ArticlesView",
    "Explanation",
    "FactSet",
    "InvalidValueError",
    "Library",
    "LoadError",
    "RegulationsError",
    "Report",
    "RuleView",
    "Unit",
    "UnitProfile",
    "UnitReport",
    "UnknownCodeError",
    "applies",
    "articles",
    "evaluate",
    "explain",
    "load",
    "load_facts",
    "unit_profile",
]
