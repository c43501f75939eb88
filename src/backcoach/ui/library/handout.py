"""The printable handout: the home-exercise sheet a therapist gives a patient.

A4, one to three pages: the title, author, how often, what you need, the safety
questions with their advice, then each step with its photos, how, careful,
cautions and the dose in words ("Hold 30 seconds, 2 times, each side, rest 15
seconds"), the flare-day changes and the stages. The text is an HTML
`QTextDocument` laid out on the page and drawn page by page with a footer (the
routine's title and the page number), as the care-team report is.

`write_handout` makes a PDF (the `backcoach handout` command, headless with
QT_QPA_PLATFORM=offscreen); `print_handout` draws on a printer the user chose
(File → Print handout…). Everything from the routine file is escaped: it is
the therapist's text, never markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from backcoach.core.limits import PlanTooLong
from backcoach.core.plan import build_plan
from backcoach.core.routine import ExerciseStep, Question, RestStep, Routine, Step
from backcoach.core.stages import changes_between, stage_steps
from backcoach.ui.history.report import ensure_gui_app, keep_headings_with_next
from backcoach.ui.library.dose_text import change_words, dose_words
from backcoach.ui.library.routine_page import equipment_of, prescribed_text

PHOTO_WIDTH = 104
"""Each photo's width in 1/96 inch (about 2.8 cm); two sit side by side by a step."""
IMAGE_PIXELS = 420
"""Photos are scaled down to this width before they go into the PDF (small files)."""

STYLE = """
body { font-family: sans-serif; }
h1 { font-size: 18pt; margin: 0 0 2pt 0; }
h2 { font-size: 12.5pt; margin: 10pt 0 3pt 0; }
p { margin: 1pt 0 3pt 0; }
.meta { color: #333333; }
.dose { font-weight: bold; }
.urgent { color: #8e1616; font-weight: bold; }
.small { font-size: 8pt; color: #444444; }
td { padding: 2pt; }
table.steps td { border-bottom: 1px solid #cccccc; }
th { background-color: #e6e6e6; font-weight: bold; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("Handout", text)


def _e(text: object) -> str:
    return html.escape(str(text))


@dataclass
class Handout:
    """The handout's HTML and the photos it shows (by resource URL)."""

    html: str
    images: dict[str, QImage] = field(default_factory=dict)


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def _header(routine: Routine, stage: int) -> str:
    plan = build_plan(routine, stage=stage)
    parts = [f"<h1>{_e(routine.title)}</h1>"]
    facts = []
    if routine.author:
        facts.append(tr("By {0}").format(routine.author))
    if routine.prescribed:
        facts.append(prescribed_text(routine.prescribed.count, routine.prescribed.per))
    minutes = tr("About {0} minutes").format(_minutes(plan.total_seconds))
    if plan.self_paced:
        minutes += tr(", plus reps at your own pace")
    facts.append(minutes)
    if routine.stages:
        name = routine.stages[stage - 1].name
        facts.append(tr("Stage {0} of {1}: {2}").format(stage, len(routine.stages), name))
    parts.append(f'<p class="meta">{_e("   ·   ".join(facts))}</p>')
    if routine.summary:
        parts.append(f"<p>{_e(routine.summary)}</p>")
    needs = equipment_of(routine)
    if needs:
        label = tr("What you need:")
        parts.append(f"<p><b>{_e(label)}</b> {_e(', '.join(needs))}</p>")
    return "".join(parts)


def _question(q: Question) -> str:
    ask = f"<b>{_e(q.ask)}</b>"
    advice = _e(q.advice or "")
    if q.if_yes == "stop" and q.urgent:
        then = _e(tr("If yes, get medical help now:"))
        return f'<li>{ask}<br><span class="urgent">{then}</span> {advice}</li>'
    if q.if_yes == "stop":
        then = _e(tr("If yes, do not exercise today:"))
        return f"<li>{ask}<br>{then} {advice}</li>"
    if q.if_yes == "flare":
        then = _e(tr("If yes, do the flare-day version (below)."))
        return f"<li>{ask}<br>{then}</li>"
    if q.advice:
        then = _e(tr("If yes:"))
        return f"<li>{ask}<br>{then} {advice}</li>"
    return f"<li>{ask}</li>"


