"""What the fuzz tests share: a scratch folder, a guard against hangs, the check that an
error is typed and located, mutations of documents and bytes, and loading in a child
interpreter (so that a crash of the interpreter fails one test instead of ending the run)."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from engine.errors import Error

WORK = Path(tempfile.mkdtemp(prefix="regulations-fuzz-"))
CACHE = WORK / "cache"
HANG_SECONDS = 30  # a true hang (an endless loop) is interrupted and reported


class Hang(Exception):
    """No answer within HANG_SECONDS."""


@contextlib.contextmanager
def time_limit(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Raise Hang in the block after ``seconds`` (the main thread's alarm clock)."""

    def interrupt(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_error(exc: Error, *, located: bool = False) -> None:
    """A typed error says something, renders, and its positions are real ones (with
    ``located``, at least one diagnostic points at a line)."""
    assert str(exc), f"{type(exc).__name__} without a message"
    diagnostics = getattr(exc, "diagnostics", ())
    for diagnostic in diagnostics:
        assert diagnostic.message, diagnostic
        if diagnostic.span is not None:
            assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1, diagnostic
    if located:
        assert any(d.span is not None for d in diagnostics), f"not located: {exc}"


# ---------------------------------------------------------------------------------------
# mutations


def tree_paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a structure of dicts and lists (the root is ``()``)."""
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from tree_paths(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from tree_paths(value, (*at, index))


def get_at(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def mutate_tree(
    data: st.DataObject,
    doc: Any,
    values: st.SearchStrategy[Any],
    keys: st.SearchStrategy[Any],
    value_for: Callable[[Any], st.SearchStrategy[Any]] | None = None,
) -> Any:
    """One edit at a drawn place of a structure (changed in place, returned): drop, replace,
    wrap, duplicate, reorder or add an item, rename a key. New values come from ``values``,
    or mostly from ``value_for(key)`` where given (values of the field's own type)."""

    def fresh(key: Any) -> st.SearchStrategy[Any]:
        return values if value_for is None else value_for(key) | values

    path = data.draw(st.sampled_from(list(tree_paths(doc))))
    kinds = ["drop", "replace", "wrap", "duplicate", "reorder", "add", "rename"]
    kind = data.draw(st.sampled_from(kinds))
    if not path:
        return data.draw(values) if kind == "replace" else doc
    parent, last = get_at(doc, path[:-1]), path[-1]
    if kind == "drop":
        del parent[last]
    elif kind == "replace":
        parent[last] = data.draw(fresh(last))
    elif kind == "wrap":
        parent[last] = data.draw(st.sampled_from([[parent[last]], {"x": parent[last]}]))
    elif kind == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif kind == "reorder" and isinstance(parent, list):
        parent[:] = data.draw(st.permutations(parent))
    elif kind == "add" and isinstance(parent, dict):
        key = data.draw(keys)
        parent[key] = data.draw(fresh(key))
    elif kind == "rename" and isinstance(parent, dict):
        parent[data.draw(keys)] = parent.pop(last)
    elif isinstance(parent, dict):  # reorder a mapping's keys
        items = data.draw(st.permutations(list(parent.items())))
        parent.clear()
        parent.update(items)
    return doc


def mutate_bytes(data: st.DataObject, content: bytes, soup: st.SearchStrategy[str]) -> bytes:
    """One to four edits of a file's bytes: insert, delete, truncate, or splice in soup."""
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(content)))
        kind = data.draw(st.sampled_from(["insert", "delete", "truncate", "soup"]))
        if kind == "insert":
            content = content[:at] + data.draw(st.binary(min_size=1, max_size=4)) + content[at:]
        elif kind == "delete":
            content = content[:at] + content[at + data.draw(st.integers(1, 20)) :]
        elif kind == "truncate":
            content = content[:at]
        else:
            content = content[:at] + data.draw(soup).encode("utf-8") + content[at:]
    return content


# ---------------------------------------------------------------------------------------
# loading in a child interpreter

_CHILD = """
import json, sys
from engine.errors import Error
from regulations.factsfile import load_facts
from regulations.library import load

what, paths = sys.argv[1], sys.argv[2:]
for path in paths:
    print(json.dumps({"started": path}), flush=True)
    try:
        if what == "rules":
            load(path, builtin=False, fresh=True)
        else:
            load_facts(path)
        outcome = {"ok": True}
    except Error as exc:
        diagnostics = getattr(exc, "diagnostics", None) or [None]
        located = any(d is None or d.span is not None for d in diagnostics)
        outcome = {"error": type(exc).__name__, "located": located, "message": str(exc)[:300]}
    except BaseException as exc:
        outcome = {"bad": type(exc).__name__, "message": str(exc)[:300]}
    print(json.dumps({"path": path, **outcome}), flush=True)
"""


def check_in_child(what: str, paths: list[Path], timeout: float = 120) -> list[dict[str, Any]]:
    """Load each file ("rules" or "facts") in a fresh interpreter; assert that it neither
    died nor raised anything but the project's errors. The outcome per file."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, what, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "REGULATIONS_CACHE_DIR": str(CACHE)},
    )
    outcomes = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    last = next((o["started"] for o in reversed(outcomes) if "started" in o), None)
    assert done.returncode == 0, (
        f"the interpreter died (exit {done.returncode}) loading {last}: {done.stderr[-2000:]}"
    )
    results = [o for o in outcomes if "started" not in o]
    assert not [o for o in results if "bad" in o], f"untyped errors: {results}"
    assert len(results) == len(paths), results
    return results
