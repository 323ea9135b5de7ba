"""Entry point of the `regulations` command (spec/cli.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO, cast

from engine.errors import shown
from engine.numbers import whole_number
from regulations.cli.errors import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    describe,
    fail,
    printable,
)
from regulations.limits import MAX_FACTS_BYTES
from regulations.views import parse_day


class _Once(argparse._StoreAction):
    """The action of every option that takes one value: given twice, it is bad usage
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
                f"given twice ({_quoted(getattr(namespace, self.dest))}, then "
                f"{_quoted(values)}); it takes one value",
            )
        given.add(self.dest)
        super().__call__(parser, namespace, values, option_string)


class _Parser(argparse.ArgumentParser):
    """argparse, but bad usage names the bad value on the first line of stderr (exit 2), and
    an option that takes one value may be given once (`_Once`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the default action, also in argument groups (they share the registry)
        self.register("action", None, _Once)
        self.register("action", "store", _Once)

    def error(self, message: str) -> NoReturn:
        fail(f"error: {message}", [self.format_usage().rstrip()], EXIT_USAGE)


def _quoted(value: object, limit: int = 40) -> str:
    """A value for a message: quoted, and cut if long (a 5,000-digit number is not echoed)."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return repr(shown(text, limit))


def iso_date(text: str) -> dt.date:
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(
            f"{_quoted(text)} is not a date; write it as YYYY-MM-DD, e.g. 2024-12-01"
        )
    return day


def megabytes(text: str) -> int:
    number = whole_number(text)
    if number is None or not 1 <= number <= 1_000_000:
        raise argparse.ArgumentTypeError(
            f"{_quoted(text)} is not a size in MB; give a whole number from 1, e.g. 256"
        )
    return number


