"""Who rules bind, compared by meaning (regulations/subjects.py): through the is-a tree and
the levels a kind can have, never as text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regulations import vocabulary as v
from regulations.subjects import SubjectDiff, binds_beyond


@pytest.mark.parametrize(
    ("a", "b", "relation", "only_a", "only_b"),
    [
        # every level a people's government can have is every level
        (["people_government(province, prefecture, county, township)"], ["people_government"],
         "same", [], []),
        (["people_government(province, prefecture, county)"], ["people_government"],
         "b_binds_more", [], ["people_government(township)"]),
        (["people_government(county)"], ["people_government(province)"],
         "different", ["people_government(county)"], ["people_government(province)"]),
        # an ancestor binds every kind below it, at every level
        (["organization"], ["school", "enterprise_or_institution"],
         "a_binds_more", ["organization other than enterprise_or_institution"], []),
        (["public_security", "education"], ["government_department"],
         "b_binds_more", [], ["government_department other than education, public_security"]),
        # an organization need not have a level: all five do not cover it
        (["organization(province, prefecture, county, township, village)"], ["organization"],
         "b_binds_more", [], ["organization(without a level)"]),
        (["tag key_site", "school"], ["school"], "a_binds_more", ["tag key_site"], []),
        (["citizen"], ["person", "organization"], "b_binds_more", [],
         ["organization", "person other than citizen"]),
    ],
)  # fmt: skip
def test_subjects_compared_through_the_tree_and_levels(
    a: list[str], b: list[str], relation: str, only_a: list[str], only_b: list[str]
) -> None:
    found = SubjectDiff.of(a, b)
    assert (found.relation, list(found.only_a), list(found.only_b)) == (relation, only_a, only_b)


def _subject(kind: str, levels: list[str]) -> str:
    return f"{kind}({', '.join(levels)})" if levels else kind


SUBJECTS = st.sampled_from(sorted(v.KIND_CODES)).flatmap(
    lambda kind: (
        st.lists(st.sampled_from(v.levels_of(kind)), unique=True).map(
            lambda levels: _subject(kind, [lv for lv in v.ALL_LEVELS if lv in levels])
        )
        if v.levels_of(kind)
        else st.just(kind)
    )
)


@given(st.lists(SUBJECTS, max_size=4), st.lists(SUBJECTS, max_size=4))
def test_a_side_binds_nothing_beyond_itself_or_beyond_a_side_that_holds_it(
    a: list[str], b: list[str]
) -> None:
    assert binds_beyond(a, a) == ()
    assert binds_beyond(a, a + b) == ()
    found, swapped = SubjectDiff.of(a, b), SubjectDiff.of(b, a)
    assert (found.only_a, found.only_b) == (swapped.only_b, swapped.only_a)


@given(st.lists(SUBJECTS, min_size=1, max_size=4))
def test_the_root_binds_everything(a: list[str]) -> None:
    assert binds_beyond(a, ["organization", "person"]) == ()
