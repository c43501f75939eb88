"""The care-team report: one or two A4 pages of PDF a clinician reads in two minutes.

Made with Qt's own PDF writer: the text is an HTML `QTextDocument`, laid out on
A4 and drawn page by page with a QPainter on a `QPdfWriter`, each page with
the same footer (generated date, "not a diagnosis", page number). The pain
chart is drawn with `pain_chart.paint_pain_chart` into an image embedded in
the document. Lists that could grow without end (stopped sessions, notes,
yes answers) are cut to the most recent few, with "and N more", so the report
stays at one or two pages.

Works without a window: a QGuiApplication is created (offscreen when there is
no display) if none exists, so `backcoach export --format pdf` can call it.
"""

from __future__ import annotations

import html
import os
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from backcoach.core import progression, stats
from backcoach.ui.history_model import change_text, describe_trigger, stop_reason_text, target_text
from backcoach.ui.pain_chart import paint_pain_chart

MAX_LISTED = 6
CHART_URL = "backcoach://pain-chart.png"
CHART_RATIO = 0.36


def tr(text: str) -> str:
    return QCoreApplication.translate("Report", text)


def ensure_gui_app() -> Any:
    """The running Qt application, or a new QGuiApplication (offscreen without a display)."""
    app = QCoreApplication.instance()
    if app is not None:
        return app
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform != "linux"
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1] or ["backcoach"])


def _day(d: date) -> str:
    return d.strftime("%d %b %Y")


def _short(d: date) -> str:
    return d.strftime("%d %b")


