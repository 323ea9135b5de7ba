"""Every code argument takes the vocabulary's Chinese names (regulations/codes.py): kind,
level, tag, measure, concept, incident kind, severity, modality — each tried with every name
its vocabulary entry lists, through the command line; an unknown name gets a did-you-mean
over codes and Chinese names alike."""

from __future__ import annotations

import json

import pytest
from clirun import run

import regulations
from regulations import codes
from regulations import vocabulary as v

DAY = ("--as-of", "2025-06-30", "--format", "json")


def named(code_list: codes.CodeList) -> list[tuple[str, str]]:
    """(name, code) for every Chinese name of every code in the list."""
    return sorted((name, found[0]) for name, found in code_list.index.items())


def test_every_list_has_chinese_names_for_its_codes() -> None:
    for code_list in codes.LISTS.values():
        have = {code for _, code in named(code_list)}
        assert len(have) >= len(code_list.chinese) * 0.8, code_list.what
    assert codes.KINDS.resolve("学校") == "school"
    assert codes.KINDS.resolve("公安机关") == "public_security"
    assert codes.MEASURES.resolve("通报") == "public_notice"
    assert codes.LEVELS.resolve("县级") == "county"
    assert codes.LEVELS.resolve("旗县区") == "county"


@pytest.mark.parametrize(("name", "code"), named(codes.KINDS))
def test_a_kind_by_its_chinese_name(
    capsys: pytest.CaptureFixture[str], name: str, code: str
) -> None:
    status, out, err = run(capsys, "applies", "ordos", "--kind", name, *DAY)
    assert status == 0, err
    assert json.loads(out)["unit"]["kind"] == code


@pytest.mark.parametrize(("name", "code"), named(codes.LEVELS))
def test_a_level_by_its_chinese_name(
    capsys: pytest.CaptureFixture[str], name: str, code: str
) -> None:
    status, out, err = (
        run(capsys, "applies", "ordos", "--kind", "人民政府", "--level", name, *DAY)
        if code != "village"
        else run(capsys, "applies", "ordos", "--kind", "村民委员会", "--level", name, *DAY)
    )
    assert status == 0, err
    assert json.loads(out)["unit"]["level"] == code


@pytest.mark.parametrize(("name", "code"), named(codes.TAGS))
def test_a_tag_by_its_chinese_name(
    capsys: pytest.CaptureFixture[str], name: str, code: str
) -> None:
    status, out, err = run(
        capsys, "compare", "ordos", "hohhot", "--kind", "单位", "--tag", name, *DAY
    )
    assert status == 0, err
    assert json.loads(out)["unit"]["tags"] == [code]


@pytest.mark.parametrize(("name", "code"), named(codes.MEASURES))
def test_a_measure_by_its_chinese_name(
    capsys: pytest.CaptureFixture[str], name: str, code: str
) -> None:
    status, out, err = run(
        capsys, "applies", "xinjiang", "--kind", "people_government", "--level", "county",
        "--measure", name, *DAY,
    )  # fmt: skip
    assert status == 0, err
    rules = [r for a in json.loads(out)["articles"] for r in a["rules"]]
    assert all(code in r["measures"] for r in rules)


@pytest.mark.parametrize(
    "code_list",
    [codes.INCIDENT_KINDS, codes.SEVERITIES, codes.MODALITIES, codes.MEASURES, codes.KINDS],
)
def test_a_vocabulary_entry_by_its_chinese_name(
    capsys: pytest.CaptureFixture[str], code_list: codes.CodeList
) -> None:
    name = next(n for n, c in codes.LISTS.items() if c is code_list)
    for chinese, code in named(code_list):
        status, out, err = run(capsys, "vocabulary", name, chinese, "--format", "json")
        assert status == 0, err
        assert [e["code"] for e in json.loads(out)] == [code]


def test_a_concept_by_its_chinese_description_or_words_of_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = regulations.load()
    concepts = codes.concepts(library.concepts)
    for code, concept in library.concepts.items():
        assert concepts.resolve(concept.zh) == code
    status, out, err = run(
        capsys, "applies", "ordos", "--kind", "学校", "--concept", "应急演练", *DAY
    )
    assert status == 0, err
    rules = [r for a in json.loads(out)["articles"] for r in a["rules"]]
    assert rules and {r["concept"] for r in rules} == {"emergency_drill"}
    status, out, err = run(capsys, "concepts", "应急演练", "--format", "json")
    assert [c["concept"] for c in json.loads(out)] == ["emergency_drill"]


@pytest.mark.parametrize(
    ("argv", "suggested"),
    [
        (["applies", "ordos", "--kind", "学院"], "school"),
        (["applies", "ordos", "--kind", "公安局"], "public_security"),
        (["applies", "ordos", "--kind", "schol"], "school"),
        (["applies", "ordos", "--kind", "school", "--concept", "real_name_registration"],
         "real_name_security_check"),
        (["applies", "ordos", "--kind", "school", "--concept", "实名登记制度"],
         "real_name_security_check"),
        (["vocabulary", "incidents", "暴力恐怖"], "terrorist_incident"),
        (["vocabulary", "measures", "通报批判"], "public_notice"),
    ],
)  # fmt: skip
def test_did_you_mean_searches_codes_and_chinese_names(
    capsys: pytest.CaptureFixture[str], argv: list[str], suggested: str
) -> None:
    status, out, err = run(capsys, *argv, "--format", "json")
    assert (status, out) == (2, "")
    assert suggested in json.loads(err)["suggestions"]


def test_levels_a_kind_can_have() -> None:
    assert v.levels_of("people_government") == ("province", "prefecture", "county", "township")
    assert v.levels_of("villagers_committee") == ("village",)
    assert v.levels_of("school") == () and v.levels_of("citizen") == ()
    assert v.levels_of("organization") == v.ALL_LEVELS  # it may be a government or a committee
    for kind in v.KIND_CODES:  # a kind has every level of the kinds below it
        for below in v.descendants(kind):
            assert set(v.levels_of(below)) <= set(v.levels_of(kind))
