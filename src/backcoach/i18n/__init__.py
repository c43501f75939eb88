"""The translation catalogues: Qt Linguist sources (`backcoach_<lang>.ts`) and their
compiled `.qm` files, both shipped in the package.

`python -m backcoach.i18n build` compiles every .ts with pyside6-lrelease;
`python -m backcoach.i18n update` re-extracts the strings from the UI code with
pyside6-lupdate (keeping existing translations). No Qt import here, and the
app's start-up, which only needs `translations_dir`, loads no subprocess.
"""

from __future__ import annotations

import sys
from pathlib import Path

CATALOGUE = "backcoach"
LANGUAGES: tuple[str, ...] = ("es",)


def translations_dir() -> Path:
    """Where the catalogues are: this package's own folder (package data).

    The folder of this file: Qt loads the .qm from a real file, and importlib.resources
    would cost the app's start-up several milliseconds to say the same.
    """
    return Path(__file__).resolve().parent


def ts_files() -> list[Path]:
    return [translations_dir() / f"{CATALOGUE}_{lang}.ts" for lang in LANGUAGES]


def tool(name: str) -> str:
    """A PySide6 tool next to this interpreter, else on PATH."""
    import shutil

    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def compile_ts(ts: Path, qm: Path) -> None:
    """Compile one .ts into `qm` (raises CalledProcessError with lrelease's output)."""
    import subprocess

    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
        text=True,
    )


def build() -> list[Path]:
    out = []
    for ts in ts_files():
        qm = ts.with_suffix(".qm")
        compile_ts(ts, qm)
        out.append(qm)
    return out


def ui_sources() -> list[Path]:
    ui = translations_dir().parent / "ui"
    return sorted(p for p in ui.rglob("*.py") if "__pycache__" not in p.parts)


def update() -> None:
    import subprocess

    sources = [str(p) for p in ui_sources()]
    for ts in ts_files():
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-locations",
                "none",
                "-no-obsolete",
                *sources,
                "-ts",
                str(ts),
            ],
            check=True,
        )
