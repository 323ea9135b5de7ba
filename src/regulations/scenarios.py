"""YAML scenarios as pytest tests: given facts, a day and open terms → what must (and must
not) follow. A pytest plugin, installed with the package: every ``*.yaml`` file in a folder
named ``scenarios`` that pytest visits is collected, one test per scenario.

A scenario file holds a list of scenarios:

```yaml
- title: the veto is suspended while the appeal is under review
  as_of: 2025-06-30
  rules: [../my_rules]          # optional: rule files or folders of one's own, loaded beside
                                #   the shipped ones (paths relative to this file)
  regulation: xinjiang          # optional: default, each unit's territory
  params: {serious_circumstances: true}
  calendar: china               # or weekends
  since: 2025-01-01             # optional: recurring duties' cycles over before it are left
                                #   out (evaluate(since=…))
  facts: {units: [...], incidents: [...]}
  expect:                       # per unit: items that must be present (fields are a subset)
    tianshan-gov:
      sanctions: [{article: 52, measure: one_vote_veto, suspended: true}]
  absent:                       # per unit: items that must not be present
    tianshan-gov:
      sanctions: [{measure: listed_supervision}]
  read:                         # optional: articles as the law reads on as_of
    zhejiang:                   # regulation → article → its text and rules (fields a subset)
      48: {text_contains: 鼓励, rules: [{id: zhejiang.48.2, modality: encouraged}]}
```

Run them with ``pytest`` (``pytest tests/scenarios``); ``-p no:regulations.scenarios``
turns the plugin off. A scenario that names a key it does not know, or asserts nothing, is
an error naming the file, the scenario and the fix — never a test that passes in silence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from regulations.library import Library

SECTIONS = ("obligations", "deadlines", "sanctions", "undetermined")
KEYS = (
    "title",
    "as_of",
    "rules",
    "regulation",
    "params",
    "calendar",
    "since",
    "facts",
    "expect",
    "absent",
    "read",
)
CHECKS = ("expect", "absent", "read")


class ScenarioError(Exception):
    """A scenario file that cannot be run as written."""


class ScenarioFile(pytest.File):
    """One file of scenarios; the rule sets its scenarios name are loaded once for it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._libraries: dict[tuple[str, ...], Library] = {}

    def collect(self) -> Iterator[ScenarioItem]:
        import yaml

        try:
            cases = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise self.CollectError(f"{self.path}: not a readable YAML file: {exc}") from None
        if cases is None:
            return
        if not isinstance(cases, list):
            raise self.CollectError(
                f"{self.path}: a scenario file is a list of scenarios (- title: …), "
                f"not a {type(cases).__name__}"
            )
        for number, case in enumerate(cases, start=1):
            title = case.get("title") if isinstance(case, dict) else None
            if not isinstance(title, str) or not title:
                raise self.CollectError(
                    f"{self.path}: scenario {number} has no title; give each one "
                    "'title: what it shows'"
                )
            yield ScenarioItem.from_parent(self, name=title, case=case)

    def library(self, rules: tuple[str, ...]) -> Library | None:
        """The shipped rules with ``rules`` (paths relative to this file), loaded once for
        every scenario of the file that names them; None for the shipped rules alone."""
        if not rules:
            return None
        if rules not in self._libraries:
            import regulations

            self._libraries[rules] = regulations.load(*(self.path.parent / r for r in rules))
        return self._libraries[rules]


