"""Numbers as people write them in rule text, open-term values and arguments: ASCII digits,
and no more of them than any legal number needs."""

from __future__ import annotations

MAX_DIGITS = 18
"""The most digits a number may have: no period, count, month or article needs more, and
beyond it a number cannot be converted safely (``int`` refuses 4,301 digits)."""


MAX_COUNT = 1000
"""The most occurrences a rule can ask for (``count … >= N``, ``at_least N``, an open term
of type count such as 'repeatedly')."""


def whole_number(text: str) -> int | None:
    """``text`` as a whole number if it is 1 to MAX_DIGITS ASCII decimal digits, else None.
    Not ``str.isdigit``: '¹' and '١' are digits to it, and ``int`` refuses the first."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    return int(text)
