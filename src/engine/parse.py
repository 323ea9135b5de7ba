"""Rule text → typed AST (engine.ast), one transformer, a span on every node."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lark import Lark, Token
    from lark.exceptions import UnexpectedInput

from engine import ast
from engine.errors import Diagnostic, RuleError
from engine.names import suggest
from engine.numbers import DIGITS_RULE, ascii_digits, not_ascii_digit
from engine.span import Origin, Span, locate

_EXPECTED_NAMES = {
    "NAME": "a name",
    "STRING": 'a quoted summary "…"',
    "MODALITY": "must / must_not / may / encouraged",
    "SANCTION": "sanction",
    "INT": "a whole number",
    "UNIT": "days / working_days / months / years",
    "OP": "a comparison (= != < <= > >=)",
    "LPAR": "(",
    "RPAR": ")",
    "LSQB": "[",
    "RSQB": "]",
    "COMMA": ",",
    "DOT": ".",
    "PLUS": "+",
    "DATE": "a date YYYY-MM-DD",
    "MONTH_DAY": "a day MM-DD",
    "SIGNED_NUMBER": "a number",
}


class GluedWords(Exception):
    """Two words written as one ("whom" read as the keyword "who" and a name "m"): the
    lexer matches a keyword at the start of a longer word where no name may follow."""

    def __init__(self, word: str, line: int, column: int) -> None:
        super().__init__(word)
        self.word, self.line, self.column = word, line, column


class _WordBoundaries:
    """Post-lexer: a token that is a word must not continue the word before it."""

    always_accept: tuple[str, ...] = ()

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        previous = None
        for token in stream:
            if (
                previous is not None
                and previous.end_pos == token.start_pos
                and _WORD.fullmatch(str(previous))
                and _WORD.fullmatch(str(token))
            ):
                raise GluedWords(
                    str(previous) + str(token), previous.line or 1, previous.column or 1
                )
            previous = token
            yield token


_WORD = re.compile(r"[A-Za-z0-9_]+")


@cache
def parser() -> Lark:
    """The LALR parser for ``grammar.lark`` (built once per process)."""
    from lark import Lark

    text = resources.files("engine").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(
        text,
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=False,
        postlex=_WordBoundaries(),
        cache=True,
    )


@cache
def keywords() -> tuple[str, ...]:
    """The words of the rule language (who, when, must…), for did-you-mean."""
    words = {
        t.pattern.value
        for t in parser().terminals
        if t.pattern.type == "str" and _WORD.fullmatch(t.pattern.value)
    }
    return tuple(sorted(words | {"must", "must_not", "may", "encouraged"}))


MAX_NESTING = 32
"""Deepest nesting of a condition (``not``, parentheses, and/or): real rules nest < 5; a
limit keeps every later stage, which walks conditions recursively, within the stack."""


def parse_rules(text: str, origin: Origin) -> list[ast.Rule]:
    """Parse the rules of one article. Raises RuleError with a located diagnostic."""
    from lark.exceptions import UnexpectedInput, VisitError

    from engine.transform import Builder

    foreign = _foreign_digits(text, origin)
    if foreign:
        raise RuleError(foreign)
    builder = Builder(origin, text)
    try:
        tree = parser().parse(text)
        rules: list[ast.Rule] = builder.transform(tree)
    except UnexpectedInput as exc:
        raise RuleError([_syntax_diagnostic(exc, text, origin)]) from exc
    except GluedWords as exc:
        raise RuleError(
            [
                Diagnostic(
                    "syntax",
                    f"unknown word {exc.word!r}",
                    locate(origin, text, exc.line, exc.column),
                    hint="separate words with a space",
                    suggestions=suggest(exc.word, keywords()),
                    value=exc.word,
                )
            ]
        ) from exc
    except VisitError as exc:  # an error raised while building a node
        if isinstance(exc.orig_exc, RuleError):
            raise exc.orig_exc from exc
        if isinstance(exc.orig_exc, RecursionError):
            raise RuleError([_too_deep(None, locate(origin, text, 1, 1))]) from exc
        raise
    except RecursionError as exc:
        raise RuleError([_too_deep(None, locate(origin, text, 1, 1))]) from exc
    deep = [
        _too_deep(depth, rule.span)
        for rule in rules
        for depth in [max(map(_depth, rule.conditions), default=0)]
        if depth > MAX_NESTING
    ]
    # besides the depth, what the builder found: a clause given twice, a bad number or date
    problems = deep + builder.problems
    if problems:
        raise RuleError(sorted(problems, key=_position))
    return rules


def _foreign_digits(text: str, origin: Origin) -> list[Diagnostic]:
    """Every number or date written with a digit that is not ASCII (full-width １２-３１,
    Arabic-Indic ٣), outside quoted text and comments: one rule for digits in every token
    (the grammar's are ASCII), each refused where it stands, not as the token it breaks."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        index, quoted = 0, False
        while index < len(line):
            char = line[index]
            if char == '"':
                quoted = not quoted
            elif char == "#" and not quoted:
                break
            elif not quoted and not_ascii_digit(char):
                start = index
                while start > 0 and _numeric(line[start - 1]):
                    start -= 1
                end = index
                while end < len(line) and _numeric(line[end]):
                    end += 1
                token = line[start:end]
                found.append(
                    Diagnostic(
                        "syntax",
                        f"{token!r} is not written in ASCII digits",
                        locate(origin, text, number, index + 1),
                        hint=f"{DIGITS_RULE}: write {ascii_digits(token)!r}",
                        value=token,
                    )
                )
                index = end
                continue
            index += 1
    return found


def _numeric(char: str) -> bool:
    """A character of a number or date as written: a digit (of any script), - or ."""
    return char in "-." or (char.isascii() and char.isdigit()) or not_ascii_digit(char)


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    span = diagnostic.span
    return (span.line, span.column) if span is not None else (0, 0)


def _depth(condition: ast.Condition) -> int:
    """How deep a condition nests (walked without recursion: it may be very deep)."""
    deepest, stack = 0, [(condition, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, ast.AllOf | ast.AnyOf):
            stack.extend((item, depth + 1) for item in node.items)
        elif isinstance(node, ast.Not):
            stack.append((node.item, depth + 1))
    return deepest


def _too_deep(depth: int | None, span: Span) -> Diagnostic:
    how = f"{depth} levels deep" if depth else "too deeply"
    return Diagnostic(
        "limit",
        f"a condition nests {how} (at most {MAX_NESTING} levels)",
        span,
        hint="write it flatter: 'not not x' is x, and 'a and (b and c)' is 'a and b and c'",
    )


def _syntax_diagnostic(exc: UnexpectedInput, text: str, origin: Origin) -> Diagnostic:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    line = getattr(exc, "line", 1) or 1
    column = getattr(exc, "column", 1) or 1
    if isinstance(exc, UnexpectedEOF) or (
        isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    ):
        lines = text.rstrip().splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
        message = "rule text ends too early"
    elif isinstance(exc, UnexpectedCharacters):
        char = text[exc.pos_in_stream or 0]
        message = (
            'a quoted text is not closed on its line: add the closing "'
            if char == '"'
            else f"unexpected character {char!r}"
        )
    elif isinstance(exc, UnexpectedToken):
        kind = exc.token.type
        word = "name" if kind == "NAME" else "text" if kind == "STRING" else None
        message = (
            f"unexpected {word} {str(exc.token)!r}" if word else f"unexpected {str(exc.token)!r}"
        )
    else:  # pragma: no cover - lark has no other UnexpectedInput subclasses
        message = "syntax error"
    expected = sorted(
        {
            _EXPECTED_NAMES.get(name, "end of text" if name == "$END" else name.strip('"').lower())
            for name in getattr(exc, "expected", ()) or ()
            if not name.startswith("__")
        }
    )
    shown = [f"'{e}'" if len(e) <= 2 else e for e in expected[:16]]
    hint = f"expected {' or '.join(shown)}" if shown else ""
    if isinstance(exc, UnexpectedCharacters) and not_ascii_digit(
        value := text[exc.pos_in_stream or 0]
    ):
        hint = f"{DIGITS_RULE}: write {ascii_digits(value)!r} for {value!r}"
    if isinstance(exc, UnexpectedToken) and exc.token.type == "NAME":
        close = suggest(str(exc.token), [e for e in expected if e.isalpha() or "_" in e])
        if close:
            hint = f"did you mean {' or '.join(repr(c) for c in close)}? " + hint
    token = getattr(exc, "token", None)
    value = str(token) if token is not None and getattr(token, "type", "") != "$END" else ""
    if isinstance(exc, UnexpectedCharacters):
        value = text[exc.pos_in_stream or 0]
    return Diagnostic(
        "syntax",
        message,
        locate(origin, text, line, column),
        hint=hint,
        value=value,
        expected=tuple(expected),
    )
