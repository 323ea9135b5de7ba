"""The command line's grammar (spec/cli.md): every command with its arguments and their types.

`build_parser` composes one small function per command; options shared by several commands
(`--format`, the unit profile, the evaluation options) are written once. A bad argument is a
`UsageError`, rendered by `main` like every other error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from engine import shown, whole_number
from regulations.cli.errors import UsageError
from regulations.cli.words import LANGUAGES
from regulations.limits import MAX_FACTS_BYTES
from regulations.views import parse_day

REGULATIONS = "ordos, hohhot, xinjiang, zhejiang, zhejiang@draft, zhejiang@final"
VOCABULARY_LISTS = (
    "kinds",
    "levels",
    "tags",
    "incidents",
    "risks",
    "severities",
    "measures",
    "modalities",
)


class Once(argparse.Action):
    """Store the value of an option that takes one: given twice, it is bad usage
    (`--kind school --kind hospital`), not the last one silently winning. Repeatable options
    (`--tag`, `--param`, `--rules`) say ``action="append"``."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        given: set[str] = vars(namespace).setdefault("_given_once", set())
        if self.dest in given and self.option_strings:
            raise argparse.ArgumentError(
                self,
                f"given twice ({quoted(getattr(namespace, self.dest))}, then "
                f"{quoted(values)}); it takes one value",
            )
        given.add(self.dest)
        setattr(namespace, self.dest, values)


class Parser(argparse.ArgumentParser):
    """argparse, but bad usage is a `UsageError` naming the bad value (exit 2), and an option
    that takes one value may be given once (`Once`, the default action)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the default action, also in argument groups (they share the registry)
        self.register("action", None, Once)
        self.register("action", "store", Once)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage().rstrip())

    # argparse's own messages echo the value given whole; these two cut it as ours do

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            raise argparse.ArgumentError(
                action, f"invalid choice: {quoted(value)} (choose from {choices})"
            )

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            self.error(f"unrecognized arguments: {' '.join(quoted(word) for word in extra)}")
        return parsed


def quoted(value: object, limit: int = 40) -> str:
    """A value for a message: quoted, and cut if long (a 5,000-digit number is not echoed)."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return repr(shown(text, limit))


# argument types: each turns the text into a value or says what to write instead


def iso_date(text: str) -> dt.date:
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(
            f"{quoted(text)} is not a date; write it as YYYY-MM-DD, e.g. 2024-12-01"
        )
    return day


def whole_in(text: str, low: int, high: int, wanted: str) -> int:
    """``text`` as a whole number from ``low`` to ``high``; else an error saying it is not
    ``wanted`` and what to give."""
    number = whole_number(text)
    if number is None or not low <= number <= high:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not {wanted}")
    return number


def megabytes(text: str) -> int:
    return whole_in(text, 1, 1_000_000, "a size in MB; give a whole number from 1, e.g. 256")


def article_number(text: str) -> int:
    from regulations.errors import InvalidValueError
    from regulations.views import article_number as number_of

    try:
        return number_of(text)
    except InvalidValueError:
        raise argparse.ArgumentTypeError(
            f"{quoted(text)} is not an article number; give a whole number such as 19"
        ) from None


def columns(text: str) -> int:
    return whole_in(text, 20, 10_000, "a width; give a whole number of columns from 20, e.g. 80")


def port_number(text: str) -> int:
    return whole_in(text, 0, 65535, "a port; give a whole number from 0 to 65535, e.g. 8000")


def param_pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(
            f"{quoted(text)} is not NAME=VALUE, e.g. short_period=60 days"
        )
    return name.strip(), value.strip()


# options shared by several commands


def _format(parser: argparse.ArgumentParser, *choices: str) -> None:
    """``--format`` (table or json unless ``choices`` say), and where a table is drawn, its
    width and the language of its words."""
    choices = choices or ("table", "json")
    parser.add_argument("--format", choices=choices, default=choices[0])
    if "table" in choices:
        parser.add_argument(
            "--width",
            type=columns,
            metavar="N",
            help="lay tables out for N columns (default: the terminal's width; 160 in a file)",
        )
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            help="the language of the tables' words (default: Chinese where the locale is)",
        )


