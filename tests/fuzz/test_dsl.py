"""Fuzzing the rule language: whatever the rule text of an article, loading it gives a
library or one of the project's errors whose diagnostics point at a line of the file;
never another exception, a hang or a crash.

Each text is compiled as the loader does: embedded as the ``rules:`` of a one-article rule
file, loaded with ``regulations.library.load(file, builtin=False, fresh=True)``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from fuzzing import WORK, check_error, check_in_child, time_limit
from hypothesis import given
from hypothesis import strategies as st

from engine.errors import Error
from engine.parse import keywords
from regulations.library import load, shipped_rules

RULES = shipped_rules()

# ---------------------------------------------------------------------------------------
# the corpus: rule texts of the shipped regulations, and the tokens of the language


def _shipped_rule_texts() -> list[str]:
    texts = []
    for file in sorted(RULES.glob("*.yaml")):
        if file.name.startswith(("concepts", "params")):
            continue
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for doc in data.get("versions", [data]):
            texts += [a["rules"] for a in doc["articles"] if str(a.get("rules", "")).strip()]
    return texts


TEXTS = _shipped_rule_texts()
_TOKEN = re.compile(
    r'"[^"\n]*"|#[^\n]*|\d{4}-\d{2}-\d{2}|\d{2}-\d{2}|[a-z][a-z0-9_]*|-?\d+(?:\.\d+)?'
    r"|<=|>=|!=|\S"
)
KEYWORDS = [*keywords(), "days", "working_days", "months", "years", "unit"]
PUNCTUATION = ["(", ")", ",", ".", "+", "[", "]", "=", "!=", "<", "<=", ">", ">=", '"', "#"]
LITERALS = ['"摘要"', '""', "2025-03-01", "2025-02-30", "03-01", "13-45", "0", "-1", "1.5",
            "99999999999999999999", "0000-00-00"]  # fmt: skip
NAMES = sorted({t for text in TEXTS for t in _TOKEN.findall(text) if re.fullmatch(r"[a-z]\w*", t)})
TOKENS = st.one_of(
    st.sampled_from(KEYWORDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(LITERALS),
    st.sampled_from(NAMES),
)


def tokens(text: str) -> list[tuple[str, str]]:
    """The text as (whitespace before, token) pairs: joined back, the text again."""
    out, at = [], 0
    for match in _TOKEN.finditer(text):
        out.append((text[at : match.start()], match.group()))
        at = match.end()
    if at < len(text):
        out.append((text[at:], ""))
    return out


def joined(pairs: list[tuple[str, str]]) -> str:
    return "".join(ws + tok for ws, tok in pairs)


# ---------------------------------------------------------------------------------------
# compiling a text as the loader does


HEADER = {
    "id": "fuzz",
    "title": "模糊测试条例",
    "territory": "inner_mongolia/ordos",
    "level": "prefecture",
    "in_force": "2024-12-01",
}


class _Block(str):
    """Rule text, written as a literal block (``rules: |``) where YAML allows it."""


yaml.SafeDumper.add_representer(
    _Block, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style="|")
)


def rule_file(text: str, name: str = "fuzz.yaml") -> Path:
    document = {
        "regulation": dict(HEADER),
        "articles": [{"article": 1, "text": "第一条", "rules": _Block(text)}],
    }
    path = WORK / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def compile_text(text: str) -> None:
    """Load ``text`` as an article's rules: a library, or a typed error located in the file."""
    path = rule_file(text)
    try:
        with time_limit():
            library = load(path, builtin=False, fresh=True)
    except Error as exc:
        check_error(exc, located=True)
    else:
        assert library.refs == ("fuzz",)


def test_the_corpus_compiles() -> None:
    """The seeds of the mutations: real rule texts, each compiling alone in a fuzz file."""
    assert len(TEXTS) > 100
    for text in TEXTS[::25]:
        assert load(rule_file(text), builtin=False, fresh=True).refs == ("fuzz",)
        assert joined(tokens(text)) == text


# ---------------------------------------------------------------------------------------
# (a) arbitrary text

_ALPHABET = st.characters(blacklist_categories=("Cs",))
_SOUP = st.sampled_from(
    [*KEYWORDS, *PUNCTUATION, *LITERALS, " ", "\n", "\n  ", "\t", "平安", "\r", "\x00", "\ufeff"]
)


@given(st.text(_ALPHABET, max_size=300))
def test_arbitrary_text(text: str) -> None:
    compile_text(text)


@given(st.lists(st.one_of(_SOUP, st.sampled_from(NAMES)), max_size=60).map(" ".join))
def test_token_soup(text: str) -> None:
    compile_text(text)


