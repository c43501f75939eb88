"""The PDF care-team report: written, a real PDF, one or two pages, the expected text."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcoach.core.export import ExportJob, write_export
from backcoach.core.log.records import BreakRecord, SessionRecord
from backcoach.ui.history.report import render_pdf_report
from tests.ui.test_history_page import TARGETS, TODAY, TZ, sample_records, session

GENERATED = datetime(2026, 3, 18, 21, 0, tzinfo=TZ)


def page_count(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.M)
        assert match
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def pdf_text(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def write(
    tmp_path: Path,
    sessions: Sequence[SessionRecord],
    breaks: Sequence[BreakRecord],
    since: date,
    until: date,
) -> Path:
    path = tmp_path / "report.pdf"
    job = ExportJob(
        sessions, breaks, since, until, GENERATED, title="Exercise and pain report", targets=TARGETS
    )
    write_export("pdf", path, job, render_pdf=render_pdf_report)
    return path


def test_report_is_a_short_pdf_with_the_facts(qtbot: QtBot, tmp_path: Path) -> None:
    rows, breaks = sample_records()
    pdf = write(tmp_path, rows, breaks, TODAY - timedelta(days=59), TODAY)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 5000
    assert 1 <= page_count(pdf) <= 2
    assert not list(tmp_path.glob(".*"))
    text = pdf_text(pdf)
    for expected in (
        "Exercise and pain report",
        "Period: 18 Jan 2026 to 18 Mar 2026",
        "Generated 18 Mar 2026",
        "Adherence",
        "Morning routine",
        "Core stability",
        "Does it help?",
        "Meaningful relief",
        "Stopped early, and why",
        "Pain",
        "Flare days (1): 09 Mar",
        "“Do you have a fever?”: yes on 1 day(s): 09 Mar",
        "back spasm",
        "Posture breaks",
        "1 of 2 breaks taken",
        "Not a diagnosis",
        "Page 1 of",
    ):
        assert expected in text, expected
    assert "2 previews" in text


def test_report_stays_within_two_pages_for_years_of_data(qtbot: QtBot, tmp_path: Path) -> None:
    rows = []
    for i in range(730):
        day = TODAY - timedelta(days=i)
        rows.append(session(day, notes=f"note {i}", flare=i % 9 == 0))
        rows.append(
            session(day, hour=19, status="stopped", stop_reason="tired", after=None, notes="tired")
        )
    pdf = write(tmp_path, rows, [], TODAY - timedelta(days=729), TODAY)
    assert 1 <= page_count(pdf) <= 2
    assert "… and" in pdf_text(pdf)


def test_empty_report(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = write(tmp_path, [], [], TODAY - timedelta(days=6), TODAY)
    assert page_count(pdf) == 1
    assert "No sessions in this period." in pdf_text(pdf)


def test_unwritable_folder_raises_and_leaves_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "report.pdf"
    job = ExportJob([], [], TODAY, TODAY, GENERATED, title="t")
    with pytest.raises(OSError, match=re.escape("report.pdf")):
        write_export("pdf", missing, job, render_pdf=render_pdf_report)
    assert not missing.parent.exists()


def test_a_heading_never_ends_a_page(qtbot: QtBot) -> None:
    """A heading that would sit alone at the foot of a page moves to the next one."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from backcoach.ui.history.report import keep_headings_with_next

    def heading_tops(doc: QTextDocument) -> list[tuple[float, float]]:
        layout, out, block = doc.documentLayout(), [], doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                out.append(
                    (
                        layout.blockBoundingRect(block).top(),
                        layout.blockBoundingRect(block.next()).top(),
                    )
                )
            block = block.next()
        return out

    page = 400.0
    for filler in range(1, 30):  # some filler length puts the heading at the foot
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setHtml("<p>line</p>" * filler + "<h2>Notes</h2><p>first note</p><p>second</p>")
        doc.setPageSize(QSizeF(300, page))
        keep_headings_with_next(doc, page)
        for top, next_top in heading_tops(doc):
            assert int(top // page) == int(next_top // page), (filler, top, next_top)
