"""A real wheel: built from the tree, installed in a fresh venv outside it, and used.

The bundled routines, photos, sounds, icons and translations travel as package
data; the installed `backcoach` must find them without the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _uv() -> str | None:
    beside = Path(sys.executable).parent / "uv"
    return str(beside) if beside.exists() else shutil.which("uv")


def test_the_listed_packages_are_every_package_in_src() -> None:
    """pyproject lists the packages (the data folders are mapped into the package)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(REPO / "src").parts)
        for p in (REPO / "src").rglob("__init__.py")
    }
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"
    assert listed - on_disk == {"backcoach.routines", "backcoach.assets"}
    assert config["package-dir"] == {
        "": "src",
        "backcoach.routines": "routines",
        "backcoach.assets": "assets",
    }


@pytest.mark.slow
def test_an_installed_wheel_finds_its_routines(tmp_path: Path) -> None:
    uv = _uv()
    if uv is None:
        pytest.skip("uv is not installed (it comes with `make test`)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env["UV_PYTHON_DOWNLOADS"] = "never"
    dist = tmp_path / "dist"
    subprocess.run(
        [uv, "build", "-q", "--wheel", "-o", str(dist), str(REPO)],
        check=True,
        timeout=300,
        env=env,
    )
    (wheel,) = dist.glob("backcoach-*.whl")
    venv = tmp_path / "venv"
    subprocess.run(
        [uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True, env=env, timeout=120
    )
    subprocess.run(
        [uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python"), str(wheel)],
        check=True,
        env=env,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run_env = {**env, "BACKCOACH_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}

    def backcoach(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / "backcoach"), *args],
            cwd=elsewhere,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "from backcoach.core.paths import bundled_routines_dir, assets_dir\n"
            "from backcoach.i18n import translations_dir\n"
            "print(bundled_routines_dir()); print(assets_dir()); print(translations_dir())",
        ],
        cwd=elsewhere,
        env=run_env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    routines, assets, i18n = (Path(p) for p in where)
    for folder in (routines, assets, i18n):
        assert folder.is_relative_to(venv), f"{folder} is not inside the installed package"
    assert (routines / "morning-lower-back.yaml").is_file()
    assert sorted(p.name for p in routines.glob("*.yaml")) == sorted(
        p.name for p in (REPO / "routines").glob("*.yaml")
    )
    for kind in ("images", "sounds", "icons"):
        assert sorted(p.name for p in (assets / kind).iterdir()) == sorted(
            p.name for p in (REPO / "assets" / kind).iterdir()
        ), kind
    assert (assets / "NOTICE").is_file()
    assert (i18n / "backcoach_es.qm").is_file()

    checked = backcoach("check", str(routines))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    planned = backcoach("plan", "morning-lower-back")
    assert planned.returncode == 0, planned.stderr
    assert planned.stdout.startswith("Morning lower-back routine")
    assert "total:" in planned.stdout
    doctor = backcoach("doctor")
    assert "Routines:" in doctor.stdout
    assert "all valid" in doctor.stdout, doctor.stdout
