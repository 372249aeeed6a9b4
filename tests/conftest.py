"""Shared fixtures: the parsed pipeline once per session, and ../shared when it is there."""

from __future__ import annotations

import importlib.util
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
HARDENING = Path(__file__).resolve().parents[1] / "hardening"

NEWS = [
    "Ukraine accused Russia of shelling Kharkiv on Sunday, officials said.",
    "The foreign minister of France said on Tuesday that Germany would send troops to Poland.",
    "Iran denied on Monday that it had supplied drones to Russia, the foreign ministry said.",
    "China said it would hold talks with Japan next month, state media reported.",
    "Turkey warned Syria that it would respond to any attack on its soldiers, a spokesman said.",
    "Officials in Kenya said Somalia had agreed to reopen the border crossing.",
]
"""Short news sentences that give records, for the ingest, parallel and scale tests."""


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def need_browser() -> None:
    """Skip, saying why, unless Debian's chromium and Playwright for Python are installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)")
    pytest.importorskip(
        "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
    )


@contextmanager
def serving(db_url: str) -> Iterator[str]:
    """The web app over ``db_url`` under uvicorn on 127.0.0.1 (a free port, in a thread): its base URL."""
    import uvicorn

    from claimgraph.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def hardening_script(name: str) -> ModuleType:
    """A script of ``hardening/`` (``fuzz``, ``crashloop``, ``loadtest``) imported as a module."""
    spec = importlib.util.spec_from_file_location(f"hardening_{name}", HARDENING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test (with the reason) when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent: this test reads the shared evaluation data beside the checkout")
    return p


@pytest.fixture(scope="session")
def attributions():
    """extract() keeping every attribution, coded event or not."""
    from claimgraph.pipeline import ExtractOptions, extract

    opts = ExtractOptions(events_only=False)

    def run(text: str):
        return extract(text, article_id="t", options=opts)

    return run


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly when the store suite ran on SQLite only (``-q`` hides skip reasons)."""
    if not os.environ.get("CLAIMGRAPH_TEST_PG"):
        terminalreporter.write_line(
            "PostgreSQL: SKIPPED - the store tests ran on SQLite only. Set CLAIMGRAPH_TEST_PG to a scratch "
            "database URL (postgresql://user:pw@host/db; it is wiped) to run them on PostgreSQL too, "
            "as .ci/run does."
        )
