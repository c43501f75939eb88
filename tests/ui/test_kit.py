"""The window tests' routine folder loads as written."""

from __future__ import annotations

from pathlib import Path

from tests.ui.kit import write_routines


def test_tiny_routine_folder_loads(tmp_path: Path) -> None:
    from backcoach.core.library import scan_folders

    entries = scan_folders([write_routines(tmp_path / "r", broken=True)])
    by_name = {e.path.name: e for e in entries}
    assert by_name["tiny.yaml"].routine is not None, by_name["tiny.yaml"].problems
    assert by_name["broken.yaml"].problems
