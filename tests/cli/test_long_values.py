"""A value of 100,000 characters given anywhere on the command line is cut where an error
echoes it, the one way values are cut (`engine.shown`), in our messages and argparse's
alike: the error stays a few lines, never the value again."""

from __future__ import annotations

import pytest
from badcorpus import run

LONG = "v" * 100_000
FACTS = "cli/valid.yaml"  # run in tests/bad
# one command line per place a value goes; {} is the long value
PLACES = [
    "{}",
    "applies {} --kind school",
    "applies ordos --kind {}",
    "applies ordos --kind school --level {}",
    "applies ordos --kind school --tag {}",
    "applies ordos --kind school --concept {}",
    "applies ordos --kind school --measure {}",
    "applies ordos --kind school --as-of {}",
    "applies ordos --kind school --format {}",
    "applies ordos --kind school --lang {}",
    "applies ordos --kind school --width {}",
    "applies ordos --kind school {}",
    "applies ordos --kind school --{}",
    "applies ordos --kind school --rules {}",
    "articles {}",
    "articles ordos --article {}",
    "articles ordos --provision {}",
    f"evaluate {FACTS} --regulation {{}}",
    f"evaluate {FACTS} --unit {{}}",
    f"evaluate {FACTS} --param {{}}=1",
    f"evaluate {FACTS} --param short_period={{}}",
    f"evaluate {FACTS} --calendar {{}}",
    f"evaluate {FACTS} --engine {{}}",
    f"evaluate {FACTS} --max-facts-mb {{}}",
    "evaluate {}",
    f"explain {FACTS} --unit {{}} --article 19",
    f"explain {FACTS} --unit x --rule {{}}",
    f"explain {FACTS} --unit x --provision {{}}",
    f"facts convert {FACTS} --to {{}} out",
    "diff {} ordos",
    "compare ordos {} --kind school",
    "concepts {}",
    "vocabulary {}",
    "vocabulary kinds {}",
    "check {}",
]


@pytest.mark.parametrize("place", PLACES)
def test_a_long_value_is_cut_wherever_an_error_echoes_it(place: str) -> None:
    argv = [word.replace("{}", LONG) for word in place.split()]
    outcome = run(argv)
    assert outcome.status in (1, 2), outcome.stderr[:500]
    assert "internal error" not in outcome.stderr
    assert len(outcome.stderr) + len(outcome.stdout) < 4000
    assert "v" * 100 not in outcome.stderr


def test_a_long_unknown_code_is_not_compared_by_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    """difflib is quadratic in the text: an unknown code of 100,000 characters took seconds
    to get its did-you-mean. Beyond CLOSE_LENGTH nothing can be spelled close to a code, so
    only the names it holds are looked for."""
    from regulations import codes

    def no_spelling(*_: object, **__: object) -> None:
        raise AssertionError("compared by spelling")

    monkeypatch.setattr(codes.difflib, "SequenceMatcher", no_spelling)
    assert codes.KINDS.close("v" * 100_000) == ()
    assert codes.KINDS.close("学校" + "的" * codes.CLOSE_LENGTH) == ("school",)
    monkeypatch.undo()
    assert codes.KINDS.close("shcool") == ("school",)