def article_number(text: str) -> int:
    from regulations.errors import InvalidValueError
    from regulations.views import article_number as number_of

    try:
        return number_of(text)
    except InvalidValueError:
        raise argparse.ArgumentTypeError(
            f"{_quoted(text)} is not an article number; give a whole number such as 19"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    # --rules is accepted after the command too: `regulations applies mine --rules my.yaml`
    shared = _Parser(add_help=False)
    shared.add_argument(
        "--rules",
        dest="more_rules",
        action="append",
        default=[],
        metavar="PATH",
        help="also load this rule file or folder (repeatable)",
    )

    applies = sub.add_parser(
        "applies", parents=[shared], help="which articles of a regulation bind a unit"
    )
    applies.add_argument(
        "regulation",
        metavar="REGULATION",
        help="ordos, hohhot, xinjiang, zhejiang, zhejiang@draft, zhejiang@final",
    )
    applies.add_argument("--kind", required=True, help="unit kind code (e.g. school)")
    applies.add_argument("--level", help="province, prefecture, county, township or village")
    applies.add_argument("--tag", action="append", default=[], help="unit tag (repeatable)")
    applies.add_argument("--as-of", type=iso_date, help="date YYYY-MM-DD (default: today)")
    applies.add_argument("--format", choices=("table", "json"), default="table")

    arts = sub.add_parser(
        "articles", parents=[shared], help="the encoded text of a regulation, with its rules"
    )
    arts.add_argument("regulation", metavar="REGULATION")
    which_article = arts.add_mutually_exclusive_group()
    which_article.add_argument("--article", type=article_number, help="one article by number")
    which_article.add_argument(
        "--provision", help="one provision without an article number, by its id"
    )
    arts.add_argument(
        "--as-of", type=iso_date, help="date YYYY-MM-DD for amended articles (default: today)"
    )
    arts.add_argument("--format", choices=("table", "json"), default="table")

    ev = sub.add_parser(
        "evaluate",
        parents=[shared],
        help="what follows from a facts file: obligations, deadlines, sanctions",
    )
    ev.add_argument("facts", metavar="FACTS", help="a facts file (YAML or JSON; docs/facts.md)")
    ev.add_argument(
        "--regulation", help="evaluate under this regulation only (default: each unit's territory)"
    )
    ev.add_argument("--unit", action="append", default=[], help="only this unit id (repeatable)")
    _evaluation_options(ev)

    ex = sub.add_parser(
        "explain", parents=[shared], help="why (or why not) a rule or article follows for a unit"
    )
    ex.add_argument("facts", metavar="FACTS")
    ex.add_argument("--unit", required=True, help="the unit id")
    which = ex.add_mutually_exclusive_group(required=True)
    which.add_argument("--rule", help="a rule id, e.g. xinjiang.52.1")
    which.add_argument("--article", type=article_number, help="an article number")
    ex.add_argument(
        "--regulation", help="the regulation (default: from the rule id or the unit's territory)"
    )
    _evaluation_options(ex)

    df = sub.add_parser(
        "diff", parents=[shared], help="two regulations or versions, by concept and by article"
    )
    df.add_argument("a", metavar="A")
    df.add_argument("b", metavar="B")
    df.add_argument("--format", choices=("table", "json"), default="table")

    cp = sub.add_parser(
        "compare", parents=[shared], help="several regulations side by side for one unit profile"
    )
    cp.add_argument("regulations", nargs="+", metavar="REGULATION")
    cp.add_argument("--kind", required=True)
    cp.add_argument("--level")
    cp.add_argument("--tag", action="append", default=[])
    cp.add_argument("--as-of", type=iso_date)
    cp.add_argument("--format", choices=("table", "json"), default="table")

    cc = sub.add_parser(
        "concepts",
        parents=[shared],
        help="the concept catalogue: concept → articles per regulation",
    )
    cc.add_argument("--format", choices=("table", "json", "markdown"), default="table")

    vocab = sub.add_parser(
        "vocabulary", parents=[shared], help="the codes: unit kinds, levels, tags…"
    )
    vocab.add_argument(
        "list",
        nargs="?",
        default="kinds",
        choices=("kinds", "levels", "tags", "incidents", "severities", "measures", "modalities"),
    )
    vocab.add_argument("--format", choices=("table", "json"), default="table")

    schema = sub.add_parser("schema", parents=[shared], help="the JSON Schema of facts files")
    schema.add_argument("--format", choices=("json",), default="json")

    check = sub.add_parser(
        "check", parents=[shared], help="check rule files and report every problem"
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="rule files or folders (default: the shipped rules)",
    )
    check.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def param_pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE, e.g. short_period=60 days")
    return name.strip(), value.strip()


def _evaluation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=iso_date, help="date YYYY-MM-DD (default: today)")
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
        choices=("china", "weekends"),
        default="china",
        help="working days: the official PRC calendar (default) or Monday–Friday",
    )
    parser.add_argument(
        "--max-facts-mb",
        type=megabytes,
        default=MAX_FACTS_BYTES // 2**20,
        metavar="MB",
        help=f"refuse facts files larger than this (default {MAX_FACTS_BYTES // 2**20})",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")


def params_of(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """--param NAME=VALUE pairs as a mapping; one name with two values is bad input."""
    from regulations.errors import InvalidValueError

    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params and params[name] != value:
            raise InvalidValueError(
                "--param", f"{name}={value}", f"{name} is already set to {params[name]!r}"
            )
        params[name] = value
    return params


def _calendar(name: str) -> Any:
    from engine.periods import WeekendCalendar
    from regulations.calendar import ChinaCalendar

    return ChinaCalendar() if name == "china" else WeekendCalendar()


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def echo(line: str) -> None:
    """One line of text for a person on stdout, control characters escaped."""
    print(printable(line))


def cmd_applies(args: argparse.Namespace) -> int:
    import regulations

    library = regulations.load(*args.rules)
    answer = regulations.applies(
        args.regulation,
        kind=args.kind,
        level=args.level,
        tags=args.tag,
        as_of=args.as_of,
        library=library,
    )
    if args.format == "json":
        emit_json(answer.to_json())
    else:
        from regulations.cli.tables import applies_table

        applies_table(answer)
    return EXIT_OK


def cmd_articles(args: argparse.Namespace) -> int:
    import regulations

    library = regulations.load(*args.rules)
    view = regulations.articles(
        args.regulation,
        article=args.article,
        as_of=args.as_of,
        library=library,
        provision=args.provision,
    )
    if args.format == "json":
        emit_json(view.to_json())
    else:
        from regulations.cli.tables import articles_table

        articles_table(view)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    import regulations
    from regulations.factsfile import load_facts

    library = regulations.load(*args.rules)
    facts = load_facts(args.facts, library.concepts, max_bytes=args.max_facts_mb * 2**20)
    report = regulations.evaluate(
        facts,
        regulation=args.regulation,
        as_of=args.as_of,
        params=params_of(args.param),
        calendar=_calendar(args.calendar),
        units=args.unit or None,
        library=library,
    )
    if args.format == "json":
        emit_json(report.to_json())
    else:
        from regulations.cli.tables import evaluation_tables

        evaluation_tables(report)
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    import regulations
    from regulations.factsfile import load_facts

    library = regulations.load(*args.rules)
    facts = load_facts(args.facts, library.concepts, max_bytes=args.max_facts_mb * 2**20)
    answer = regulations.explain(
        facts,
        args.unit,
        rule=args.rule,
        article=args.article,
        regulation=args.regulation,
        as_of=args.as_of,
        params=params_of(args.param),
        calendar=_calendar(args.calendar),
        library=library,
    )
    if args.format == "json":
        emit_json(answer.to_json())
    else:
        for line in answer.lines():
            echo(line)
    return EXIT_OK


def cmd_vocabulary(args: argparse.Namespace) -> int:
    from regulations import vocabulary as v

    if args.list == "kinds":
        rows = [(k.code, k.parent or "", k.zh) for k in v.KINDS]
    else:
        terms = {
            "levels": v.LEVELS,
            "tags": v.TAGS,
            "incidents": v.INCIDENT_KINDS,
            "severities": v.SEVERITIES,
            "measures": v.MEASURES,
            "modalities": v.MODALITIES,
        }[args.list]
        rows = [(t.code, "", t.zh) for t in terms]
    if args.format == "json":
        emit_json(
            [
                {"code": c, **({"parent": p or None} if args.list == "kinds" else {}), "zh": z}
                for c, p, z in rows
            ]
        )
    else:
        for code, parent, zh in rows:
            echo(f"{code:36s} {parent:28s} {zh}" if args.list == "kinds" else f"{code:28s} {zh}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from regulations.schema import facts_json_schema

    emit_json(facts_json_schema())
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    import regulations
    from regulations.compare import diff

    result = diff(args.a, args.b, library=regulations.load(*args.rules))
    if args.format == "json":
        emit_json(result.to_json())
    else:
        from regulations.cli.tables import diff_table

        diff_table(result)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    import regulations
    from regulations.compare import compare

    result = compare(
        args.regulations,
        args.kind,
        args.level,
        args.tag,
        args.as_of,
        library=regulations.load(*args.rules),
    )
    if args.format == "json":
        emit_json(result.to_json())
    else:
        from regulations.cli.tables import compare_table

        compare_table(result)
    return EXIT_OK


def cmd_concepts(args: argparse.Namespace) -> int:
    import regulations
    from regulations.catalogue import concept_uses, markdown

    library = regulations.load(*args.rules)
    if args.format == "markdown":
        sys.stdout.write(printable(markdown(library)))
    elif args.format == "json":
        emit_json(
            [
                {
                    "concept": u.code,
                    "zh": u.zh,
                    "en": u.en,
                    "jurisdictions": list(u.jurisdictions),
                    "articles": {k: list(v) for k, v in u.articles.items()},
                }
                for u in concept_uses(library)
            ]
        )
    else:
        from regulations.cli.tables import concepts_table

        concepts_table(concept_uses(library))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from regulations.cli.check import run_check

    return run_check(args.paths or None, args.rules, args.format)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "applies": cmd_applies,
    "articles": cmd_articles,
    "check": cmd_check,
    "evaluate": cmd_evaluate,
    "explain": cmd_explain,
    "schema": cmd_schema,
    "vocabulary": cmd_vocabulary,
    "diff": cmd_diff,
    "compare": cmd_compare,
    "concepts": cmd_concepts,
}


class OutputError(Exception):
    """Standard output cannot be written: a full disk, a closed stdout. Not a bug of ours and
    not bad input either, but the answer did not get out: exit 2 (docs/errors.md)."""


class _GuardedOutput:
    """stdout for the length of a command: a write that fails is an `OutputError`, whoever
    writes (print, json, rich). A reader closing the pipe stays a BrokenPipeError."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:  # started with stdout closed (`regulations … >&-`)
            raise OutputError("it is closed")
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding… of the stream
        return getattr(self._stream, name)


def _quiet_stdout(stream: TextIO | None) -> None:
    """After a closed pipe or a failed write, point stdout at /dev/null so that the
    interpreter's last flush of what is still buffered is quiet (no 'Exception ignored')."""
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture): nothing is flushed
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; exit 0 answered, 1 findings, 2 bad input (or stdout not writable),
    3 internal error. A reader closing the pipe early (`| head`) is exit 0, quietly."""
    stdout = sys.stdout
    sys.stdout = cast(TextIO, _GuardedOutput(stdout))
    try:
        try:
            return _run(argv)
        finally:  # still guarded: what is left in the buffer is written (or fails) here
            sys.stdout.flush()
    except BrokenPipeError:  # `regulations … | head`: the reader has what it wanted
        _quiet_stdout(stdout)
        return EXIT_OK
    except OutputError as exc:
        _quiet_stdout(stdout)
        fail(f"error: cannot write to standard output: {exc}", code=EXIT_USAGE)
    finally:
        sys.stdout = stdout


def _run(argv: Sequence[str] | None) -> int:
    from engine.errors import Error

    args = build_parser().parse_args(argv)
    args.rules = [*args.rules, *getattr(args, "more_rules", [])]
    try:
        return COMMANDS[args.command](args)
    except Error as exc:  # bad input, or a limit reached: the one root of our errors
        first, detail = describe(exc)
        fail(first, detail, EXIT_USAGE)
    except (BrokenPipeError, OutputError):
        raise
    except Exception as exc:
        if os.environ.get("REGULATIONS_DEBUG"):
            raise
        fail(
            f"internal error: {type(exc).__name__}: {exc}",
            ["this is a bug in regulations; set REGULATIONS_DEBUG=1 for the traceback"],
            EXIT_INTERNAL,
        )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