def _safety(routine: Routine) -> str:
    if not routine.before_you_start:
        return ""
    items = "".join(_question(q) for q in routine.before_you_start)
    intro = tr("Ask yourself these questions every time, before you start.")
    heading = tr("Before you start")
    return f"<h2>{_e(heading)}</h2><p>{_e(intro)}</p><ul>{items}</ul>"


def _photos(step: ExerciseStep, images: dict[str, QImage]) -> str:
    cells = []
    for path in step.exercise.images[:2]:
        url = f"backcoach-handout://{len(images)}/{path.name}"
        image = QImage(str(path))
        if image.isNull():
            continue
        if image.width() > IMAGE_PIXELS:
            image = image.scaledToWidth(IMAGE_PIXELS, Qt.TransformationMode.SmoothTransformation)
        images[url] = image
        height = round(PHOTO_WIDTH * image.height() / max(1, image.width()))
        cells.append(f'<img src="{url}" width="{PHOTO_WIDTH}" height="{height}">')
    return "&nbsp;".join(cells)


def _step_text(number: int, step: Step, rest_after: bool) -> str:
    if isinstance(step, RestStep):
        say = f" — {_e(step.say)}" if step.say else ""
        return f"<p><b>{number}.</b> {_e(dose_words(step))}{say}</p>"
    ex = step.exercise
    lines = [
        f"<p><b>{number}. {_e(ex.name)}</b></p>",
        f'<p class="dose">{_e(dose_words(step, rest_after=rest_after))}</p>',
    ]
    if ex.how:
        lines.append(f"<p>{_e(ex.how.strip())}</p>")
    careful, cautions, video = tr("Careful:"), tr("Ask first / take care:"), tr("Demonstration:")
    if ex.careful:
        lines.append(f"<p><i>{_e(careful)}</i> {_e(ex.careful.strip())}</p>")
    if ex.cautions:
        lines.append(f"<p><b>{_e(cautions)}</b> {_e(ex.cautions.strip())}</p>")
    if ex.video:
        lines.append(f'<p class="small">{_e(video)} {_e(ex.video)}</p>')
    return "".join(lines)


def _steps(routine: Routine, stage: int, images: dict[str, QImage]) -> str:
    rows = []
    steps = stage_steps(routine, stage)
    for i, step in enumerate(steps, 1):
        photos = _photos(step, images) if isinstance(step, ExerciseStep) else ""
        # The plan rests after a step only when an exercise step follows it.
        rest_after = i < len(steps) and isinstance(steps[i], ExerciseStep)
        text = _step_text(i, step, rest_after)
        if photos:
            rows.append(
                f'<tr><td width="{2 * PHOTO_WIDTH + 8}" valign="top">{photos}</td>'
                f'<td valign="top">{text}</td></tr>'
            )
        else:  # no photo: the words take the whole width
            rows.append(f'<tr><td colspan="2" valign="top">{text}</td></tr>')
    table = (
        '<table class="steps" width="100%" cellspacing="0" cellpadding="3">'
        + "".join(rows)
        + "</table>"
    )
    heading = tr("The exercises")
    return f"<h2>{_e(heading)}</h2>{table}"


def _names(routine: Routine, ids: tuple[str, ...]) -> list[str]:
    return [s.exercise.name for s in routine.steps if isinstance(s, ExerciseStep) and s.id in ids]


def _flare(routine: Routine, stage: int) -> str:
    if routine.flare is None:
        return ""
    flare = routine.flare
    normal = build_plan(routine, stage=stage)
    gentle = build_plan(routine, stage=stage, flare=True)
    lines = []
    if flare.scale < 1:
        lines.append(
            tr(
                "Holds, timed exercises and repetitions are shortened to {0}% "
                "(repetitions rounded up)."
            ).format(round(flare.scale * 100))
        )
    left_out = _names(routine, flare.skip)
    if left_out:
        lines.append(tr("Leave out: {0}.").format(", ".join(left_out)))
    lines.append(
        tr("It takes about {0} minutes instead of {1}.").format(
            _minutes(gentle.total_seconds), _minutes(normal.total_seconds)
        )
    )
    body = "".join(f"<p>{_e(line)}</p>" for line in lines)
    heading = tr("On a flare day")
    return f"<h2>{_e(heading)}</h2>{body}"


