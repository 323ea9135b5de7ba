"""YAML with positions: every mapping remembers where its keys and values start, so an
error can name file, line and column, and rule text can be mapped back to its file."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from engine import Diagnostic, Origin, Span, key_path, shown
from regulations.errors import InvalidValueError, LoadError, shown_path
from regulations.limits import MAX_ALIAS_GROWTH, MAX_YAML_DEPTH


class Located(dict[str, Any]):
    """A mapping read from YAML, with the position of each key's value."""

    def __init__(self) -> None:
        super().__init__()
        self.positions: dict[str, tuple[int, int, str]] = {}  # key -> (line, column, style)
        self.key_positions: dict[str, tuple[int, int]] = {}  # key -> where the key itself is
        self.line = 1
        self.column = 1


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present

_TAG = "tag:yaml.org,2002:"
_NOT_DECIMAL = "tag:regulations:not-decimal"  # a plain scalar refused: see _refuse_number
_SCHEMA: tuple[tuple[str, str, str], ...] = (  # tag, what a plain scalar must match, first chars
    # YAML 1.2 core schema: not YAML 1.1, which PyYAML reads (yes/no/on/off as flags, 010 as
    # octal 8, 1:30 as 90, 1_000 as 1000, 0x1A as 26); those are text here, or refused
    (_TAG + "null", r"~|null|Null|NULL|", "~nN"),
    (_TAG + "bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    (_TAG + "int", r"[-+]?(?:0|[1-9][0-9]*)", "-+0123456789"),
    (
        _TAG + "float",
        r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
    # numbers YAML 1.2 reads in ways a reader may not mean: 010 (10, where 1.1 read 8), hex,
    # octal, binary; refused with a located error rather than read either way
    (
        _NOT_DECIMAL,
        r"[-+]?0(?:[0-9_]+(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
        r"|[xX][0-9a-fA-F_]+|[oO][0-7_]+|[bB][01_]+)",
        "-+0",
    ),
    # not in the core schema: a date, written YYYY-MM-DD and nothing else
    (_TAG + "timestamp", r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "0123456789"),
    (_TAG + "merge", r"<<", "<"),
)
_NAMES = {_TAG + "str", _TAG + "int", _TAG + "bool", _TAG + "float", _NOT_DECIMAL}
"""Tags of a scalar key taken as the name it is written as (``yes:`` is 'yes', ``010:``
'010', never 'True' or '8')."""


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The project's YAML reader: YAML 1.2 core schema plus dates, positions on every
    mapping, every value YAML cannot build a located error."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value YAML's own constructors cannot build (``!!int abc``, ``!!timestamp x``,
        an integer of thousands of digits) is a located error, not a Python exception."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as exc:
            # PyYAML's own scalar constructors fail so on a bad value (!!bool maybe: KeyError);
            # in our mapping constructor such an error is a bug, not the input's
            ours = node.tag == yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
            if (ours or not isinstance(node, yaml.ScalarNode)) and not isinstance(
                exc, ValueError | OverflowError
            ):
                raise
            tag = str(node.tag).rsplit(":", 1)[-1]
            text = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
            quoted = f"{shown(text)!r} " if text else ""
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {quoted}as {tag}", node.start_mark
            ) from exc


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - own  # flattening puts the merged pairs first
    mapping = Located()
    mapping.line, mapping.column = node.start_mark.line + 1, node.start_mark.column + 1
    written: set[str] = set()  # keys written out here (a merged key may be overridden)
    for index, (key_node, value_node) in enumerate(node.value):
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag in _NAMES:
            key = str(key_node.value)  # a key is a name: as written
        else:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"a key must be a name, not {type(key).__name__}",
                    key_node.start_mark,
                )
        if index >= merged:
            if key in written:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
                )
            written.add(key)
        mapping[key] = loader.construct_object(value_node, deep=True)
        style = getattr(value_node, "style", None) or ""
        mapping.positions[key] = (
            value_node.start_mark.line + 1,
            value_node.start_mark.column + 1,
            style,
        )
        mapping.key_positions[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return mapping


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    """A date YAML recognises but the calendar does not (2025-02-30) stays text, so that
    validation reports it against its field instead of the parser failing."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _refuse_number(loader: _Loader, node: yaml.ScalarNode) -> object:
    """A number with a leading zero, or in hex, octal or binary: YAML 1.1 and 1.2 read
    ``010`` differently (8 and 10), and no field takes a number in another base."""
    text = str(node.value)
    digits = text.lstrip("+-")
    if digits[1:2].isdigit() or digits[1:2] == "_":
        plain = digits.lstrip("0_")
        plain = f"0{plain}" if plain[:1] in ("", ".", "e", "E") else plain
        fix = f"write {text[: len(text) - len(digits)]}{plain} for the number"
        problem = f"{shown(text)!r} is a number with a leading zero"
    else:
        fix = "write the number in decimal digits"
        problem = f"{shown(text)!r} is a number in another base than 10"
    raise yaml.constructor.ConstructorError(
        None, None, f"{problem}: {fix}, or quote it ('{shown(text)}') for text", node.start_mark
    )


for _tag, _pattern, _first in _SCHEMA:
    _Loader.add_implicit_resolver(_tag, re.compile(f"^(?:{_pattern})$"), list(_first))
_Loader.add_implicit_resolver(_TAG + "null", re.compile("^$"), [""])  # an empty value
_Loader.add_constructor(_NOT_DECIMAL, _refuse_number)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def as_path(value: object, what: str) -> Path:
    """``value`` as a path: a str or an os.PathLike, else InvalidValueError."""
    if isinstance(value, str | os.PathLike) and not isinstance(value, bytes):
        path = os.fspath(value)
        if isinstance(path, str) and path.strip() and "\x00" not in path:
            return Path(path)
    shown = value if isinstance(value, str) else repr(value)
    nul = isinstance(value, str) and "\x00" in value
    raise InvalidValueError(
        what, shown, "a path holds no NUL character" if nul else "give a path (str or pathlib.Path)"
    )


def read_text(path: Path, data: bytes | None = None) -> str:
    """A file's text (UTF-8): ``data`` when the caller read the file already (to hash the
    bytes it parses), else the file read now; an unreadable file is a LoadError naming it,
    and bytes that are not UTF-8 one naming the line and column where they are."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LoadError.at(
                None, f"cannot read {shown_path(path)}: {exc.strerror or exc}", code="unreadable"
            ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        start = before.rfind(b"\n") + 1
        column = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        end = data.find(b"\n", exc.start)
        source = data[start : end if end >= 0 else len(data)].decode("utf-8", errors="replace")
        raise LoadError.at(
            Span(str(path), line, column, "", source),
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be read",
            hint="save the file as UTF-8 (rule and facts files are UTF-8)",
            code="encoding",
        ) from exc


