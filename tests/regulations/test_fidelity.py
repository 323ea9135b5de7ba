"""Every encoded article of the four full texts says exactly what the source says."""

from __future__ import annotations

import pytest
from seedtext import SEEDS, read_seed

import regulations

FULL_TEXTS = {
    "ordos": "ordos",
    "xinjiang": "xinjiang",
    "hohhot": "hohhot",
    "zhejiang@draft": "zhejiang-draft",
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
    assert counts == {"ordos": 48, "xinjiang": 58, "hohhot": 63, "zhejiang@draft": 59}