def _matches(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    for key, want in expected.items():
        got = actual.get(key)
        if isinstance(want, dt.date):
            want = want.isoformat()
        if isinstance(want, list) and isinstance(got, list):
            if sorted(map(str, want)) != sorted(map(str, got)):
                return False
        elif got != want:
            return False
    return True


class ScenarioItem(pytest.Item):
    """One scenario: run the facts through the law, then check what it expects."""

    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        import regulations
        from engine import WeekendCalendar
        from regulations.calendar import ChinaCalendar
        from regulations.factsfile import parse_facts

        case = self.case
        _check_keys(case)
        rules = case.get("rules") or ()
        assert isinstance(self.parent, ScenarioFile)
        library = self.parent.library((rules,) if isinstance(rules, str) else tuple(rules))
        facts = parse_facts(case["facts"], Path(str(self.path)), [])
        calendar = WeekendCalendar() if case.get("calendar") == "weekends" else ChinaCalendar()
        report = regulations.evaluate(
            facts,
            regulation=case.get("regulation"),
            as_of=case["as_of"],
            params=case.get("params") or {},
            calendar=calendar,
            since=case.get("since"),
            library=library,
        )
        by_unit: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for result in report.to_json()["results"]:
            slot = by_unit.setdefault(result["unit"], {s: [] for s in SECTIONS})
            for section in SECTIONS:
                slot[section].extend(result[section])
        problems: list[str] = []
        for unit, sections in (case.get("expect") or {}).items():
            for section, items in sections.items():
                actual = by_unit.get(unit, {}).get(section, [])
                for item in items:
                    if not any(_matches(item, a) for a in actual):
                        problems.append(f"{unit}: expected in {section}: {item}\n  got: {actual}")
        for unit, sections in (case.get("absent") or {}).items():
            for section, items in sections.items():
                actual = by_unit.get(unit, {}).get(section, [])
                for item in items:
                    found = [a for a in actual if _matches(item, a)]
                    if found:
                        problems.append(
                            f"{unit}: must not be in {section}: {item}\n  found: {found}"
                        )
        problems.extend(_read(case, library))
        if problems:
            raise ScenarioError("\n".join(problems))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioError):
            return f"scenario {self.name!r} ({self.path.name}):\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Any, int, str]:
        return self.path, 0, f"scenario: {self.name}"


def _check_keys(case: dict[str, Any]) -> None:
    """A key the runner does not know would be skipped in silence (a typo in ``expect``
    asserts nothing): refuse it, and a scenario that checks nothing."""
    from engine import suggest

    for key in case:
        if key not in KEYS:
            near = suggest(str(key), KEYS)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise ScenarioError(f"unknown key {key!r}: {hint}a scenario takes {', '.join(KEYS)}")
    for key in ("as_of", "facts"):
        if key not in case:
            raise ScenarioError(f"no {key!r}: a scenario gives the day and the facts")
    if not any(case.get(key) for key in CHECKS):
        raise ScenarioError(f"the scenario checks nothing: give {', '.join(CHECKS)} or more")


def _read(case: dict[str, Any], library: Library | None) -> list[str]:
    """What the ``read`` section expects of the articles in force on the scenario's day."""
    import regulations

    problems = []
    for ref, articles in (case.get("read") or {}).items():
        for number, want in articles.items():
            view = regulations.articles(
                ref, article=number, as_of=case["as_of"], library=library
            ).to_json()
            (article,) = view["articles"]
            text = want.get("text_contains")
            if text is not None and text not in article["text"]:
                problems.append(f"{ref} {number}: text lacks {text!r}\n  got: {article['text']}")
            for item in want.get("rules", []):
                if not any(_matches(item, rule) for rule in article["rules"]):
                    problems.append(
                        f"{ref} {number}: expected rule {item}\n  got: {article['rules']}"
                    )
            for item in want.get("no_rules", []):
                found = [rule for rule in article["rules"] if _matches(item, rule)]
                if found:
                    problems.append(f"{ref} {number}: must not have {item}\n  found: {found}")
            edition = want.get("edition")
            if edition is not None and view.get("edition", {}).get("name") != edition:
                problems.append(
                    f"{ref} {number}: expected edition {edition}, got {view.get('edition')}"
                )
    return problems


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    """Collect the YAML files of a folder named ``scenarios`` as scenario files."""
    if file_path.suffix in (".yaml", ".yml") and file_path.parent.name == "scenarios":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None
