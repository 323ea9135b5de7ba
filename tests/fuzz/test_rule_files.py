"""Fuzzing rule files: whatever a rule file holds — any YAML structure, a real file mutated,
bytes that are not YAML or not UTF-8, nesting thousands deep — loading it gives a library
or a LoadError (or another typed error) with diagnostics; never another exception, a hang
or a crash of the interpreter.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
import yaml
from fuzzing import WORK, check_error, check_in_child, mutate_bytes, mutate_tree, time_limit
from hypothesis import given
from hypothesis import strategies as st

from engine.errors import Error
from regulations.library import load, shipped_rules
from regulations.model import Article, Chapter, RegulationMeta, Wording

RULES = shipped_rules()


def _names(model: Any) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()} | set(model.model_fields)


REAL_KEYS = sorted(
    {"regulation", "articles", "versions"}
    | _names(RegulationMeta)
    | _names(Article)
    | _names(Chapter)
    | _names(Wording)
)


def _small_document(articles: int = 6) -> dict[str, Any]:
    """The head of the Ordos rule file: its regulation and first articles (some with rules)."""
    data = yaml.safe_load((RULES / "ordos.yaml").read_text(encoding="utf-8"))
    data["articles"] = data["articles"][:articles]
    return data


class _Literal(yaml.SafeDumper):
    """Writes text of several lines as a literal block, as rule text is written (a quoted
    text over several lines is refused: its positions are not the file's)."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    )


_Literal.add_representer(str, _text)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Literal, allow_unicode=True, sort_keys=False)


SMALL = _small_document()
SMALL_TEXT = dump(SMALL)


def load_bytes(content: bytes, name: str = "fuzz.yaml") -> None:
    """Write a rule file and load it alone: a library, or a typed error."""
    path = WORK / name
    path.write_bytes(content)
    try:
        with time_limit():
            load(path, builtin=False, fresh=True)
    except Error as exc:
        check_error(exc)


def load_data(data: Any) -> None:
    load_bytes(dump(data).encode("utf-8"))


def test_the_small_document_loads() -> None:
    (WORK / "small.yaml").write_text(SMALL_TEXT, "utf-8")
    library = load(WORK / "small.yaml", builtin=False, fresh=True)
    assert library.refs == ("ordos",)


# ---------------------------------------------------------------------------------------
# generated structures

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
KEYS = st.one_of(st.sampled_from(REAL_KEYS), TEXT, st.sampled_from(["<<", "", "1", "true", "~"]))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-3, 300),
    st.floats(),
    TEXT,
    st.sampled_from(
        [
            "ordos",
            "final",
            "draft",
            "prefecture",
            "inner_mongolia/ordos",
            "2025-02-30",
            'must x "y"',
            "source",
            "paraphrase",
        ]
    ),
    st.dates(),
    st.datetimes(),
)
ODD_KEYS = st.one_of(KEYS, st.integers(), st.booleans(), st.none(), st.floats(), st.dates())


def values(keys: st.SearchStrategy[Any] = KEYS) -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=5),
            st.dictionaries(keys, children, max_size=6),
        ),
        max_leaves=30,
    )


@given(values())
def test_any_structure(data: Any) -> None:
    load_data(data)


@given(values(ODD_KEYS))
def test_any_structure_with_keys_of_any_type(data: Any) -> None:
    load_data(data)


