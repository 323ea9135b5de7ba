"""`regulations serve` on the command line: without the web extra it says how to install it
(exit 2); bad arguments and a port taken are exit 2 with one clear line."""

from __future__ import annotations

import socket
import sys

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


def test_a_port_taken_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("uvicorn", reason='the web extra is not installed: pip install -e ".[dev]"')
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run(capsys, "serve", "--port", str(port))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: cannot serve on 127.0.0.1:{port}: the port is taken; choose another --port "
        "or stop what holds it"
    ]


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("some.unresolvable.invalid", "the host is not known"),  # .invalid never resolves
        ("203.0.113.5", "the address is not one of this machine's"),  # a documentation address
        ("[::1]", "the host is not known"),  # a URL's brackets are not part of the address
    ],
)
def test_a_host_it_cannot_listen_on_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], host: str, why: str
) -> None:
    pytest.importorskip("uvicorn", reason='the web extra is not installed: pip install -e ".[dev]"')
    code, out, err = run(capsys, "serve", "--host", host, "--port", "8000")
    assert (code, out) == (2, "")
    [line] = err.splitlines()  # no traceback, no server log: the one line
    assert line.startswith(f"error: cannot serve on {host}:8000: {why}")
    assert "127.0.0.1" in line  # what to give instead


def test_the_python_api_raises_a_serve_error_before_loading_anything() -> None:
    pytest.importorskip("uvicorn", reason='the web extra is not installed: pip install -e ".[dev]"')
    from regulations.errors import ServeError, diagnostics_of
    from regulations.web.serve import serve

    with pytest.raises(ServeError) as caught:
        serve("some.unresolvable.invalid", 8000, rules=["no/such/folder"])  # not reached
    assert (caught.value.host, caught.value.port) == ("some.unresolvable.invalid", 8000)
    assert diagnostics_of(caught.value)[0].code == "serve"
