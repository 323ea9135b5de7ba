"""`regulations serve` on the command line: without the web extra it says how to install it
(exit 2); bad arguments and a port taken are exit 2 with one clear line."""

from __future__ import annotations

import socket
import sys
from typing import Any

import pytest
from clirun import run


def test_without_the_web_extra_serve_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "regulations.web.serve", raising=False)
    monkeypatch.delitem(sys.modules, "regulations.web.app", raising=False)
    monkeypatch.delitem(sys.modules, "regulations.web", raising=False)
    code, out, err = run(capsys, "serve")
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (
        'error: regulations serve needs the web extra: pip install "regulations[web]"'
    )


@pytest.mark.parametrize("port", ["99999", "-1", "http", "８０"])
def test_a_bad_port_is_bad_usage(capsys: pytest.CaptureFixture[str], port: str) -> None:
    code, out, err = run(capsys, "serve", "--port", port)
    assert code == 2 and out == ""
    assert "is not a port" in err.splitlines()[0]


def test_a_port_taken_is_exit_2(capsys: pytest.CaptureFixture[str], monkeypatch: Any) -> None:
    pytest.importorskip("uvicorn", reason='the web extra is not installed: pip install -e ".[dev]"')
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _out, err = run(capsys, "serve", "--port", str(port))
    assert code == 2
    assert f"error: cannot serve on 127.0.0.1:{port}" in err
