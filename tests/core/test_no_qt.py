"""The core and the check/plan commands work with PySide6 made unimportable."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import backcoach.core

REPO = Path(__file__).resolve().parents[2]

BLOCK_QT = """
import sys
class _NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked for this test")
        return None
sys.meta_path.insert(0, _NoQt())
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_QT + code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


CORE_MODULES = sorted(
    f"backcoach.core.{m.name}" for m in pkgutil.iter_modules(backcoach.core.__path__)
)


@pytest.mark.slow
def test_block_really_blocks() -> None:
    proc = _run("import PySide6")
    assert proc.returncode != 0 and "blocked for this test" in proc.stderr


@pytest.mark.slow
def test_every_core_module_imports_without_qt() -> None:
    assert "backcoach.core.loader" in CORE_MODULES
    code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in CORE_MODULES)
    code += "assert 'PySide6' not in sys.modules\nprint('ok')\n"
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


@pytest.mark.slow
def test_check_and_plan_run_without_qt() -> None:
    routines = sorted((REPO / "routines").glob("*.yaml"))
    routine = next(p for p in routines if "steps:" in p.read_text())
    code = (
        "import runpy\n"
        f"sys.argv = ['backcoach', 'check', {str(REPO / 'routines')!r}]\n"
        "try:\n    runpy.run_module('backcoach', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code in (0, None), e.code\n"
        f"sys.argv = ['backcoach', 'plan', '--json', {str(routine)!r}]\n"
        "try:\n    runpy.run_module('backcoach', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code in (0, None), e.code\n"
        "assert 'PySide6' not in sys.modules\n"
    )
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total_seconds"] > 0
    assert "all valid" in proc.stderr
