"""`backcoach check` loads only what checking needs and leaves the process as it found it."""

from __future__ import annotations

import gc
import io
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach.commands.check import check

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("enabled", [True, False])
def test_check_leaves_the_garbage_collector_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        out = io.StringIO()
        assert check([str(REPO / "routines")], out=out, err=out) == 0
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_check_still_suggests_a_close_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nsteps:\n  - exercise: cat-cow\n    hodl: 10s\n", encoding="utf-8")
    out = io.StringIO()
    assert check([str(bad)], out=out, err=io.StringIO()) == 1
    assert "did you mean 'hold'?" in out.getvalue()


@pytest.mark.slow
def test_a_valid_folder_is_checked_without_ui_or_mistake_helpers() -> None:
    code = (
        "import sys\n"
        "from backcoach.cli import main\n"
        f"status = main(['check', '-q', {str(REPO / 'routines')!r}])\n"
        "print(status, ' '.join(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert proc.returncode == 0, proc.stderr
    status, *loaded = proc.stdout.split()
    assert status == "0"
    unneeded = {"PySide6", "shiboken6", "difflib", "sqlite3", "json", "backcoach.core.plan"}
    assert not unneeded & set(loaded)