def _guard(text: str, path: Path) -> None:
    """Refuse, before building anything, a document nested deeper than ``MAX_YAML_DEPTH`` or
    whose aliases would multiply it (a "billion laughs"): reading the event stream is
    iterative, building the data is recursive and would exhaust the stack or memory."""
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []
    written = expanded = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append((event.anchor, 1))
            if len(stack) > MAX_YAML_DEPTH:
                raise _limit(path, text, event, f"is nested more than {MAX_YAML_DEPTH} levels deep")
            written += 1
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
            if anchor:
                sizes[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            written += 1
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor or "", 1)
        else:
            continue
        if stack:
            anchor, count = stack[-1]
            stack[-1] = (anchor, count + size)
        else:
            expanded += size
        if expanded + sum(count for _, count in stack[:1]) > written + MAX_ALIAS_GROWTH:
            raise _limit(path, text, event, "has aliases that would multiply it beyond reason")


def _limit(path: Path, text: str, event: yaml.Event, what: str) -> LoadError:
    mark = event.start_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    span = Span(str(path), mark.line + 1, mark.column + 1, "", line) if mark else None
    return LoadError.at(
        span,
        f"the document {what}",
        hint="write the data out flat: rule and facts files nest a few levels only",
        code="limit",
    )


def read_yaml(path: Path, data: bytes | None = None) -> tuple[Any, list[str]]:
    """Parse a YAML file (its bytes ``data`` when already read); return the data and its
    lines. Raises LoadError with position."""
    return parse_yaml(read_text(path, data), path)


