"""Every encoded article of the full texts says exactly what the source says — the final
Zhejiang law in both its texts (before and after the 2025-03-28 amendment)."""

from __future__ import annotations

import pytest
from seedtext import SEEDS, read_seed

import regulations

FULL_TEXTS = {
    "ordos": "ordos",
    "xinjiang": "xinjiang",
    "hohhot": "hohhot",
    "zhejiang@draft": "zhejiang-draft",
    "zhejiang@2023": "zhejiang-final-2023",
    "zhejiang@2025": "zhejiang-final-2025",
}

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed texts are not beside the project"
)


@pytest.mark.parametrize("ref", FULL_TEXTS)
def test_every_article_has_the_source_number_chapter_and_wording(ref: str) -> None:
    seed = read_seed(FULL_TEXTS[ref])
    view = regulations.articles(ref)
    encoded = [(a.article, a.chapter, a.text) for a in view.articles]
    expected = [(a.number, a.chapter, a.text) for a in seed.articles]
    assert len(encoded) == len(expected)
    for got, want in zip(encoded, expected, strict=True):
        assert got == want, f"{ref} article {want[0]} differs from the source"
    assert all(a.text_source == "source" for a in view.articles)


@pytest.mark.parametrize("ref", FULL_TEXTS)
def test_chapter_titles_are_the_source_titles(ref: str) -> None:
    seed = read_seed(FULL_TEXTS[ref])
    meta = regulations.load().regulation(ref).meta
    assert {c.number: c.title for c in meta.chapters} == seed.chapters


def test_article_counts_are_those_the_texts_state() -> None:
    counts = {ref: len(regulations.articles(ref).articles) for ref in FULL_TEXTS}
    assert counts == {
        "ordos": 48,
        "xinjiang": 58,
        "hohhot": 63,
        "zhejiang@draft": 59,
        "zhejiang@2023": 66,
        "zhejiang@2025": 66,
    }


@pytest.mark.parametrize(
    ("day", "seed"),
    [
        ("2023-07-01", "zhejiang-final-2023"),  # the day the law took effect
        ("2025-03-27", "zhejiang-final-2023"),  # the last day of the 2023 text
        ("2025-03-28", "zhejiang-final-2025"),  # the amended text, from the day it is dated
        ("2026-11-22", "zhejiang-final-2025"),
    ],
)
def test_the_final_zhejiang_law_reads_as_the_text_in_force_that_day(day: str, seed: str) -> None:
    expected = [(a.number, a.chapter, a.text) for a in read_seed(seed).articles]
    view = regulations.articles("zhejiang", as_of=day)
    assert [(a.article, a.chapter, a.text) for a in view.articles] == expected


def test_the_two_final_texts_differ_in_the_five_amended_articles_only() -> None:
    old, new = read_seed("zhejiang-final-2023"), read_seed("zhejiang-final-2025")
    changed = [
        a.number for a, b in zip(old.articles, new.articles, strict=True) if a.text != b.text
    ]
    assert changed == [3, 39, 45, 48, 52]
    view = regulations.articles("zhejiang")
    amended = [a.article for a in view.articles if a.wordings]
    assert amended == changed
