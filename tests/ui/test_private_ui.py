"""Private by default, as the app starts: under umask 022 everything it writes in the data
folder is 0600 (the folder 0700), and an older loose folder is tightened with one notice."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.imports.routine_import import import_files
from backcoach.core.instance import LOCK_NAME, PID_NAME
from backcoach.ui.main_window import MainWindow
from backcoach.ui.single_instance import SingleInstance
from tests.ui.kit import OTHER, TINY, make_ctx, run_until, write_routines

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def window(
    qtbot: QtBot, data: Path, routines: Path, clock: FakeClock | None = None, **kw: object
) -> MainWindow:
    win = MainWindow(
        make_ctx(data, routines),
        clock=clock or FakeClock(1000.0),
        cue_factory=None,
        autopilot=True,
        **kw,  # type: ignore[arg-type]
    )
    win.confirm_close = lambda: True
    qtbot.addWidget(win)
    return win


def test_a_fresh_start_writes_only_private_files(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "data"
    instance = SingleInstance(data)
    try:
        assert instance.claim()
        clock = FakeClock(1000.0)
        win = window(qtbot, data, write_routines(tmp_path / "r"), clock, start="tiny")
        flow = win.flow
        assert flow is not None
        qtbot.waitUntil(lambda: flow.session_id is not None)  # the check-in answers itself
        run_until(win, clock, lambda: clock() > 1030.0)  # a few checkpoints
        win.ctx.update_settings(win.ctx.settings.replace(volume=0.3))
        assert not any("private" in m for m in win.notice.messages)  # nothing was loose
        modes = {p.name: mode(p) for p in data.iterdir()}
        assert {
            "history.sqlite3",
            "history.sqlite3-wal",
            "settings.json",
            LOCK_NAME,
            PID_NAME,
        } <= set(modes)
        assert set(modes.values()) == {0o600}, modes
        assert mode(data) == 0o700
    finally:
        instance.release()


def test_a_loose_folder_is_tightened_with_a_notice_shown_once(qtbot: QtBot, tmp_path: Path) -> None:
    routines = write_routines(tmp_path / "r")
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text("{}")
    for path, loose in ((data, 0o755), (data / "settings.json", 0o644)):
        path.chmod(loose)
    first = window(qtbot, data, routines)
    told = [m for m in first.notice.messages if "private" in m]
    assert told == [
        f"backcoach made its data folder {data} private: it and the files in it can now be "
        "read only by you (2 changed)."
    ]
    assert mode(data) == 0o700 and mode(data / "settings.json") == 0o600
    (data / "settings.json").chmod(0o644)
    second = window(qtbot, data, routines)
    assert not any("private" in m for m in second.notice.messages)
    assert mode(data / "settings.json") == 0o600


def test_imported_routines_are_private(tmp_path: Path) -> None:
    src = tmp_path / "Dr Ruiz"
    (src / "deeper").mkdir(parents=True)
    (src / "tiny.yaml").write_text(TINY)
    (src / "deeper" / "other.yaml").write_text(OTHER)
    for path in (src / "tiny.yaml", src / "deeper" / "other.yaml"):
        path.chmod(0o644)
    dest = tmp_path / "data" / "routines"
    report = import_files([src], dest, bundled=None, assets=None, ask_clash=lambda c: "skip")
    assert report.imported
    single = tmp_path / "single.yaml"
    single.write_text(TINY.replace("Tiny test", "Single"))
    import_files([single], dest, bundled=None, assets=None, ask_clash=lambda c: "skip")
    everything = [dest, *dest.rglob("*")]
    assert {mode(p) for p in everything if p.is_dir()} == {0o700}
    assert {mode(p) for p in everything if p.is_file()} == {0o600}
    assert mode(tmp_path / "data") == 0o700


def test_the_notice_is_registered_for_translation() -> None:
    from backcoach.core import private
    from backcoach.ui import translatable

    assert tuple(str(t) for t in translatable.PRIVATE_MESSAGES) == private.MESSAGE_TEMPLATES