def _record(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping with some of the real fields (any values), and perhaps a stray key."""
    return st.dictionaries(
        st.one_of(st.sampled_from(fields), st.sampled_from(REAL_KEYS), TEXT), values(), max_size=8
    ) | st.fixed_dictionaries({}, optional={f: values() for f in fields})


META = _record(sorted(_names(RegulationMeta)))
ARTICLE = _record(sorted(_names(Article)))


@given(META, st.lists(ARTICLE, max_size=4))
def test_regulation_shaped_structures(meta: dict[str, Any], articles: list[Any]) -> None:
    load_data({"regulation": meta, "articles": articles})


@given(
    st.lists(
        st.fixed_dictionaries({"regulation": META, "articles": st.lists(ARTICLE, max_size=3)})
        | values(),
        max_size=3,
    )
)
def test_versions_shaped_structures(versions: list[Any]) -> None:
    load_data({"versions": versions})


# ---------------------------------------------------------------------------------------
# a real document, mutated


def mutate(data: st.DataObject, doc: Any) -> Any:
    return mutate_tree(data, doc, values(), KEYS | st.sampled_from(REAL_KEYS))


@given(st.data())
def test_mutated_document(data: st.DataObject) -> None:
    doc = copy.deepcopy(SMALL)
    for _ in range(data.draw(st.integers(1, 5))):
        doc = mutate(data, doc)
    load_data(doc)


@given(st.data())
def test_mutated_versions(data: st.DataObject) -> None:
    draft = copy.deepcopy(SMALL)
    draft["regulation"]["version"] = "draft"
    del draft["regulation"]["in_force"]
    doc: Any = {"versions": [copy.deepcopy(SMALL), draft]}
    for _ in range(data.draw(st.integers(1, 5))):
        doc = mutate(data, doc)
    load_data(doc)


# ---------------------------------------------------------------------------------------
# raw bytes and text

YAML_SOUP = st.sampled_from(
    [
        ":",
        ": ",
        "- ",
        "-",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\n",
        "\n  ",
        "\t",
        "  ",
        "'",
        '"',
        "|",
        ">",
        "|-",
        "&a ",
        "*a",
        "*b",
        "!!str ",
        "!!python/object:os.system ",
        "!x ",
        "---",
        "...",
        "%YAML 1.1",
        "? ",
        "#",
        "<<: ",
        "\\",
        "\x00",
        "\x01",
        "\x85",
        "\u2028",
        "\ufeff",
        "\r",
        "平安",
        "~",
        "null",
        "2025-02-30",
        "2025-01-01",
        "1e9999",
        ".nan",
        "0x1F",
        "0o17",
        "regulation",
        "articles",
        "versions",
        "rules",
        "article",
        "text",
        "id",
        "ordos",
    ]
)


@given(st.binary(max_size=300))
def test_arbitrary_bytes(content: bytes) -> None:
    load_bytes(content)


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_text(content: str) -> None:
    load_bytes(content.encode("utf-8"))


@given(st.lists(YAML_SOUP | TEXT, max_size=80).map("".join))
def test_yaml_token_soup(content: str) -> None:
    load_bytes(content.encode("utf-8"))


@given(st.data())
def test_mutated_file_text(data: st.DataObject) -> None:
    content = mutate_bytes(data, SMALL_TEXT.encode("utf-8"), YAML_SOUP)
    load_bytes(content)


# ---------------------------------------------------------------------------------------
# the registries (concepts.yaml, params.yaml) of a rule folder, mutated: a caller's registry
# replaces the shipped one of the same name

REGISTRIES = {
    name: yaml.safe_load((RULES / name).read_text(encoding="utf-8"))
    for name in ("concepts.yaml", "params.yaml")
}
REGISTRY_KEYS = st.sampled_from(
    ["zh", "en", "type", "default", "decided_by", "period", "count", "flag", "emergency_drill"]
)


def load_folder(files: dict[str, bytes]) -> None:
    """A rule folder of its own (its registries and the small document) loaded alone."""
    folder = WORK / "folder"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    try:
        with time_limit():
            load(folder, builtin=False, builtin_registries=False, fresh=True)
    except Error as exc:
        check_error(exc)


def test_a_folder_with_the_shipped_registries_loads() -> None:
    files = {n: (RULES / n).read_bytes() for n in REGISTRIES}
    folder = WORK / "registries"
    folder.mkdir(exist_ok=True)
    for name, content in {**files, "small.yaml": SMALL_TEXT.encode()}.items():
        (folder / name).write_bytes(content)
    assert load(folder, builtin=False, builtin_registries=False, fresh=True).refs == ("ordos",)


@given(st.sampled_from(sorted(REGISTRIES)), st.data())
def test_mutated_registries(name: str, data: st.DataObject) -> None:
    registry = copy.deepcopy(REGISTRIES[name])
    for _ in range(data.draw(st.integers(1, 4))):
        registry = mutate_tree(data, registry, values(), KEYS | REGISTRY_KEYS)
    files = {n: yaml.safe_dump(r, allow_unicode=True).encode() for n, r in REGISTRIES.items()}
    files[name] = yaml.safe_dump(registry, allow_unicode=True).encode()
    load_folder({**files, "small.yaml": SMALL_TEXT.encode()})


@given(st.sampled_from(sorted(REGISTRIES)), st.data())
def test_mutated_registry_text(name: str, data: st.DataObject) -> None:
    files = {n: (RULES / n).read_bytes() for n in REGISTRIES}
    files[name] = mutate_bytes(data, files[name], YAML_SOUP)
    load_folder({**files, "small.yaml": SMALL_TEXT.encode()})


# ---------------------------------------------------------------------------------------
# deep nesting, aliases: in a child process, so that a crash of the interpreter is a
# failure of this test rather than the end of the test run

_HEAD = "regulation: {id: x, title: t, territory: inner_mongolia/ordos, level: prefecture}\n"
DEEP = {
    "flow-lists": lambda n: "[" * n + "]" * n,
    "flow-lists-unclosed": lambda n: "[" * n,
    "flow-maps": lambda n: "{a: " * n + "x" + "}" * n,
    "block-lists": lambda n: "- " * n + "x\n",
    "block-maps": lambda n: "".join(" " * i + "a:\n" for i in range(n)) + " " * n + "x\n",
    "in-articles": lambda n: _HEAD + "articles: " + "[" * n + "]" * n + "\n",
    "in-notes": lambda n: (
        _HEAD + "articles:\n  - {article: 1, text: t, notes: " + "[" * n + "]" * n + "}\n"
    ),
    "in-chapters": lambda n: _HEAD.replace("}", ", chapters: " + "[" * n + "]" * n + "}"),
    "versions": lambda n: "versions: " + "[" * n + "]" * n + "\n",
}
SIZES = (100, 1000, 3000, 10000)


def _alias_bomb(levels: int = 9) -> str:
    """Anchors each holding nine aliases of the one before: 9^levels leaves as a tree."""
    anchors = ["&a0 [x, x, x, x, x, x, x, x, x]"]
    anchors += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    top = f"*a{levels - 1}"
    return (
        "regulation: {id: x, title: t, territory: inner_mongolia/ordos, level: prefecture}\n"
        "articles:\n"
        f"  - {{article: 1, text: t, notes: [{', '.join(anchors)}]}}\n"
        f"  - {{article: 2, text: t, rules: {top}, wordings: {top}, chapter: {top}}}\n"
        f"  - {{article: 3, text: {top}}}\n"
        f"  - {top}\n"
    )


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting(shape: str) -> None:
    paths = []
    for n in SIZES:
        path = WORK / f"deep-{shape}-{n}.yaml"
        path.write_text(DEEP[shape](n), "utf-8")
        paths.append(path)
    check_in_child("rules", paths)


def test_alias_bomb() -> None:
    path = WORK / "bomb.yaml"
    path.write_text(_alias_bomb(), "utf-8")
    (outcome,) = check_in_child("rules", [path])
    assert outcome.get("error") == "LoadError" and "alias" in outcome["message"], outcome


def test_the_sample_date_is_a_date() -> None:
    """(A sanity check of the generators: YAML dates come back as dates.)"""
    assert yaml.safe_load(yaml.safe_dump({"d": dt.date(2025, 1, 1)}))["d"] == dt.date(2025, 1, 1)
