"""`backcoach export` and the history page's Export… write the same file, byte for byte;
for a PDF both call the same renderer with the same records and prescriptions."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcoach.commands import export as export_command
from backcoach.core.export import ExportJob
from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import HistoryStore, open_history
from backcoach.core.routine import Prescribed
from backcoach.core.settings import Settings, SettingsStore
from backcoach.ui.history import report
from backcoach.ui.history.history_page import HistoryPage
from tests.ui.kit import make_ctx, open_window
from tests.ui.test_history_page import TARGETS, TODAY, TZ, sample_records

NOW = datetime(2026, 3, 18, 21, 30, tzinfo=TZ)
SINCE = TODAY - timedelta(days=30)


@pytest.fixture
def live_store(data_dir: Path) -> Iterator[HistoryStore]:
    store = open_history(data_dir / "history.sqlite3")
    rows, breaks = sample_records()
    store.merge(rows, breaks)
    yield store
    store.close()


def cli_export(data_dir: Path, fmt: str, target: Path) -> bytes:
    parser = argparse.ArgumentParser()
    export_command.add_arguments(parser)
    period = ["--since", str(SINCE), "--until", str(TODAY)]
    args = parser.parse_args(
        ["--format", fmt, *period, "-o", str(target), "--data-dir", str(data_dir)]
    )
    assert export_command.run(args, now=lambda: NOW) == 0
    return target.read_bytes()


def window_export(page: HistoryPage, fmt: str, target: Path) -> bytes:
    page.set_period(SINCE, TODAY)
    page.now = lambda: NOW
    page.ask_save_path = lambda _fmt, _name: target
    told: list[str] = []
    page.show_message = lambda _title, text: told.append(text)
    assert page.export(fmt) == target, told
    return target.read_bytes()


@pytest.mark.parametrize("fmt", ["json", "csv", "fhir"])
def test_the_command_and_the_window_write_the_same_bytes(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, live_store: HistoryStore, fmt: str
) -> None:
    ctx = make_ctx(data_dir, history=live_store)
    page = HistoryPage(ctx, targets=TARGETS, today=lambda: TODAY)
    qtbot.addWidget(page)
    from_window = window_export(page, fmt, tmp_path / f"window.{fmt}")
    from_cli = cli_export(data_dir, fmt, tmp_path / f"cli.{fmt}")
    assert len(from_cli) > 1000
    assert from_window == from_cli


def test_the_command_and_the_window_draw_the_pdf_with_the_same_prescriptions(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "my-routines"
    mine.mkdir()
    (mine / "my-knees.yaml").write_text(
        "backcoach: 1\ntitle: My knees\nprescribed: 2/day\nsteps: [{rest: 1m}]\n", encoding="utf-8"
    )
    SettingsStore(data_dir / "settings.json").save(Settings(routine_folders=(str(mine),)))
    with open_history(data_dir / "history.sqlite3") as store:
        store.merge(*sample_records())
    jobs: list[ExportJob] = []

    def render(job: ExportJob) -> bytes:
        jobs.append(job)
        return b"%PDF-1.4\n%%EOF\n"

    monkeypatch.setattr(report, "render_pdf_report", render)  # both look it up here
    cli_export(data_dir, "pdf", tmp_path / "cli.pdf")
    ctx = make_ctx(data_dir)
    window = open_window(qtbot, ctx, FakeClock())
    window.open_history_page()
    page = window.history_page
    assert page is not None
    window_export(page, "pdf", tmp_path / "window.pdf")
    assert ctx.history is not None
    ctx.history.close()
    from_cli, from_window = jobs
    assert from_cli.targets == from_window.targets
    assert from_cli.targets["my-knees"] == Prescribed(2, "day")
    assert "morning-lower-back" in from_cli.targets  # and the bundled ones
    assert from_cli.sessions == from_window.sessions and from_cli.breaks == from_window.breaks
    assert (from_cli.since, from_cli.until, from_cli.made_at) == (
        from_window.since,
        from_window.until,
        from_window.made_at,
    )