def _stages(routine: Routine) -> str:
    if not routine.stages:
        return ""
    first = _e(routine.stages[0].name)
    as_above = _e(tr("As above."))
    rows = [f'<tr><td width="32%"><b>{first}</b></td><td>{as_above}</td></tr>']
    for number in range(2, len(routine.stages) + 1):
        stage = routine.stages[number - 1]
        changes = "; ".join(change_words(c) for c in changes_between(routine, number - 1, number))
        when = tr("After {0} completed sessions of the stage before:").format(stage.after)
        rows.append(
            f'<tr><td width="32%" valign="top"><b>{_e(stage.name)}</b></td>'
            f"<td>{_e(when)} {_e(changes)}</td></tr>"
        )
    intro = tr(
        "As you get stronger, the doses change. The app offers each stage when you are "
        "ready; you choose, and you can always go back."
    )
    table = '<table width="100%" cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>"
    heading = tr("Stages")
    return f"<h2>{_e(heading)}</h2><p>{_e(intro)}</p>{table}"


def handout_html(routine: Routine, stage: int = 1) -> Handout:
    """The handout of `routine` at `stage` (1-based) as HTML, with its photos."""
    images: dict[str, QImage] = {}
    try:
        body = "".join(
            (
                _header(routine, stage),
                _safety(routine),
                _steps(routine, stage, images),
                _flare(routine, stage),
                _stages(routine),
            )
        )
    except PlanTooLong as exc:
        title = f"<h1>{_e(routine.title)}</h1>"
        why = tr("This routine can't be run: {0}").format(str(exc))
        body = f"{title}<p>{_e(why)}</p>"
        images.clear()
    return Handout(f"<html><body>{body}</body></html>", images)


def render(routine: Routine, device: QPagedPaintDevice, stage: int = 1) -> int:
    """Draw the handout on `device` (a PDF writer or a printer); returns the page count."""
    ensure_gui_app()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot draw the handout on this device")
    try:
        return _paint(routine, device, painter, stage)
    finally:
        painter.end()


def _paint(routine: Routine, device: QPagedPaintDevice, painter: QPainter, stage: int) -> int:
    resolution = device.logicalDpiY()
    page_rect = device.pageLayout().paintRectPixels(resolution)
    width, height = float(page_rect.width()), float(page_rect.height())
    footer_h = resolution * 0.3  # about 8 mm
    font = QFont()
    font.setPointSizeF(9.5)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)  # point sizes are true sizes
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(STYLE)
    doc.setDocumentMargin(0)
    handout = handout_html(routine, stage)
    for url, image in handout.images.items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
    doc.setHtml(handout.html)
    body_h = height - footer_h
    doc.setPageSize(QSizeF(width, body_h))
    keep_headings_with_next(doc, body_h)
    pages = doc.pageCount()
    footer_font = QFont(font)
    footer_font.setPointSizeF(7.5)
    for page in range(pages):
        if page:
            device.newPage()
        painter.save()
        painter.translate(0, -page * body_h)
        doc.drawContents(painter, QRectF(0, page * body_h, width, body_h))
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#444444"))
        footer = QRectF(0, body_h + footer_h * 0.25, width, footer_h * 0.75)
        painter.drawLine(footer.topLeft(), footer.topRight())
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(
            footer, left, tr("{0} — stop and ask if anything hurts").format(routine.title)
        )
        painter.drawText(footer, right, tr("Page {0} of {1}").format(page + 1, pages))
    return pages


def a4_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(15, 13, 15, 12),
        QPageLayout.Unit.Millimeter,
    )


def write_handout(routine: Routine, path: Path, *, stage: int = 1) -> int:
    """Write the handout as an A4 PDF at `path`; returns the page count.

    Written beside `path` and renamed over it, so a failure never leaves half a file.
    """
    ensure_gui_app()
    path = Path(path)
    part = path.with_name(f".{path.name}.part")
    writer = QPdfWriter(str(part))
    writer.setTitle(tr("{0}: home exercises").format(routine.title))
    writer.setCreator("backcoach")
    writer.setResolution(300)
    writer.setPageLayout(a4_layout())
    try:
        pages = render(routine, writer, stage)  # the file is complete when the painter ends
    except OSError:
        part.unlink(missing_ok=True)
        raise OSError(f"{path}: cannot write the handout here") from None
    try:
        part.replace(path)
    except OSError:
        part.unlink(missing_ok=True)
        raise
    return pages
