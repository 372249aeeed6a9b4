"""`make loadtest` in small: the real server (two uvicorn processes) on 127.0.0.1, a few clients.

The full run (100 users, 100,000 claims) is `make loadtest`; this one checks that the script, its
bulk-built store and `claimgraph serve --workers 2` work end to end and report what they promise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import hardening_script


def test_a_small_load_on_two_server_processes_has_no_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lt = hardening_script("loadtest")
    status = lt.main(
        [
            "--db", str(tmp_path / "load.db"), "--claims", "500", "--concurrency", "8",
            "--requests", "120", "--seconds", "60", "--think-ms", "0", "--workers", "2",
        ]
    )  # fmt: skip
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert status == 0, summary["first_errors"]
    assert summary["errors"] == 0 and summary["requests"] == 120
    assert summary["claims"] == 500 and summary["workers"] == 2
    for key in ("concurrency", "p50_ms", "p99_ms"):
        assert key in summary
    assert len(summary["per_path"]) > 10  # the mix reached most routes
