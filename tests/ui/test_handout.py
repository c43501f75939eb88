"""The printable handout: every shipped routine on one to three A4 pages with what a
home-exercise sheet holds; `backcoach handout` headless; File → Print handout…."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcoach.commands.handout import handout
from backcoach.core.fakeclock import FakeClock
from backcoach.core.library import LibraryIndex, scan_folders
from backcoach.core.loader import load_bytes
from backcoach.core.paths import bundled_routines_dir
from backcoach.core.routine import Routine
from backcoach.ui.library.dose_text import dose_words
from backcoach.ui.library.handout import handout_html, write_handout
from tests.ui.kit import make_ctx, open_window, press, write_routines
from tests.ui.test_report import page_count
from tests.ui.test_report import pdf_text as raw_pdf_text

SHIPPED = sorted(
    (e.routine for e in scan_folders([bundled_routines_dir()]) if e.routine is not None),
    key=lambda r: r.id,
)


def pdf_text(pdf: Path) -> str:
    """The PDF's words, with the typesetter's ligatures (fl, fi) spelled out."""
    return raw_pdf_text(pdf).replace("\ufb02", "fl").replace("\ufb01", "fi")


def pages_and_size(pdf: Path) -> tuple[int, str]:
    if not shutil.which("pdfinfo"):
        return page_count(pdf), ""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    size = re.search(r"^Page size:\s+(.*)$", out.stdout, re.M)
    return page_count(pdf), size.group(1) if size else ""


@pytest.mark.parametrize("routine", SHIPPED, ids=lambda r: r.id)
def test_every_shipped_routine_fits_one_to_three_a4_pages(
    qtbot: QtBot, tmp_path: Path, routine: Routine
) -> None:
    stages = range(1, max(1, len(routine.stages)) + 1)
    for stage in stages:
        pdf = tmp_path / f"{routine.id}-{stage}.pdf"
        pages = write_handout(routine, pdf, stage=stage)
        count, size = pages_and_size(pdf)
        assert 1 <= pages == count <= 3, (routine.id, stage, pages)
        assert not size or "(A4)" in size
        text = pdf_text(pdf)
        assert routine.title in text
        for q in routine.before_you_start:
            assert " ".join(q.ask.split())[:40] in text
        if routine.flare is not None:
            assert "On a flare day" in text
        if routine.stages:
            assert "Stages" in text and routine.stages[stage - 1].name in text


def test_handout_content_in_order(qtbot: QtBot, tmp_path: Path) -> None:
    text = (
        "backcoach: 1\ntitle: Evening stretches\nauthor: A. Therapist, PT\nprescribed: 1/day\n"
        "defaults: {rest: 15s}\n"
        "before_you_start:\n"
        "  - {ask: Chest pain now, if_yes: stop, urgent: true, advice: Call 112 now.}\n"
        "  - {ask: Cold hands today, if_yes: note, advice: Warm your hands first.}\n"
        "flare: {scale: 0.5, skip: [bridges]}\n"
        "stages:\n  - name: Weeks 1-2\n  - {name: Weeks 3-4, after: 6, change: {bridges: {reps: 12}}}\n"
        "exercises:\n"
        "  ham: {name: Hamstring stretch, how: Lie down <b>gently</b>., careful: Ease off.,"
        " cautions: Ask first after a hip replacement., equipment: [strap, mat],"
        " video: 'https://example.org/ham', images: [images/single-knee-to-chest-0.jpg]}\n"
        "steps:\n"
        "  - {exercise: ham, hold: 30s, reps: 2, sides: each}\n"
        "  - {exercise: glute-bridge, id: bridges, reps: 10, rep_time: 4s}\n"
    )
    result = LibraryIndex().load(_write(tmp_path, text), display="evening.yaml")
    assert result.routine is not None, result.problems
    html = handout_html(result.routine).html
    order = [
        "Evening stretches",
        "By A. Therapist, PT",
        "Prescribed: once a day",
        "What you need:",
        "strap, mat",
        "Before you start",
        "If yes, get medical help now:",
        "If yes:",
        "The exercises",
        "Hold 30 seconds, 2 times, each side, rest 15 seconds",
        "Lie down &lt;b&gt;gently&lt;/b&gt;.",
        "Ask first after a hip replacement.",
        "https://example.org/ham",
        "10 times, one every 4 seconds",
        "On a flare day",
        "Leave out: Bridge.",
        "Stages",
        "After 6 completed sessions of the stage before: Bridge: 12 times instead of 10",
    ]
    at = 0
    for piece in order:
        found = html.find(piece, at)
        assert found >= 0, piece
        at = found
    assert "<b>gently</b>" not in html  # the file's text is never markup
    assert len(handout_html(result.routine).images) == 3  # one photo, and the bridge's two


def _write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    path = folder / "evening.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("hold", "reps", "sides", "rest", "expected"),
    [
        ("30s", 2, "each", "15s", "Hold 30 seconds, 2 times, each side, rest 15 seconds"),
        ("1m30s", 1, "none", "1m", "Hold 1 minute 30 seconds, rest 1 minute"),
        (
            "5s",
            6,
            "alternate",
            "20s",
            "Hold 5 seconds, 6 times each side, alternating sides, rest 20 seconds",
        ),
    ],
)
def test_dose_in_words(
    qtbot: QtBot, tmp_path: Path, hold: str, reps: int, sides: str, rest: str, expected: str
) -> None:
    text = (
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\nsteps:\n"
        f"  - {{exercise: a, hold: {hold}, reps: {reps}, sides: {sides}, rest: {rest}}}\n"
    )
    result = load_bytes(text.encode(), tmp_path / "t.yaml", assets=tmp_path)
    assert result.routine is not None
    assert dose_words(result.routine.steps[0]) == expected


def test_handout_command_writes_a_pdf_headless(qtbot: QtBot, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "core.pdf"
    routine = bundled_routines_dir() / "core-stability.yaml"
    assert handout(str(routine), output=str(target), out=out, err=err) == 0, err.getvalue()
    assert target.read_bytes().startswith(b"%PDF")
    assert re.match(r".*core\.pdf: [123] page\(s\)", out.getvalue().strip())
    assert not list(tmp_path.glob(".*part"))
    assert handout(str(routine), output=str(target), stage=9, out=out, err=err) == 2
    assert "stages 1 to 3, not 9" in err.getvalue()
    assert handout(str(tmp_path / "nope.yaml"), out=out, err=err) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("backcoach: 1\ntitle: B\nsteps:\n  - {exercise: nowhere, hold: 3s}\n")
    err = io.StringIO()
    assert handout(str(broken), output=str(tmp_path / "b.pdf"), out=out, err=err) == 1
    assert "broken.yaml:4:" in err.getvalue()
    assert not (tmp_path / "b.pdf").exists()


def test_print_handout_from_the_routine_page(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    window = open_window(qtbot, make_ctx(data_dir, write_routines(tmp_path / "r")), FakeClock())
    assert not window.print_action.isEnabled()  # the library: nothing to print
    target = tmp_path / "printed.pdf"

    def printer_to_file(printer: object) -> bool:
        printer.setOutputFileName(str(target))  # type: ignore[attr-defined]
        return True

    window.ask_printer = printer_to_file
    window.library_page.search.setFocus()
    press(qtbot, window, "tiny")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.routine_page
    assert window.print_action.isEnabled()
    window.print_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    assert "Tiny test routine" in pdf_text(target)
