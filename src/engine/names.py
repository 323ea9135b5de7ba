"""Names as people get them wrong: the did-you-mean of every message, and names given twice.

Used by every stage that reports a name (parse, check, params) and by the domain's own
messages, so that one spelling of "did you mean" serves everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterable
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def suggest(name: str, known: Iterable[str]) -> tuple[str, ...]:
    """Up to three known names close to ``name``.

    >>> suggest("shcool", ["school", "hospital", "scholar"])
    ('school', 'scholar')
    """
    return tuple(difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6))


def repeated(names: Iterable[H]) -> list[H]:
    """The names that occur more than once, each named once, in the order they repeat
    (one pass): measures of a sanction, unit ids, JSON keys, chapter numbers.

    >>> repeated(["a", "b", "a", "c", "b", "a"])
    ['a', 'b']
    """
    seen: set[H] = set()
    twice: dict[H, None] = {}
    for name in names:
        if name in seen:
            twice[name] = None
        seen.add(name)
    return list(twice)
