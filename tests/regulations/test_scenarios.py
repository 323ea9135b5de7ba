"""The scenario runner as a user meets it: a pytest plugin installed with the package, which
collects the YAML files of a folder named scenarios/ in any project, with rule files of the
project's own, and says what failed, or what is wrong with a scenario, by its title."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

GOLDEN = Path(__file__).resolve().parents[1] / "cli" / "golden"
PLUGIN = ("-p", "regulations.scenarios")  # as the entry point installs it
SCENARIO = """
- title: {title}
  as_of: 2025-06-30
  rules: [../law/rules.yaml]
  regulation: golden
  facts:
    units: [{{id: gov, kind: people_government, level: county, region: inner_mongolia/ordos/dongsheng}}]
    incidents:
      - {{unit: gov, kind: criminal_case, severity: major, date: 2025-02-10}}
      - {{unit: gov, kind: criminal_case, severity: major, date: 2025-03-20}}
  expect:
    gov:
      sanctions: [{{article: 3, measure: {measure}}}]
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> Path:
    """A project of one's own: a law in law/, scenarios in scenarios/."""
    law = pytester.path / "law"
    law.mkdir()
    shutil.copy(GOLDEN / "rules.yaml", law / "rules.yaml")
    (pytester.path / "scenarios").mkdir()
    return pytester.path


def test_a_users_scenarios_run_with_their_own_rules(
    pytester: pytest.Pytester, project: Path
) -> None:
    (project / "scenarios" / "golden.yaml").write_text(
        SCENARIO.format(title="a repeated major case means an interview", measure="interview")
        + SCENARIO.format(title="and a mistaken expectation fails", measure="one_vote_veto"),
        encoding="utf-8",
    )
    result = pytester.runpytest(*PLUGIN, "-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*a repeated major case means an interview PASSED*",
            "*scenario 'and a mistaken expectation fails' (golden.yaml):*",
            "*gov: expected in sanctions: {'article': 3, 'measure': 'one_vote_veto'}*",
        ]
    )


def test_a_yaml_file_outside_a_scenarios_folder_is_not_collected(
    pytester: pytest.Pytester, project: Path
) -> None:
    (project / "law" / "other.yaml").write_text("- title: not a scenario\n", encoding="utf-8")
    pytester.runpytest(*PLUGIN).assert_outcomes()


def test_a_scenario_with_a_misspelt_key_is_an_error_not_a_pass(
    pytester: pytest.Pytester, project: Path
) -> None:
    text = SCENARIO.format(title="typo", measure="interview").replace("  expect:", "  expct:")
    (project / "scenarios" / "typo.yaml").write_text(text, encoding="utf-8")
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*unknown key 'expct': did you mean 'expect'?*"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title: one scenario, not a list\n", "*a scenario file is a list of scenarios*"),
        ("- as_of: 2025-06-30\n", "*scenario 1 has no title*"),
        ("- title: [unclosed\n", "*not a readable YAML file*"),
    ],
)
def test_a_scenario_file_of_the_wrong_shape_is_a_collection_error_naming_it(
    pytester: pytest.Pytester, project: Path, content: str, message: str
) -> None:
    (project / "scenarios" / "bad.yaml").write_text(content, encoding="utf-8")
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([message])
