"""Putting checked imports in place: free names, one atomic file, a staged folder.

A folder of its own is staged in a hidden temporary folder inside the
destination, its routines are loaded again from there, and only then is it
renamed into place (what it replaces moved aside first, and back on failure):
on any failure nothing is left behind and nothing existing is touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from backcoach.core.files import atomic_write
from backcoach.core.imports.import_check import ImportCheck, is_routine_file
from backcoach.core.library import LibraryIndex
from backcoach.core.private import FILE_MODE, create_private_dir
from backcoach.core.problems import format_problems


class StagedCopyFailed(Exception):
    """The staged copy does not load like the original (it changed while being copied?)."""


def free_name(dest: Path) -> Path:
    """`dest`, or `name-2.yaml`, `name-3.yaml`… the first that does not exist yet."""
    n = 2
    candidate = dest
    while candidate.exists():
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
        n += 1
    return candidate


def free_place(check: ImportCheck) -> tuple[Path, str]:
    """(destination, main file name) for "keep both": `name-2`, `name-3`… A routine's own
    folder and the routine in it are renamed together, so the two keep different ids."""
    if not check.in_folder:
        return free_name(check.dest), ""
    n = 2
    while True:
        dest = check.dest.with_name(f"{check.dest.name}-{n}")
        main = f"{Path(check.main).stem}-{n}{Path(check.main).suffix}" if check.main else ""
        if not (dest.exists() or dest.is_symlink() or (main and (dest.parent / main).exists())):
            return dest, main
        n += 1


def copy_atomically(data: bytes, dest: Path) -> None:
    create_private_dir(dest.parent)
    atomic_write(dest, data)


def placed_name(check: ImportCheck, rel: str, main: str) -> str:
    """Where `check.files[rel]` goes inside the folder: the main routine takes `main`."""
    return main if check.main and rel == check.main else rel


def place_folder(
    check: ImportCheck,
    dest: Path,
    main: str,
    *,
    replace: list[Path],
    index: Callable[[], LibraryIndex],
) -> list[Path]:
    """Copy `check.files` into a staged folder, load its routines again, then rename it
    to `dest`, moving `replace` aside first (and back if that fails). Returns the routine
    and library files placed. On any failure the destination is left exactly as it was."""
    create_private_dir(dest.parent)
    stage = Path(tempfile.mkdtemp(prefix=".import-", dir=dest.parent))
    aside = stage.with_name(stage.name + "-old")
    moved: list[tuple[Path, Path]] = []
    try:
        yaml_names = _stage(check, stage, main)
        _load_again(stage, yaml_names, index())
        if replace:
            aside.mkdir()
            for i, old in enumerate(replace):
                keep = aside / str(i)
                os.replace(old, keep)
                moved.append((keep, old))
        os.replace(stage, dest)
    except BaseException:
        for keep, old in reversed(moved):
            with contextlib.suppress(OSError):  # else kept in the hidden folder, not lost
                os.rename(keep, old)
        shutil.rmtree(stage, ignore_errors=True)
        if aside.is_dir() and not any(aside.iterdir()):
            aside.rmdir()
        raise
    if aside.exists():
        shutil.rmtree(aside, ignore_errors=True)
    return [dest / name for name in yaml_names]


def _stage(check: ImportCheck, stage: Path, main: str) -> list[str]:
    """Copy every file into `stage`; the names of the routine and library files at its top."""
    yaml_names: list[str] = []
    for rel, src in check.files.items():
        name = placed_name(check, rel, main)
        target = stage / name
        create_private_dir(target.parent)
        shutil.copy2(src, target)
        os.chmod(target, FILE_MODE)  # copy2 copies the source's mode
        if is_routine_file(target) and "/" not in name:
            yaml_names.append(name)
    return yaml_names


def _load_again(stage: Path, yaml_names: list[str], index: LibraryIndex) -> None:
    for name in yaml_names:
        result = index.load(stage / name, display=name)
        if not result.ok:
            raise StagedCopyFailed(
                "; ".join(format_problems(result.problems, limit=3, style="line"))
            )
