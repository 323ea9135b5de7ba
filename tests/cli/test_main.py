"""The command line's arguments and output (regulations/cli/main.py): an option that takes one
value is given once; dates are YYYY-MM-DD; numbers are ASCII digits; a reader closing the pipe
is no error, a stdout that cannot be written is exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "facts.yaml")
FACTS = str(Path(__file__).resolve().parents[1] / "bad" / "cli" / "valid.yaml")


def command(*argv: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """The installed command in a child, with stdout where the test says."""
    return subprocess.run(
        [sys.executable, "-m", "regulations", *argv],
        stderr=subprocess.PIPE,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["applies", "ordos", "--kind", "school", "--kind", "hospital"], "--kind"),
        (
            ["applies", "ordos", "--kind", "school", "--format", "json", "--format", "table"],
            "--format",
        ),
        (
            ["applies", "ordos", "--kind", "school", "--level", "county", "--level", "county"],
            "--level",
        ),
        (["articles", "ordos", "--article", "19", "--article", "20"], "--article"),
        (["articles", "zhejiang", "--provision", "a", "--provision", "b"], "--provision"),
        (["evaluate", FACTS, "--regulation", "ordos", "--regulation", "hohhot"], "--regulation"),
        (["evaluate", FACTS, "--as-of", "2025-06-30", "--as-of", "2025-07-01"], "--as-of"),
        (["evaluate", FACTS, "--calendar", "china", "--calendar", "weekends"], "--calendar"),
        (["evaluate", FACTS, "--max-facts-mb", "1", "--max-facts-mb", "2"], "--max-facts-mb"),
        (["explain", FACTS, "--unit", "a", "--unit", "b", "--article", "44"], "--unit"),
        (
            ["explain", FACTS, "--unit", "a", "--rule", "ordos.44.1", "--rule", "ordos.44.2"],
            "--rule",
        ),
        (
            [
                "compare",
                "ordos",
                "hohhot",
                "--kind",
                "school",
                "--as-of",
                "2025-01-01",
                "--as-of",
                "2025-01-02",
            ],
            "--as-of",
        ),
    ],
)
def test_an_option_that_takes_one_value_given_twice_is_bad_usage(
    capsys: pytest.CaptureFixture[str], argv: list[str], option: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.splitlines()[0].startswith(f"error: argument {option}: given twice")


def test_repeatable_options_stay_repeatable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "evaluate", FACTS, "--as-of", "2025-06-30", "--format", "json",
        "--unit", "a", "--unit", "a",
        "--param", "serious_circumstances=true", "--param", "short_period=60 days",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["results"]
    code, out, err = run(
        capsys, "applies", "ordos", "--kind", "school", "--tag", "key_site", "--tag",
        "crowded_place", "--format", "json", "--rules", "/nonexistent", "--rules", "/nonexistent",
    )  # fmt: skip
    assert code == 2 and "/nonexistent" in err  # --rules twice is read, not refused as twice
    assert "given twice" not in err


@pytest.mark.parametrize(
    "text", ["2025W011", "20250101", "2025-W01-1", "2025-001", "２０２５-01-01"]
)
def test_as_of_is_exactly_yyyy_mm_dd(capsys: pytest.CaptureFixture[str], text: str) -> None:
    code, out, err = run(capsys, "applies", "ordos", "--kind", "school", "--as-of", text)
    assert (code, out) == (2, "")
    assert f"'{text}' is not a date; write it as YYYY-MM-DD" in err.splitlines()[0]


def test_the_python_api_takes_dates_and_yyyy_mm_dd_text_only() -> None:
    import datetime as dt

    import regulations

    for day in (dt.date(2025, 1, 1), "2025-01-01"):
        assert regulations.applies("ordos", "school", as_of=day).as_of == dt.date(2025, 1, 1)
    for text in ("20250101", "2025W011"):
        with pytest.raises(regulations.Error, match=text):
            regulations.applies("ordos", "school", as_of=text)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["articles", "ordos", "--article", "¹"], "'¹' is not an article number"),
        (["articles", "ordos", "--article", "9" * 5000], "is not an article number"),
        (
            ["evaluate", FACTS, "--param", "repeated_count=¹"],
            "bad open term 'repeated_count': '¹' is not a whole number",
        ),
        (
            ["evaluate", FACTS, "--param", "repeated_count=" + "9" * 5000],
            "bad open term 'repeated_count': '9999",
        ),
        (
            ["evaluate", FACTS, "--param", "repeated_count=" + "9" * 30],
            "(30 digits) is too large",
        ),
        (
            ["evaluate", FACTS, "--param", "short_period=¹ days"],
            "bad open term 'short_period': '¹ days' is not a period",
        ),
        (
            ["evaluate", FACTS, "--param", f"short_period={'9' * 5000} days"],
            "bad open term 'short_period': '9999",
        ),
        (["evaluate", FACTS, "--max-facts-mb", "²"], "'²' is not a size in MB"),
    ],
)
def test_numbers_are_ascii_digits_and_messages_are_ours(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv, "--as-of", "2025-06-30")
    assert (code, out) == (2, "")
    first = err.splitlines()[0]
    assert message in first
    assert "int()" not in err and "Exceeds the limit" not in err and "invalid" not in first
    assert len(first) < 200  # a 5,000-digit value is not echoed whole


def test_a_reference_with_two_versions_is_an_unknown_regulation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "applies", "zhejiang@draft@final", "--kind", "school")
    assert (code, out) == (2, "")
    assert err.startswith("error: unknown regulation 'zhejiang@draft@final'")


def test_a_malformed_rule_id_is_named_as_such(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "explain", EXAMPLE, "--unit", "tianshan-gov", "--rule", "xinjiang.52.3.4"
    )
    assert (code, out) == (2, "")
    assert "REGULATION.ARTICLE.N" in err.splitlines()[0]


@pytest.mark.parametrize("output", ["table", "json"])
def test_a_reader_closing_the_pipe_early_is_no_error(output: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "regulations", "evaluate", EXAMPLE, "--as-of", "2025-06-30",
         "--format", output],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()  # `| head -c 10`
    err = child.stderr.read()
    assert child.wait(timeout=60) == 0
    assert err == b""  # no traceback, no 'Exception ignored' at shutdown


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("output", ["table", "json"])
def test_a_full_disk_is_an_output_error(output: str) -> None:
    with open("/dev/full", "wb") as full:
        done = command(
            "evaluate", EXAMPLE, "--as-of", "2025-06-30", "--format", output, stdout=full
        )
    assert done.returncode == 2
    message = "error: cannot write to standard output: No space left on device"
    if output == "json":
        assert json.loads(done.stderr)["error"] == message
    else:
        assert done.stderr.decode() == message + "\n"


def test_a_closed_stdout_is_an_output_error() -> None:
    done = command(
        "evaluate", EXAMPLE, "--as-of", "2025-06-30",
        stdout=subprocess.DEVNULL, pass_fds=(), preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.decode() == "error: cannot write to standard output: it is closed\n"


def test_check_of_a_path_too_long_for_the_system_is_bad_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "check", "a" * 5000)
    assert (code, out) == (2, "")
    assert err.startswith("error: no rule file or folder at 'aaaa") and len(err) < 400
