"""Write a rule-file skeleton (metadata, chapters, every article's verbatim text, empty rules).

Usage: python scripts/skeleton.py SEED_NAME > rules/NAME.yaml

A one-off authoring aid: the text comes from the seed parser the fidelity tests use, so an
encoder starts from the exact wording and only adds rules.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))

from seedtext import read_seed


def block(text: str, indent: str) -> str:
    lines = text.split("\n")
    return "\n".join(indent + line if line else "" for line in lines)


def main(name: str) -> None:
    seed = read_seed(name)
    out = ["articles:"]
    for art in seed.articles:
        out.append(f"  - article: {art.number}")
        out.append(f"    chapter: {art.chapter}")
        out.append("    text: |-")
        out.append(block(art.text, "      "))
        out.append('    rules: ""')
    print("chapters:")
    for number, title in seed.chapters.items():
        print(f"  - {{number: {number}, title: {title}}}")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
