"""`backcoach export` and the history page's Export… write the same file, byte for byte."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcoach.commands import export as export_command
from backcoach.core.history import HistoryStore, open_history
from backcoach.core.paths import AppPaths
from backcoach.core.settings import Settings, SettingsStore
from backcoach.ui.context import AppContext
from backcoach.ui.history_page import HistoryPage
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
    paths = AppPaths(data_dir=data_dir)
    ctx = AppContext(paths, SettingsStore(paths.settings_path), Settings(), live_store)
    page = HistoryPage(ctx, targets=TARGETS, today=lambda: TODAY)
    qtbot.addWidget(page)
    from_window = window_export(page, fmt, tmp_path / f"window.{fmt}")
    from_cli = cli_export(data_dir, fmt, tmp_path / f"cli.{fmt}")
    assert len(from_cli) > 1000
    assert from_window == from_cli
