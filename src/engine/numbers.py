"""Numbers as people write them in rule text, open-term values and arguments: ASCII digits,
and no more of them than any legal number needs."""

from __future__ import annotations

import unicodedata

DIGITS_RULE = "numbers and dates are written in ASCII digits 0-9"
"""The one rule for digits, in rule text (grammar.lark), open-term values and arguments:
full-width １２, Arabic-Indic ١٢ and superscript ¹ are no digits to the project."""

MAX_DIGITS = 18
"""The most digits a number may have: no period, count, month or article needs more, and
beyond it a number cannot be converted safely (``int`` refuses 4,301 digits)."""


MAX_COUNT = 1000
"""The most occurrences a rule can ask for (``count … >= N``, ``at_least N``, an open term
of type count such as 'repeatedly')."""

MAX_JOIN_ROWS = 1_000_000
"""The most combinations of one subject's facts a rule's condition may enumerate in one
round (``incident() as a and incident() as b and incident() as c`` over 300 incidents is
27 million) before the evaluation stops with ``JoinLimitError`` naming the rule;
``Evaluator(join_limit=…)``."""


def whole_number(text: str) -> int | None:
    """``text`` as a whole number if it is 1 to MAX_DIGITS ASCII decimal digits, else None.
    Not ``str.isdigit``: '¹' and '١' are digits to it, and ``int`` refuses the first."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    return int(text)


def not_ascii_digit(char: str) -> bool:
    """Whether ``char`` is a digit to Unicode (full-width, Arabic-Indic, superscript…) but
    not one of the ASCII digits 0-9 that the project reads."""
    return len(char) == 1 and not char.isascii() and unicodedata.digit(char, None) is not None


def ascii_digits(text: str) -> str:
    """``text`` with every Unicode digit written as its ASCII digit (for a message's fix)."""
    return "".join(str(unicodedata.digit(c)) if not_ascii_digit(c) else c for c in text)


MAX_READINGS = 64
"""The most readings of the links a subject's facts leave open that are each evaluated
(engine.readings: two rectifications each answering one of three orders are nine); beyond,
a rule following an open link is left undetermined on it, naming the candidates."""