@given(
    st.lists(
        st.one_of(_SOUP, st.sampled_from(NAMES), st.text(_ALPHABET, max_size=3)), max_size=60
    ).map("".join)
)
def test_token_soup_without_spaces(text: str) -> None:
    compile_text(text)


# ---------------------------------------------------------------------------------------
# (b) real rule texts, mutated


def _mutate(data: st.DataObject, text: str) -> str:
    pairs = tokens(text)
    kind = data.draw(
        st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "chars", "truncate"])
    )
    if not pairs:
        return text + data.draw(TOKENS)
    i = data.draw(st.integers(0, len(pairs) - 1))
    j = data.draw(st.integers(0, len(pairs) - 1))
    if kind == "delete":
        del pairs[i]
    elif kind == "duplicate":
        pairs.insert(i, (" ", pairs[i][1]))
    elif kind == "swap":
        pairs[i], pairs[j] = (pairs[i][0], pairs[j][1]), (pairs[j][0], pairs[i][1])
    elif kind == "replace":
        pairs[i] = (pairs[i][0], data.draw(TOKENS))
    elif kind == "insert":
        pairs.insert(i, (data.draw(st.sampled_from([" ", "\n", "\n  ", ""])), data.draw(TOKENS)))
    elif kind == "chars":
        at = data.draw(st.integers(0, len(text)))
        return text[:at] + data.draw(st.text(_ALPHABET, min_size=1, max_size=5)) + text[at:]
    else:
        return text[: data.draw(st.integers(0, len(text)))]
    return joined(pairs)


@given(st.sampled_from(TEXTS), st.data())
def test_mutated_rule_text(text: str, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 4))):
        text = _mutate(data, text)
    compile_text(text)


@given(st.lists(st.sampled_from(TEXTS), min_size=1, max_size=3), st.data())
def test_spliced_rule_texts(texts: list[str], data: st.DataObject) -> None:
    """Pieces of several articles' rules glued together (whole rules repeated, cut mid-rule)."""
    pieces = []
    for text in texts:
        lo = data.draw(st.integers(0, len(text)))
        hi = data.draw(st.integers(lo, len(text)))
        pieces.append(text[lo:hi])
    compile_text("\n".join(pieces))


# ---------------------------------------------------------------------------------------
# (c) deep nesting and long chains

HEAD = 'must pingan_responsibility "摘要"\n  who people_government\n  when '
ATOMS = ("param serious_circumstances", "incident(severity = major)", "unit.level = county")


@given(st.integers(1, 60), st.sampled_from(ATOMS), st.sampled_from(["not ", "(", "not (", "mixed"]))
def test_moderate_nesting(depth: int, atom: str, shape: str) -> None:
    compile_text(HEAD + _nested(depth, atom, shape))


def _nested(depth: int, atom: str, shape: str) -> str:
    if shape == "not ":
        return "not " * depth + atom
    if shape == "(":
        return "(" * depth + atom + ")" * depth
    if shape == "not (":
        return "not (" * depth + atom + ")" * depth
    out = atom
    for level in range(depth):
        out = f"not ({out} and {atom})" if level % 2 else f"({out} or not {atom})"
    return out


# Depths in the thousands are loaded in a child process: a crash of the interpreter (a stack
# overflow in C) is then reported as a failure instead of ending the test run.
ATOM = "param serious_circumstances"
DUTY = 'must pingan_responsibility "摘要"\n  who '
DEEP = {
    "not": lambda n: HEAD + "not " * n + ATOM,
    "parens": lambda n: HEAD + "(" * n + ATOM + ")" * n,
    "not-parens": lambda n: HEAD + "not (" * n + ATOM + ")" * n,
    "and-chain": lambda n: HEAD + " and ".join([ATOM] * n),
    "or-chain": lambda n: HEAD + " or ".join([ATOM] * n),
    "mixed": lambda n: HEAD + _nested(n, ATOM, "mixed"),
    "unclosed-parens": lambda n: HEAD + "(" * n + ATOM,
    "closing-parens": lambda n: HEAD + ATOM + ")" * n,
    "many-rules": lambda n: "\n".join([HEAD + ATOM] * n),
    "many-subjects": lambda n: DUTY + ", ".join(["school"] * n),
    "many-levels": lambda n: DUTY + "people_government(" + ", ".join(["county"] * n) + ")",
    "in-list": lambda n: HEAD + "incident(kind in [" + ", ".join(["mass_incident"] * n) + "])",
}
SIZES = (100, 1000, 3000, 10000)


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting_and_long_chains(shape: str) -> None:
    paths = [rule_file(DEEP[shape](n), f"deep-{shape}-{n}.yaml") for n in SIZES]
    results = check_in_child("rules", paths)
    assert all(o.get("located", True) for o in results), results