def _unit_profile(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind", required=True, help="unit kind: a code or its Chinese name (school, 学校)"
    )
    parser.add_argument(
        "--level", help="province, prefecture, county, township or village (or 省级, 县级…)"
    )
    parser.add_argument(
        "--tag", action="append", default=[], help="unit tag, code or Chinese (repeatable)"
    )
    parser.add_argument("--as-of", type=iso_date, help="date YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--concept",
        action="append",
        default=[],
        help="only the rules of this concept: a code or Chinese words of it (应急演练; repeatable)",
    )
    parser.add_argument(
        "--measure",
        action="append",
        default=[],
        help="only the sanctions with this measure: a code or its Chinese name (通报; repeatable)",
    )


def _facts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "facts",
        metavar="FACTS",
        help="a facts file: units and what happened, YAML or JSON (docs/facts.md)",
    )


def _evaluation_options(parser: argparse.ArgumentParser, *formats: str) -> None:
    parser.add_argument("--as-of", type=iso_date, help="date YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--since",
        type=iso_date,
        help="report only recurring duties' cycles not over before this date; the cycles keep"
        " the law's dates (default: every cycle since the law took effect)",
    )
    parser.add_argument(
        "--param",
        action="append",
        type=param_pair,
        default=[],
        metavar="NAME=VALUE",
        help="set an open term (e.g. serious_circumstances=true, short_period=60 days)",
    )
    parser.add_argument(
        "--calendar",
        default="china",
        metavar="china|weekends|FILE",
        help="working days: the PRC calendar (default: official schedules, statutory "
        "holidays computed beyond them), Monday–Friday, or a calendar file of holidays "
        "and make-up workdays (docs/facts.md)",
    )
    parser.add_argument(
        "--max-facts-mb",
        type=megabytes,
        default=MAX_FACTS_BYTES // 2**20,
        metavar="MB",
        help=f"refuse facts files larger than this (default {MAX_FACTS_BYTES // 2**20})",
    )
    _format(parser, *formats)


# one function per command

Commands = Any  # argparse's subparsers action (its class is private)


def _applies(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "applies", parents=[shared], help="which articles of a regulation bind a unit"
    )
    p.add_argument("regulation", metavar="REGULATION", help=REGULATIONS)
    _unit_profile(p)
    _format(p)


def _articles(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "articles", parents=[shared], help="the encoded text of a regulation, with its rules"
    )
    p.add_argument("regulation", metavar="REGULATION", help=REGULATIONS)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--article", type=article_number, help="one article by number")
    which.add_argument("--provision", help="one provision without an article number, by its id")
    p.add_argument(
        "--as-of", type=iso_date, help="date YYYY-MM-DD for amended articles (default: today)"
    )
    _format(p)


def _evaluate(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "evaluate",
        parents=[shared],
        help="what follows from a facts file: obligations, deadlines, sanctions",
    )
    _facts(p)
    p.add_argument(
        "--regulation", help="evaluate under this regulation only (default: each unit's territory)"
    )
    p.add_argument("--unit", action="append", default=[], help="only this unit id (repeatable)")
    p.add_argument(
        "--questions",
        action="store_true",
        help="list only the open terms the answers wait on, and how to settle each",
    )
    _evaluation_options(p, "table", "json", "jsonl", "parquet")
    p.add_argument(
        "--engine",
        choices=("python", "columnar"),
        default="python",
        help="python (the reference) or columnar: many units set-at-a-time, the same answers "
        "(needs the extra regulations[columnar])",
    )
    p.add_argument(
        "--output",
        metavar="PATH",
        help="write the answer to this file (needed for --format parquet: one row per answer)",
    )


def _explain(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "explain", parents=[shared], help="why (or why not) a rule or article follows for a unit"
    )
    _facts(p)
    p.add_argument("--unit", required=True, help="the unit id")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--rule", help="a rule id, e.g. xinjiang.52.1")
    which.add_argument("--article", type=article_number, help="an article number")
    which.add_argument("--provision", help="a provision without an article number, by its id")
    p.add_argument(
        "--regulation", help="the regulation (default: from the rule id or the unit's territory)"
    )
    _evaluation_options(p)