def parse_yaml(text: str, path: Path) -> tuple[Any, list[str]]:
    """Parse YAML text that ``path`` names in messages; return the data and its lines.
    Raises LoadError with position."""
    try:
        _guard(text, path)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        lines = text.splitlines()
        span = None
        if mark is not None:
            line = lines[mark.line] if mark.line < len(lines) else ""
            span = Span(str(path), mark.line + 1, mark.column + 1, "", line)
        problem = exc.problem or str(exc)
        message = (  # a duplicate or unusable key is a problem of the data, not the syntax
            problem
            if isinstance(exc, yaml.constructor.ConstructorError)
            else f"not valid YAML: {problem}"
        )
        raise LoadError.at(span, message, code="yaml") from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. U+007F
        # the first such character is the one (the C reader counts bytes, not characters)
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        before = text[: found if found >= 0 else min(exc.position, len(text))]
        line_no = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        lines = text.splitlines()
        line = lines[line_no - 1] if line_no <= len(lines) else ""
        span = Span(str(path), line_no, column, "", line)
        raise LoadError.at(
            span,
            f"not valid YAML: character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int)
            else f"not valid YAML: {exc.reason}",
            hint="remove the control character, or write it as an escape in a quoted string",
            code="yaml",
        ) from exc
    return data, text.splitlines()


def span_of(
    path: Path,
    lines: list[str],
    mapping: Any,
    key: str | None,
    context: str = "",
    at_key: bool = False,
    at: tuple[Any, ...] = (),
    article: str = "",
) -> Span:
    """The span of ``mapping[key]`` — of the key itself with ``at_key`` — or of the mapping
    itself when key is None. ``at`` is the key path to ``mapping`` in its document."""
    if isinstance(mapping, Located):
        table = (
            mapping.key_positions if at_key else {k: v[:2] for k, v in mapping.positions.items()}
        )
        line, column = (
            table[key] if key is not None and key in table else (mapping.line, mapping.column)
        )
    else:
        line, column = 1, 1
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    where = key_path((*at, key) if key is not None else at)
    return Span(str(path), line, column, context, source_line, where, article)


_STYLES = {
    ">": "a folded block (>)",
    '"': "a double-quoted text",
    "'": "a single-quoted text",
    "": "a plain text",
}


def text_origin(
    path: Path,
    lines: list[str],
    mapping: Located,
    key: str,
    context: str,
    at: tuple[Any, ...] = (),
    article: str = "",
) -> Origin | Diagnostic:
    """Where the text of ``mapping[key]`` starts in the file, such that each of its lines is
    the file's line from that column on (so that a position in the text is one in the file);
    or, for a scalar style that does not keep lines and columns, a located problem.

    A literal block (``|``, with any indentation or chomping indicator) keeps them: its text
    begins on the line after the indicator, blank lines included, at the block's indentation
    (the indicator's, or the first line's). A single-line plain or quoted text keeps them
    when it has no escapes. A folded block, a text over several lines, or one with escapes
    (``\\"``, ``''``) joins or rewrites lines: refused, saying to write ``|``."""
    line, column, style = mapping.positions.get(key, (mapping.line, mapping.column, ""))
    where = key_path((*at, key))
    value = mapping.get(key)
    text = value if isinstance(value, str) else ""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if style == "|":
        header = re.match(r"\|([1-9]?)[-+]?([1-9]?)", source[column - 1 :])
        step = int((header[1] or header[2]) if header and (header[1] or header[2]) else 0)
        body = lines[line:]
        if step:
            indent = mapping.key_positions.get(key, (line, 1))[1] - 1 + step
        else:
            first = next((b for b in body if b.strip()), "")
            indent = len(first) - len(first.lstrip(" "))
        origin = Origin(str(path), line + 1, indent + 1, context, where, article)
        if all(
            not part.strip() or (index < len(body) and body[index][indent:] == part)
            for index, part in enumerate(text.split("\n"))
        ):
            return origin
    elif "\n" not in text:
        start = column - 1 + (1 if style in ('"', "'") else 0)
        if source[start : start + len(text)] == text:
            return Origin(str(path), line, start + 1, context, where, article)
    return Diagnostic(
        "style",
        f"rule text written as {_STYLES.get(style, 'a text')} cannot be placed line by line"
        + (
            " (a folded block joins its lines)"
            if style == ">"
            else " (over several lines, or with escapes, it is not the file's text as written)"
        ),
        Span(str(path), line, column, context, source, where, article),
        hint=f"write it as a literal block: '{key}: |', the text on the lines below, indented",
    )
