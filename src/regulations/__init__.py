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
from regulations.facts import Unit
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
    "InvalidValueError",
    "Library",
    "LoadError",
    "RegulationsError",
    "RuleView",
    "Unit",
    "UnitProfile",
    "UnknownCodeError",
    "applies",
    "articles",
    "load",
    "unit_profile",
]