def _facts_tools(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser("facts", parents=[shared], help="facts files: convert YAML/JSON ↔ Parquet")
    tools = p.add_subparsers(dest="tool", required=True, parser_class=Parser)
    c = tools.add_parser(
        "convert", help="a facts file as a folder of Parquet tables (one per section), or back"
    )
    c.add_argument("source", metavar="FACTS", help="a facts file, or a folder of Parquet tables")
    c.add_argument("--to", required=True, choices=("parquet", "json"), help="the form to write")
    c.add_argument("target", metavar="PATH", help="the folder (parquet) or file (json) to write")
    c.add_argument(
        "--max-facts-mb",
        type=megabytes,
        default=MAX_FACTS_BYTES // 2**20,
        metavar="MB",
        help=f"refuse facts files larger than this (default {MAX_FACTS_BYTES // 2**20})",
    )


def _diff(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "diff", parents=[shared], help="two regulations or versions, by concept and by article"
    )
    p.add_argument("a", metavar="A", help="the first regulation (" + REGULATIONS + ")")
    p.add_argument("b", metavar="B", help="the second regulation")
    _format(p)


def _compare(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "compare", parents=[shared], help="several regulations side by side for one unit profile"
    )
    p.add_argument("regulations", nargs="+", metavar="REGULATION", help=REGULATIONS)
    _unit_profile(p)
    _format(p)


def _concepts(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "concepts",
        parents=[shared],
        help="the concept catalogue: concept → articles per regulation",
    )
    p.add_argument(
        "concept",
        nargs="?",
        metavar="CONCEPT",
        help="only this concept: its code or Chinese words of it (应急演练)",
    )
    _format(p, "table", "json", "markdown")


def _vocabulary(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser("vocabulary", parents=[shared], help="the codes: unit kinds, levels, tags…")
    p.add_argument("list", nargs="?", default="kinds", choices=VOCABULARY_LISTS)
    p.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help="only the code this names: a code or a Chinese name (公安机关, 通报, 暴力恐怖事件)",
    )
    _format(p)


def _schema(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser("schema", parents=[shared], help="the JSON Schema of facts files")
    _format(p, "json")


def _check(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[shared], help="check rule files and report every problem")
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="rule files or folders (default: the shipped rules)",
    )
    _format(p)


def _serve(sub: Commands, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve",
        parents=[shared],
        help="pages for legal staff and a JSON API (needs the extra regulations[web])",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=port_number, default=8000, help="port (default 8000)")
    p.add_argument(
        "--token",
        default=os.environ.get("REGULATIONS_TOKEN") or None,
        help="require 'Authorization: Bearer TOKEN' for the API (default: $REGULATIONS_TOKEN)",
    )
    p.add_argument("--token-pages", action="store_true", help="require the token for pages too")
    p.add_argument(
        "--max-body-mb",
        type=megabytes,
        default=MAX_FACTS_BYTES // 2**20,
        metavar="MB",
        help=f"refuse request bodies larger than this (default {MAX_FACTS_BYTES // 2**20})",
    )


COMMANDS: tuple[Callable[[Commands, argparse.ArgumentParser], None], ...] = (
    _applies,
    _articles,
    _evaluate,
    _explain,
    _facts_tools,
    _diff,
    _compare,
    _concepts,
    _vocabulary,
    _schema,
    _check,
    _serve,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="regulations",
        description="Ask Chinese local 平安建设 law which duties, deadlines and sanctions apply.",
    )
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="also load this rule file or folder (repeatable; a regulation id defined twice "
        "is an error)",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    # --rules is accepted after the command too: `regulations applies mine --rules my.yaml`
    shared = Parser(add_help=False)
    shared.add_argument(
        "--rules",
        dest="more_rules",
        action="append",
        default=[],
        metavar="PATH",
        help="also load this rule file or folder (repeatable)",
    )
    for add in COMMANDS:
        add(sub, shared)
    return parser