def _e(text: object) -> str:
    return html.escape(str(text))


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (1, 2, 3, 4)
) -> str:
    """An HTML table; columns listed in `right` (numbers) are right-aligned."""

    def align(i: int) -> str:
        return "right" if i in right else "left"

    head = "".join(f'<th align="{align(i)}">{_e(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td align="{align(i)}">{_e(c)}</td>' for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return (
        '<table width="100%" cellspacing="0" cellpadding="4" border="0" class="t">'
        f"<tr>{head}</tr>{body}</table>"
    )


def _stages_section(sessions: Sequence[Any]) -> str:
    """The stage of each routine's progression over the period (nothing without stages)."""
    spans = progression.stage_spans(sessions)
    if not spans:
        return ""
    heading = tr("Stages")
    return f"<h2>{_e(heading)}</h2>" + _table(
        [tr("Routine"), tr("Stage"), tr("From"), tr("To"), tr("Sessions")],
        [
            (
                s.routine_title,
                f"{s.stage.index}: {s.stage.name}",
                _short(s.first),
                _short(s.last),
                str(s.sessions),
            )
            for s in spans
        ],
        right=(4,),
    )


def _more(n: int) -> str:
    return f'<p class="small">{_e(tr("… and {0} more.").format(n))}</p>' if n > 0 else ""


def build_html(
    sessions: Sequence[Any],
    breaks: Sequence[Any],
    *,
    since: date,
    until: date,
    title: str,
    generated: datetime,
    targets: Mapping[str, Any],
    chart_width: int = 640,
) -> str:
    """The report's text as HTML (the chart is the image at CHART_URL)."""
    rows = [s for s in sessions if stats.in_range(s.started_at, since, until)]
    used = stats.counted(rows)
    previews = sum(1 for s in rows if s.is_preview)
    parts: list[str] = []
    parts.append(f"<h1>{_e(title)}</h1>")
    parts.append(
        '<p class="meta">'
        + _e(
            tr("Period: {0} to {1} · Generated {2}").format(
                _day(since), _day(until), generated.strftime("%d %b %Y %H:%M")
            )
        )
        + "</p>"
    )
    completed = sum(1 for s in used if s.status == "completed")
    stopped = sum(1 for s in used if s.status == "stopped")
    interrupted = sum(1 for s in used if s.status == "interrupted")
    summary = tr("{0} sessions: {1} completed, {2} stopped early, {3} interrupted.").format(
        len(used), completed, stopped, interrupted
    )
    if previews:
        summary += " " + tr("{0} previews (sped-up run-throughs) are left out.").format(previews)
    rated_b = [s.pain_before for s in used if s.pain_before is not None]
    rated_a = [s.pain_after for s in used if s.pain_after is not None]
    if rated_b and rated_a:
        summary += " " + tr("Average pain before sessions {0:.1f}, after {1:.1f} (0–10).").format(
            sum(rated_b) / len(rated_b), sum(rated_a) / len(rated_a)
        )
    parts.append(f"<p>{_e(summary)}</p>")

    triggers = stats.calm_note_triggers(sessions, until)
    if triggers:
        parts.append(f"<h2>{_e(tr('Worth a look'))}</h2><ul>")
        parts += [f"<li>{_e(describe_trigger(t))}</li>" for t in triggers]
        parts.append("</ul>")

    # Adherence
    parts.append(f"<h2>{_e(tr('Adherence'))}</h2>")
    adh = stats.period_adherence(sessions, targets, since, until)
    if adh:
        parts.append(
            _table(
                [tr("Routine"), tr("Target"), tr("Completed"), tr("Expected"), tr("Stopped early")],
                [
                    (
                        a.title,
                        target_text(a.target),
                        str(a.done),
                        "–" if a.expected is None else str(a.expected),
                        str(a.stopped),
                    )
                    for a in adh
                ],
            )
        )
        states = stats.day_states(sessions, targets, since, until, until)
        counts = {st: sum(1 for v in states.values() if v is st) for st in stats.DayState}
        parts.append(
            '<p class="small">'
            + _e(
                tr(
                    "Days: {0} done, {1} partial, {2} missed. Done: the sessions each daily "
                    "routine asks for; partial: fewer, or only stopped ones; missed: none."
                ).format(
                    counts[stats.DayState.DONE],
                    counts[stats.DayState.PARTIAL],
                    counts[stats.DayState.MISSED],
                )
            )
            + "</p>"
        )
    else:
        parts.append(f"<p>{_e(tr('No sessions in this period.'))}</p>")

    # Pain chart
    parts.append(f"<h2>{_e(tr('Pain before and after each session'))}</h2>")
    parts.append(
        f'<p><img src="{CHART_URL}" width="{chart_width}" height="{round(chart_width * CHART_RATIO)}"></p>'
    )

    # Effect
    eff = [e for e in stats.effects(rows) if e.rated]
    if eff:
        parts.append(f"<h2>{_e(tr('Does it help?'))}</h2>")
        parts.append(
            _table(
                [
                    tr("Routine"),
                    tr("Sessions rated"),
                    tr("Average change"),
                    tr("Meaningful relief"),
                ],
                [
                    (
                        e.title,
                        str(e.rated),
                        change_text(e.mean_change),
                        tr("{0} of {1} ({2:.0%})").format(
                            e.meaningful, e.rated, e.meaningful_share
                        ),
                    )
                    for e in eff
                ],
            )
        )
        parts.append(
            '<p class="small">'
            + _e(
                tr(
                    "Change = pain after − pain before. Meaningful relief: a drop of 2 points "
                    "or 30% or more."
                )
            )
            + "</p>"
        )

    # Stopped sessions
    stops = [s for s in used if s.status != "completed"]
    if stops:
        parts.append(f"<h2>{_e(tr('Stopped early, and why'))}</h2>")
        shown = stops[-MAX_LISTED:]
        parts.append(
            _table(
                [tr("Date"), tr("Routine"), tr("Why"), tr("Pain before"), tr("Note")],
                [
                    (
                        s.started_at.strftime("%d %b %H:%M"),
                        s.routine_title or s.routine_id,
                        stop_reason_text(s.stop_reason) or tr("Interrupted"),
                        "–" if s.pain_before is None else str(s.pain_before),
                        " ".join(str(s.notes).split())[:60],
                    )
                    for s in reversed(shown)
                ],
                right=(),
            )
        )
        parts.append(_more(len(stops) - len(shown)))

    parts.append(_stages_section(used))

    # Flare days and safety answers
    flares = stats.flare_days(rows)
    yes: dict[str, list[date]] = defaultdict(list)
    for s in used:
        for a in getattr(s, "answers", ()):
            if str(a.answer).strip().lower() in ("yes", "y", "true"):
                yes[a.ask].append(stats.local_day(s))
    if flares or yes:
        parts.append(f"<h2>{_e(tr('Flare days and safety answers'))}</h2>")
        if flares:
            parts.append(
                "<p>"
                + _e(
                    tr("Flare days ({0}): {1}").format(
                        len(flares), ", ".join(_short(d) for d in flares)
                    )
                )
                + "</p>"
            )
        if yes:
            parts.append("<ul>")
            for ask, days in sorted(yes.items(), key=lambda kv: -len(kv[1])):
                uniq = sorted(set(days))
                listed = ", ".join(_short(d) for d in uniq[-MAX_LISTED:])
                extra = len(uniq) - min(len(uniq), MAX_LISTED)
                line = tr("“{0}”: yes on {1} day(s): {2}").format(ask, len(uniq), listed)
                if extra:
                    line += " " + tr("(and {0} earlier)").format(extra)
                parts.append(f"<li>{_e(line)}</li>")
            parts.append("</ul>")

    # Notes
    noted = [s for s in used if str(s.notes).strip()]
    if noted:
        parts.append(f"<h2>{_e(tr('Notes'))}</h2>")
        shown_notes = noted[-MAX_LISTED:]
        parts.append(
            _table(
                [tr("Date"), tr("Note")],
                [
                    (s.started_at.strftime("%d %b"), " ".join(str(s.notes).split())[:140])
                    for s in reversed(shown_notes)
                ],
                right=(),
            )
        )
        parts.append(_more(len(noted) - len(shown_notes)))

    # Breaks
    break_days = stats.breaks_per_day(b for b in breaks if since <= b.due_at.date() <= until)
    if break_days:
        taken = sum(b.taken for b in break_days)
        due = sum(b.due for b in break_days)
        parts.append(f"<h2>{_e(tr('Posture breaks'))}</h2>")
        parts.append(
            "<p>"
            + _e(
                tr("{0} of {1} breaks taken over {2} days ({3:.1f} a day on average).").format(
                    taken, due, len(break_days), taken / len(break_days)
                )
            )
            + "</p>"
        )
    return "".join(parts)


STYLE = """
body { font-family: sans-serif; }
h1 { font-size: 17pt; margin: 0 0 2pt 0; }
h2 { font-size: 12pt; margin: 14pt 0 4pt 0; }
p { margin: 2pt 0; }
.meta { color: #444; }
.small { font-size: 8pt; color: #444; }
table.t { border-collapse: collapse; }
th { background-color: #e6e6e6; font-weight: bold; }
td { border-bottom: 1px solid #dddddd; }
"""


def _chart_image(points: Sequence[stats.PainPoint], base_font: QFont) -> QImage:
    width = 2000
    height = round(width * CHART_RATIO)
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    font = QFont(base_font)
    font.setPixelSize(30)
    paint_pain_chart(
        painter,
        QRectF(0, 0, width, height),
        points,
        font,
        before_color=QColor("#7a7a7a"),
        after_color=QColor("#1f5fbf"),
        text_color=QColor("black"),
        grid_color=QColor("#cccccc"),
    )
    painter.end()
    return img


def keep_headings_with_next(doc: QTextDocument, page_height: float) -> int:
    """Move each heading that would end a page onto the next one, with what it heads.

    Qt's text layout has no "keep with next", so this measures: a heading whose
    next block (or, for a tall chart or table, a good part of a page) does not
    fit below it on the same page gets a page break before it. Returns how many
    headings moved. The document must already have its page size.
    """
    layout = doc.documentLayout()
    moved = 0
    for _ in range(64):  # each pass moves one heading; a report has a dozen at most
        block = doc.begin()
        changed = False
        while block.isValid():
            fmt = block.blockFormat()
            nxt = block.next()
            if (
                fmt.headingLevel() > 0
                and nxt.isValid()
                and not fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            ):
                rect = layout.blockBoundingRect(block)
                page_end = (int(rect.top() // page_height) + 1) * page_height
                at_top = rect.top() - (page_end - page_height) < 1
                after = layout.blockBoundingRect(nxt)
                need = min(after.bottom(), rect.bottom() + page_height * 0.15)
                if not at_top and (need > page_end or after.top() >= page_end):
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).setBlockFormat(fmt)
                    moved += 1
                    changed = True
                    break
            block = nxt
        if not changed:
            break
    return moved


def write_pdf_report(
    sessions: Sequence[Any],
    breaks: Sequence[Any],
    path: Path,
    *,
    since: date | None,
    until: date | None,
    title: str,
    targets: Mapping[str, Any] | None = None,
    generated: datetime | None = None,
) -> None:
    """Write the care-team report of `since`..`until` to `path` (A4 PDF).

    `since` / `until` default to the first / last session. `targets` (routine
    id -> Prescribed) defaults to the prescriptions of the bundled routines.
    The file is written next to `path` and renamed over it, so a failure never
    leaves half a report.
    """
    ensure_gui_app()
    path = Path(path)
    days = [s.started_at.date() for s in sessions]
    today = date.today()
    until = until or (max(days) if days else today)
    since = since or (min(days) if days else until)
    if targets is None:
        from backcoach.ui.history_page import library_targets

        targets = library_targets(None)
    generated = generated or datetime.now().astimezone()

    writer_path = path.with_name(f".{path.name}.part")
    writer = QPdfWriter(str(writer_path))
    writer.setTitle(title)
    writer.setCreator("backcoach")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 14, 16, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        writer_path.unlink(missing_ok=True)
        raise OSError(f"{path}: cannot write the PDF here")
    try:
        font = QFont()
        font.setPointSizeF(9.0)
        page_rect = writer.pageLayout().paintRectPixels(writer.resolution())
        width = float(page_rect.width())
        height = float(page_rect.height())
        footer_h = writer.resolution() * 0.32  # about 8 mm

        doc = QTextDocument()
        # Lay the text out in the writer's own pixels, so point sizes are true sizes.
        doc.documentLayout().setPaintDevice(writer)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(STYLE)
        doc.setDocumentMargin(0)
        rows = [s for s in sessions if stats.in_range(s.started_at, since, until)]
        doc.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(CHART_URL),
            _chart_image(stats.pain_series(rows), font),
        )
        doc.setHtml(
            build_html(
                sessions,
                breaks,
                since=since,
                until=until,
                title=title,
                generated=generated,
                targets=targets,
                # <img> sizes are in 1/96 inch when laid out on a printer device.
                chart_width=int(width * 96 / writer.resolution()),
            )
        )
        body_h = height - footer_h
        doc.setPageSize(QSizeF(width, body_h))
        keep_headings_with_next(doc, body_h)
        pages = doc.pageCount()
        footer_font = QFont(font)
        footer_font.setPointSizeF(7.5)
        footer_text = tr(
            "From the patient's own backcoach records, generated {0}. "
            "Not a diagnosis: discuss it with the patient."
        ).format(generated.strftime("%d %b %Y"))
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body_h)
            doc.drawContents(painter, QRectF(0, page * body_h, width, body_h))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#444444"))
            footer = QRectF(0, body_h + footer_h * 0.25, width, footer_h * 0.75)
            painter.drawLine(footer.topLeft(), footer.topRight())
            painter.drawText(
                footer, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), footer_text
            )
            painter.drawText(
                footer,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                tr("Page {0} of {1}").format(page + 1, pages),
            )
    finally:
        painter.end()
    try:
        os.replace(writer_path, path)
    except OSError:
        writer_path.unlink(missing_ok=True)
        raise
