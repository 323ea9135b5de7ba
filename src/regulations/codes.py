"""Codes as people write them: the code itself (``school``), or a Chinese name the vocabulary
lists for it (学校, 校园), for every code argument — unit kind, level, tag, measure, incident
kind, severity, modality, concept. A value that is neither is an `UnknownCodeError` whose
did-you-mean searches both the codes and the Chinese names.

A list's Chinese names are read from its vocabulary entries (``"人民政府, 各级人民政府, 街道
办事处 (township)"``: each name apart, remarks in brackets dropped). A concept's Chinese is a
description (``制定突发事件应急预案,…,定期组织应急演练``): a name given for a concept is one
of its phrases, or words found in one concept's description only (应急演练).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from regulations import vocabulary as v
from regulations.errors import Choice, InvalidValueError, UnknownCodeError

_REMARK = re.compile(r"\s*[(（][^)）]*[)）]")
_SPLIT = re.compile(r"[,，、/;；:：]|\s+or\s+")
SUGGESTED = 5
CLOSE_LENGTH = 200
"""Longest text compared by spelling for a did-you-mean (difflib is quadratic in it: an
unknown code of 100,000 characters took seconds). Codes and names are far shorter, so no
longer text can be spelled close to one; it is still matched by the names it holds."""


def normal(text: str) -> str:
    """A name as compared: full-width forms folded (ＡＢ → AB), spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def names_in(chinese: str) -> tuple[str, ...]:
    """The names a vocabulary entry's Chinese lists: split at commas, 、 and slashes, remarks
    in brackets dropped, descriptions (with spaces left inside) and single characters skipped.

    >>> names_in("人民政府, 各级人民政府, 街道办事处 (township)")
    ('人民政府', '各级人民政府', '街道办事处')
    >>> names_in("县、县级市、市辖区、旗、旗县区")
    ('县级市', '市辖区', '旗县区')
    """
    found = []
    for piece in _SPLIT.split(_REMARK.sub("", chinese)):
        name = piece.strip()
        if len(name) >= 2 and not any(ch.isspace() for ch in name):
            found.append(normal(name))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class CodeList:
    """One list of codes and the Chinese by which people name them."""

    what: str  # as a message names the list: "unit kind", "level"
    chinese: Mapping[str, str]  # code → its Chinese (names, or a description)
    described: bool = False  # the Chinese is a description (concepts), not a list of names
    extra: Mapping[str, str] = field(default_factory=dict)  # name → code, beyond those listed
    ordered: bool = False  # the codes are a scale (levels): listed in their order, not sorted

    @cached_property
    def index(self) -> dict[str, tuple[str, ...]]:
        """Each Chinese name → the codes it names (more than one: the name is ambiguous)."""
        index: dict[str, list[str]] = defaultdict(list)
        for code, chinese in self.chinese.items():
            pieces = (
                names_in(chinese) if not self.described else (normal(chinese), *names_in(chinese))
            )
            for name in pieces:
                if code not in index[name]:
                    index[name].append(code)
        for name, code in self.extra.items():
            index[normal(name)] = [code]
        return {name: tuple(codes) for name, codes in index.items()}

    def resolve(self, text: object) -> str:
        """The code ``text`` names: the code itself, a Chinese name (one of a concept's
        phrases, or words of one concept's description only). Else UnknownCodeError with
        the codes close to it by code or by Chinese name; a name of several codes is an
        InvalidValueError naming them."""
        if not isinstance(text, str):
            raise UnknownCodeError(self.what, str(text), self._choice())
        if text in self.chinese:
            return text
        wanted = normal(text)
        codes = self.index.get(wanted, ())
        if not codes and self.described and len(wanted) >= 2:
            codes = tuple(c for c, zh in self.chinese.items() if wanted in normal(zh))
        if len(codes) == 1:
            return codes[0]
        if codes:
            raise InvalidValueError(
                self.what,
                text,
                f"it names {len(codes)}: {', '.join(codes[:SUGGESTED])}"
                + (" …" if len(codes) > SUGGESTED else "")
                + "; give the code",
            )
        raise UnknownCodeError(self.what, text, self._choice(), self.close(text))

    def _choice(self) -> Choice:
        return Choice(tuple(self.chinese) if self.ordered else tuple(sorted(self.chinese)))

    def close(self, text: str) -> tuple[str, ...]:
        """Codes close to ``text``: by spelling (difflib), by the words of the code they
        share (``real_name_registration`` → ``real_name_security_check``), and by Chinese
        name (a name close to it, or one holding it or held in it)."""
        wanted = normal(text)
        found: dict[str, float] = {}
        spelled = len(wanted) <= CLOSE_LENGTH  # else held names only: nothing is spelled close

        def note(code: str, score: float) -> None:
            found[code] = max(found.get(code, 0.0), score)

        words = set(wanted.lower().split("_")) - {""}
        for code in self.chinese:
            ratio = difflib.SequenceMatcher(None, wanted.lower(), code).ratio() if spelled else 0.0
            if ratio >= 0.6:
                note(code, ratio + 1)
            shared = words & set(code.split("_"))
            if shared and len(shared) * 2 >= len(words) and any(len(w) > 2 for w in shared):
                note(code, 1 + len(shared) / len(words) + ratio)
        if not wanted.isascii():
            for name, codes in self.index.items():
                ratio = difflib.SequenceMatcher(None, wanted, name).ratio() if spelled else 0.0
                held = len(wanted) >= 2 and (wanted in name or name in wanted)
                if ratio >= 0.5 or held:
                    for code in codes:
                        note(code, ratio + held)
            if self.described and spelled:
                for code, zh in self.chinese.items():
                    common = _common(wanted, normal(zh))
                    if common >= 2 and common * 2 >= len(wanted):
                        note(code, common / len(wanted))
        ranked = sorted(found, key=lambda c: (-found[c], c))
        return tuple(ranked[:SUGGESTED])


def _common(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    return match.size


def _terms(terms: Iterable[v.Term]) -> dict[str, str]:
    return {t.code: t.zh for t in terms}


KINDS = CodeList("unit kind", {k.code: k.zh for k in v.KINDS})
LEVELS = CodeList(
    "level",
    _terms(v.LEVELS),
    extra={"省级": "province", "市级": "prefecture", "县级": "county", "乡级": "township",
           "乡镇": "township", "村级": "village", "省": "province", "县": "county",
           "乡": "township", "镇": "township", "村": "village", "旗": "county"},
    ordered=True,
)  # fmt: skip
TAGS = CodeList("tag", _terms(v.TAGS))
INCIDENT_KINDS = CodeList("incident kind", _terms(v.INCIDENT_KINDS))
SEVERITIES = CodeList("severity", _terms(v.SEVERITIES), ordered=True)
MODALITIES = CodeList("modality", _terms(v.MODALITIES))
MEASURES = CodeList("measure", _terms(v.MEASURES))

LISTS: Mapping[str, CodeList] = {
    "kinds": KINDS,
    "levels": LEVELS,
    "tags": TAGS,
    "incidents": INCIDENT_KINDS,
    "severities": SEVERITIES,
    "measures": MEASURES,
    "modalities": MODALITIES,
}
"""The vocabulary's lists by the name ``regulations vocabulary`` gives them."""


def concepts(registry: Mapping[str, object]) -> CodeList:
    """The concepts of a library's registry (code → concept with ``zh``), named by code or
    by Chinese words of one concept's description."""
    return CodeList(
        "concept", {code: str(getattr(c, "zh", "")) for code, c in registry.items()}, True
    )
