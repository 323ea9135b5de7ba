"""Entry point of the `regulations` command (spec/cli.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from regulations.cli.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, describe, fail


class _Parser(argparse.ArgumentParser):
    """argparse, but bad usage names the bad value on the first line of stderr (exit 2)."""

    def error(self, message: str) -> NoReturn:
        fail(f"error: {message}", [self.format_usage().rstrip()], EXIT_USAGE)


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-12-01"
        ) from None


def article_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an article number; give a whole number such as 19"
        )
    return int(text)


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
        help="also load this rule file or folder (repeatable; replaces a shipped "
        "regulation with the same id)",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    applies = sub.add_parser("applies", help="which articles of a regulation bind a unit")
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

    arts = sub.add_parser("articles", help="the encoded text of a regulation, with its rules")
    arts.add_argument("regulation", metavar="REGULATION")
    arts.add_argument("--article", type=article_number, help="one article by number")
    arts.add_argument(
        "--as-of", type=iso_date, help="date YYYY-MM-DD for amended articles (default: today)"
    )
    arts.add_argument("--format", choices=("table", "json"), default="table")

    check = sub.add_parser("check", help="check rule files and report every problem")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="rule files or folders (default: the shipped rules)",
    )
    check.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


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
        args.regulation, article=args.article, as_of=args.as_of, library=library
    )
    if args.format == "json":
        emit_json(view.to_json())
    else:
        from regulations.cli.tables import articles_table

        articles_table(view)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from regulations.cli.check import run_check

    return run_check(args.paths or None, args.rules, args.format)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "applies": cmd_applies,
    "articles": cmd_articles,
    "check": cmd_check,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; exit 0 answered, 1 findings, 2 bad input, 3 internal error."""
    from regulations.errors import RegulationsError

    args = build_parser().parse_args(argv)
    try:
        code = COMMANDS[args.command](args)
    except RegulationsError as exc:
        first, detail = describe(exc)
        fail(first, detail, EXIT_USAGE)
    except BrokenPipeError:  # pragma: no cover - `regulations … | head`
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("REGULATIONS_DEBUG"):
            raise
        from engine.errors import EngineError

        if isinstance(exc, EngineError):
            first, detail = describe(exc)
            fail(first, detail, EXIT_USAGE)
        fail(
            f"internal error: {type(exc).__name__}: {exc}",
            ["this is a bug in regulations; set REGULATIONS_DEBUG=1 for the traceback"],
            EXIT_INTERNAL,
        )
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
