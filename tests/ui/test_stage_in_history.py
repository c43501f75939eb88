"""The stage of each session in the History list and the PDF report."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from backcoach.core.log.records import SessionRecord, StageRef
from backcoach.ui.history.history_model import SessionsModel
from tests.ui.test_history_page import TODAY, sample_records
from tests.ui.test_report import pdf_text, write


def staged() -> list[SessionRecord]:
    rows, _ = sample_records()
    out: list[SessionRecord] = []
    for r in rows:
        if r.routine_id == "core":
            early = r.started_at.date() < TODAY - timedelta(days=20)
            stage = StageRef(1, "Weeks 1-2") if early else StageRef(2, "Weeks 3-4")
            r = dataclasses.replace(r, stage=stage)
        out.append(r)
    return out


def test_history_list_names_the_stage(qtbot: QtBot) -> None:
    model = SessionsModel()
    model.set_sessions(staged())
    texts = {model.data(model.index(row, 1)) for row in range(model.rowCount())}
    assert "Core stability — stage 2: Weeks 3-4" in texts
    assert "Core stability — stage 1: Weeks 1-2" in texts
    assert "Morning routine" in texts


def test_pdf_report_lists_the_stages(qtbot: QtBot, tmp_path: Path) -> None:
    _, breaks = sample_records()
    pdf = write(tmp_path, staged(), breaks, TODAY - timedelta(days=59), TODAY)
    text = pdf_text(pdf)
    assert "Stages" in text
    assert "1: Weeks 1-2" in text and "2: Weeks 3-4" in text
