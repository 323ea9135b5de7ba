"""What each command does: read its arguments, ask the Python API, show the answer.

Every command has one shape — load, call, then JSON or a table (`answer`) — so each is a few
lines; the tables are drawn in `tables.py`, the arguments are read in `parser.py`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import regulations
from regulations.cli import tables
from regulations.cli.errors import EXIT_OK, UsageError, printable
from regulations.cli.output import emit_json, emit_lines, progress_bar
from regulations.codes import LISTS
from regulations.codes import concepts as concept_list
from regulations.errors import InvalidValueError

Command = Callable[[argparse.Namespace], int]
T = TypeVar("T")


def answer(args: argparse.Namespace, value: Any, table: Callable[[Any, tables.Page], None]) -> int:
    """The answer as ``--format`` asks: its JSON document (``to_json()``, or the value itself
    when it is plain data), or the table ``table`` draws at ``--width`` in ``--lang``."""
    if args.format == "json":
        emit_json(value.to_json() if hasattr(value, "to_json") else value)
    else:
        table(value, tables.Page.for_output(args.width, args.lang))
    return EXIT_OK


def params_of(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """--param NAME=VALUE pairs as a mapping; one name with two values is bad input."""
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params and params[name] != value:
            raise InvalidValueError(
                "--param", f"{name}={value}", f"{name} is already set to {params[name]!r}"
            )
        params[name] = value
    return params


def _library(args: argparse.Namespace) -> regulations.Library:
    return regulations.load(*args.rules)


def _evaluation(args: argparse.Namespace, library: regulations.Library) -> dict[str, Any]:
    """The facts and the options `evaluate` and `explain` share, as keyword arguments."""
    from regulations.evaluation import calendar_of
    from regulations.factsfile import load_facts

    return {
        "facts": load_facts(
            args.facts,
            library.concepts,
            max_bytes=args.max_facts_mb * 2**20,
            open_terms=library.open_terms,
            term_outside=library.term_outside,
        ),
        "as_of": args.as_of,
        "since": args.since,
        "params": params_of(args.param),
        "calendar": calendar_of(args.calendar),
        "library": library,
    }


def for_profile(query: Callable[..., T], regulations: object, args: argparse.Namespace) -> T:
    """A question about one unit profile (applies, compare) asked of ``regulations`` with the
    command line's kind, level, tags, day, rule folder and filters (``--concept``,
    ``--measure``)."""
    return query(
        regulations,
        args.kind,
        args.level,
        args.tag,
        args.as_of,
        _library(args),
        args.concept,
        args.measure,
    )


def applies(args: argparse.Namespace) -> int:
    found = for_profile(regulations.applies, args.regulation, args)
    return answer(args, found, tables.applies_table)


def articles(args: argparse.Namespace) -> int:
    found = regulations.articles(
        args.regulation, args.article, args.as_of, _library(args), provision=args.provision
    )
    return answer(args, found, tables.articles_table)


def evaluate(args: argparse.Namespace) -> int:
    library = _library(args)
    if args.format == "parquet" and not args.output:
        raise UsageError(
            "error: argument --format: parquet writes a file; give --output PATH",
            "e.g. regulations evaluate FACTS --format parquet --output results.parquet",
        )
    if args.questions and (args.output or args.format not in ("table", "json")):
        raise UsageError(
            "error: argument --questions: the questions are a table or JSON on stdout",
            "e.g. regulations evaluate FACTS --questions --format json",
        )
    # a batch in a process of its own: the garbage collector paused while it runs
    with progress_bar("evaluating") as progress, regulations.collector_paused():
        report = regulations.evaluate(
            **_evaluation(args, library),
            regulation=args.regulation,
            units=args.unit or None,
            progress=progress,
            engine=args.engine,
        )
    if args.questions:
        questions = {"questions": [q.to_json() for q in report.questions]}
        return answer(args, questions, tables.questions_table)
    if args.output:
        return _write_report(args, report)
    if args.format == "jsonl":
        from regulations.parquet import json_lines

        emit_lines(json_lines(report))
        return EXIT_OK
    return answer(args, report, tables.evaluation_tables)


def _write_report(args: argparse.Namespace, report: regulations.Report) -> int:
    """``evaluate --output PATH``: the answer written to a file, as ``--format`` says."""
    from regulations.parquet import json_lines, write_results

    path = Path(args.output)
    if args.format == "table":
        raise UsageError(
            "error: argument --output: it writes json, jsonl or parquet",
            "give --format json, jsonl or parquet with --output",
        )
    try:
        if args.format == "parquet":
            write_results(report.results, path)
        else:
            with path.open("w", encoding="utf-8") as out:
                if args.format == "jsonl":
                    for document in json_lines(report):
                        out.write(json.dumps(document, ensure_ascii=False) + "\n")
                else:
                    json.dump(report.to_json(), out, ensure_ascii=False, indent=2)
    except OSError as exc:
        raise InvalidValueError("--output", str(path), exc.strerror or str(exc)) from exc
    return EXIT_OK


def facts(args: argparse.Namespace) -> int:
    """``regulations facts convert FACTS --to parquet|json PATH``."""
    from regulations.factsfile import load_facts
    from regulations.parquet import facts_document, write_facts

    found = load_facts(args.source, max_bytes=args.max_facts_mb * 2**20)
    target = Path(args.target)
    try:
        if args.to == "parquet":
            write_facts(found, target)
        else:
            target.write_text(
                json.dumps(facts_document(found), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
    except OSError as exc:
        raise InvalidValueError("PATH", str(target), exc.strerror or str(exc)) from exc
    return EXIT_OK


def explain(args: argparse.Namespace) -> int:
    library = _library(args)
    found = regulations.explain(
        **_evaluation(args, library),
        unit=args.unit,
        rule=args.rule,
        article=args.article,
        provision=args.provision,
        regulation=args.regulation,
    )
    return answer(args, found, tables.explanation)


def diff(args: argparse.Namespace) -> int:
    from regulations.compare import diff

    return answer(args, diff(args.a, args.b, library=_library(args)), tables.diff_table)


def compare(args: argparse.Namespace) -> int:
    from regulations.compare import compare

    return answer(args, for_profile(compare, args.regulations, args), tables.compare_table)


def concepts(args: argparse.Namespace) -> int:
    from regulations.catalogue import concept_uses, markdown

    library = _library(args)
    if args.format == "markdown":
        sys.stdout.write(printable(markdown(library)))
        return EXIT_OK
    uses = concept_uses(library)
    if args.concept is not None:
        code = concept_list(library.concepts).resolve(args.concept)
        uses = tuple(u for u in uses if u.code == code)
    document = [u.to_json() for u in uses]
    return answer(args, document, lambda _, page: tables.concepts_table(uses, page))


def vocabulary(args: argparse.Namespace) -> int:
    from regulations import vocabulary as v

    named = LISTS[args.list].resolve(args.name) if args.name is not None else None
    if args.list == "kinds":
        document = [{"code": k.code, "parent": k.parent, "zh": k.zh} for k in v.KINDS]
    else:
        terms = {
            "levels": v.LEVELS,
            "tags": v.TAGS,
            "incidents": v.INCIDENT_KINDS,
            "risks": v.RISK_KINDS,
            "severities": v.SEVERITIES,
            "measures": v.MEASURES,
            "modalities": v.MODALITIES,
        }[args.list]
        document = [{"code": t.code, "zh": t.zh} for t in terms]
    if named is not None:
        document = [entry for entry in document if entry["code"] == named]
    return answer(args, document, tables.vocabulary_table)


def schema(args: argparse.Namespace) -> int:
    from regulations.schema import facts_json_schema

    emit_json(facts_json_schema())
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    from regulations.cli.check import run_check

    return run_check(args.paths or None, args.rules, args.format)


def serve(args: argparse.Namespace) -> int:
    try:
        from regulations.web.serve import serve as run
    except ImportError as exc:  # the optional extra is not installed
        raise UsageError(
            'regulations serve needs the web extra: pip install "regulations[web]"',
            f"(it cannot import {exc.name or exc})",
        ) from None
    try:
        run(args.host, args.port, args.rules, args.token, args.token_pages, args.max_body_mb << 20)
    except SystemExit as exc:  # uvicorn could not start (it said why on stderr)
        if exc.code:
            raise UsageError(f"cannot serve on {args.host}:{args.port}", "(see above)") from None
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "applies": applies,
    "articles": articles,
    "check": check,
    "compare": compare,
    "concepts": concepts,
    "diff": diff,
    "evaluate": evaluate,
    "explain": explain,
    "facts": facts,
    "schema": schema,
    "serve": serve,
    "vocabulary": vocabulary,
}
