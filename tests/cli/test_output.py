"""What the command writes survives what it is given and where it writes (cli/output.py): a
rule file whose name is not UTF-8, a stdout in an encoding without ✓ or • (GBK: a Chinese
Windows console redirected to a file), values of 100,000 characters in errors."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run

from regulations.cli.output import Marks, fit, json_text, progress_bar

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "facts.yaml")
MARKUP_RULES = Path(__file__).parent / "fixtures" / "markup_rules.yaml"
BAD_RULES = ROOT / "tests" / "bad" / "rules" / "unknown_names.yaml"


def not_utf8(folder: Path, source: Path) -> Path:
    """A copy of ``source`` in ``folder`` under a name holding the bytes 0xff 0xfe."""
    folder.mkdir(exist_ok=True)
    target = os.path.join(os.fsencode(folder), b"r\xff\xfe.yaml")
    shutil.copyfile(source, target)
    return Path(os.fsdecode(target))


def test_a_rule_file_named_in_bytes_that_are_not_utf8_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_utf8(tmp_path / "mine", MARKUP_RULES)
    folder = str(tmp_path / "mine")
    code, out, err = run(capsys, "applies", "sample", "--kind", "school", "--rules", folder)
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "check", folder)
    assert (code, err) == (0, "") and "0 problem(s)" in out


@pytest.mark.parametrize("output", ["table", "json"])
def test_problems_in_a_file_named_in_bytes_show_the_name_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    not_utf8(tmp_path / "bad", BAD_RULES)
    code, out, err = run(capsys, "check", str(tmp_path / "bad"), "--format", output)
    assert (code, err) == (1, "")
    assert "r\\xff\\xfe.yaml" in (
        json.loads(out)["problems"][0]["file"] if output == "json" else out
    )
    code, out, err = run(
        capsys, "applies", "x", "--kind", "school", "--rules", str(tmp_path / "bad")
    )
    assert (code, out) == (2, "") and "r\\xff\\xfe.yaml" in err.splitlines()[0]


def command(*argv: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    """The installed command in a child whose stdout and stderr write ``encoding``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "regulations", *argv], capture_output=True, env=env, check=False
    )


GOLDEN = Path(__file__).parent / "golden"
EXPLAIN = ["--rules", str(GOLDEN / "rules.yaml"), "explain", str(GOLDEN / "facts.yaml"),
           "--unit", "dongsheng-gov", "--rule", "golden.3.1", "--as-of", "2025-06-30"]  # fmt: skip


@pytest.mark.parametrize(
    "argv",
    [
        EXPLAIN,
        ["articles", "ordos", "--article", "19"],
        ["applies", "ordos", "--kind", "school"],
        ["evaluate", EXAMPLE, "--as-of", "2025-06-30"],
        ["compare", "ordos", "hohhot", "--kind", "school"],
        ["diff", "zhejiang@draft", "zhejiang"],
        ["vocabulary", "kinds"],
    ],
    ids=lambda argv: argv[0] if argv is not EXPLAIN else "explain",
)
@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_every_command_writes_what_the_encoding_holds(argv: list[str], encoding: str) -> None:
    done = command(*argv, encoding=encoding)
    assert done.returncode == 0, done.stderr.decode(encoding)
    assert done.stderr == b""
    text = done.stdout.decode(encoding)  # the whole answer is in the encoding
    if argv is EXPLAIN:
        assert "✓" not in text and text.startswith("+ sanction interview")
        assert "    * incident(kind = criminal_case" in text
        if encoding == "gbk":
            assert "(golden 第3条)" in text  # Chinese stays Chinese where it can
    json_done = command(*argv, "--format", "json", encoding=encoding)
    assert json_done.returncode == 0
    assert json.loads(json_done.stdout.decode(encoding))


def test_errors_are_written_in_the_encoding_of_stderr() -> None:
    done = command("applies", "ordos", "--kind", "学校✓", encoding="gbk")
    assert done.returncode == 2
    assert done.stderr.decode("gbk").startswith("error: unknown unit kind '学校\\u2713'")


def test_fit_escapes_what_an_encoding_cannot_hold() -> None:
    assert fit("✓ 第54条 • ok", "gbk") == "\\u2713 第54条 \\u2022 ok"
    assert fit("第54条", "ascii") == "\\u7b2c54\\u6761"
    assert fit("✓ — …", "utf-8") == "✓ — …"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", Marks()),
        ("gbk", Marks("+", "x", "*")),
        ("ascii", Marks("+", "x", "*", "-", "-", "|", "+", "*")),
    ],
)
def test_our_marks_are_those_the_encoding_holds(encoding: str, expected: Marks) -> None:
    class Stream:
        pass

    stream = Stream()
    stream.encoding = encoding  # type: ignore[attr-defined]
    assert Marks.for_stream(stream) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "ascii", "latin-1"])
def test_json_text_is_json_in_every_encoding(encoding: str) -> None:
    class Stream:
        pass

    stream = Stream()
    stream.encoding = encoding  # type: ignore[attr-defined]
    document = {"名": "✓ é 😀", "file": os.fsdecode(b"r\xff.yaml")}
    text = json_text(document, stream)
    text.encode(encoding)
    assert json.loads(text) == {"名": "✓ é 😀", "file": "r\\xff.yaml"}


@pytest.mark.parametrize(
    "argv",
    [
        ["applies", "ordos", "--kind", "k" * 100_000],
        ["applies", "ordos", "--kind", "school", "--tag", "t" * 100_000],
        ["applies", "ordos", "--kind", "school", "--level", "l" * 100_000],
        ["applies", "o" * 100_000, "--kind", "school"],
        ["applies", "ordos", "--kind", "school", "--rules", "p" * 100_000],
        ["evaluate", "f" * 100_000],
        ["check", "c" * 100_000],
        ["articles", "ordos", "--provision", "v" * 100_000],
        ["explain", EXAMPLE, "--unit", "u" * 100_000, "--article", "1"],
        ["explain", EXAMPLE, "--unit", "tianshan-gov", "--rule", "r" * 100_000],
    ],
    ids=lambda argv: argv[0] + " " + next(a[:1] for a in argv[1:] if len(a) > 1000),
)
@pytest.mark.parametrize("output", ["table", "json"])
def test_a_value_of_100000_characters_is_cut_in_the_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], output: str
) -> None:
    code, out, err = run(capsys, *argv, "--format", output)
    assert (code, out) == (2, "")
    assert len(err) < 10_000, err[:300]  # the valid values are listed, the value is cut


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_run_on_a_terminal_draws_a_progress_bar_on_stderr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for stream, total, drawn in (
        (Terminal(), 5, True),
        (Terminal(), 1, False),
        (io.StringIO(), 5, False),
    ):
        monkeypatch.setattr(sys, "stderr", stream)
        with progress_bar("evaluating", at_least=3) as advance:
            for done in range(1, total + 1):
                advance(done, total)
        assert ("evaluating" in stream.getvalue()) is drawn, (total, type(stream).__name__)
