"""The care-team report: one or two A4 pages of PDF a clinician reads in two minutes.

Made with Qt's own PDF writer: the text is an HTML `QTextDocument` built
section by section (`SECTIONS`), laid out on A4 and drawn by a `Paginator` on a
`QPdfWriter` into memory, each page with the same footer (generated date, "not
a diagnosis", page number). `render_pdf_report` returns the bytes;
`core.export.write_export` checks and writes the file, as for every other
export. The pain chart is drawn with `pain_chart.paint_pain_chart` into an
image embedded in the document. Lists that could grow without end (stopped
sessions, notes, yes answers) are cut to the most recent few, with "and N
more", so the report stays at one or two pages.

Works without a window: a QGuiApplication is created (offscreen when there is
no display) if none exists, so `backcoach export --format pdf` can call it.
"""

from __future__ import annotations

import html
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
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

from backcoach.core import progression
from backcoach.core.export import ExportJob
from backcoach.core.log import stats
from backcoach.ui.history.history_model import (
    change_text,
    describe_trigger,
    stop_reason_text,
    target_text,
)
from backcoach.ui.history.pain_chart import paint_pain_chart

MAX_LISTED = 6
CHART_URL = "backcoach://pain-chart.png"
CHART_RATIO = 0.36


def tr(text: str) -> str:
    return QCoreApplication.translate("Report", text)


def ensure_gui_app(platform: str | None = None) -> QCoreApplication:
    """The running Qt application, or a new QGuiApplication.

    `platform` (e.g. "offscreen", from `headless_platform`) is passed to a new one
    as `-platform`; None lets Qt choose as usual.
    """
    app = QCoreApplication.instance()
    if app is not None:
        return app
    argv = sys.argv[:1] or ["backcoach"]
    return QGuiApplication([*argv, "-platform", platform] if platform else argv)


def headless_platform(env: Mapping[str, str], system: str = sys.platform) -> str | None:
    """ "offscreen" on Linux with no display and no QT_QPA_PLATFORM chosen, else None.

    For commands that only draw PDFs: they run on a server or over ssh too.
    """
    if env.get("QT_QPA_PLATFORM") or system != "linux":
        return None
    return None if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") else "offscreen"


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


@dataclass(frozen=True)
class ReportData:
    """What every section of the report reads: the sessions and the period they cover."""

    sessions: Sequence[Any]
    """Every session given (the calm-note triggers and adherence look at them all)."""
    breaks: Sequence[Any]
    since: date
    until: date
    title: str
    generated: datetime
    targets: Mapping[str, Any]
    chart_width: int
    rows: list[Any]
    """The sessions of the period, previews included."""
    used: list[Any]
    """The sessions of the period the statistics count."""


def _heading(d: ReportData) -> str:
    meta = tr("Period: {0} to {1} · Generated {2}").format(
        _day(d.since), _day(d.until), d.generated.strftime("%d %b %Y %H:%M")
    )
    return f"<h1>{_e(d.title)}</h1>" + f'<p class="meta">{_e(meta)}</p>'


def _summary(d: ReportData) -> str:
    used = d.used
    counts = [
        sum(1 for s in used if s.status == st) for st in ("completed", "stopped", "interrupted")
    ]
    summary = tr("{0} sessions: {1} completed, {2} stopped early, {3} interrupted.").format(
        len(used), *counts
    )
    previews = sum(1 for s in d.rows if s.is_preview)
    if previews:
        summary += " " + tr("{0} previews (sped-up run-throughs) are left out.").format(previews)
    rated_b = [s.pain_before for s in used if s.pain_before is not None]
    rated_a = [s.pain_after for s in used if s.pain_after is not None]
    if rated_b and rated_a:
        summary += " " + tr("Average pain before sessions {0:.1f}, after {1:.1f} (0–10).").format(
            sum(rated_b) / len(rated_b), sum(rated_a) / len(rated_a)
        )
    return f"<p>{_e(summary)}</p>"


def _worth_a_look(d: ReportData) -> str:
    triggers = stats.calm_note_triggers(d.sessions, d.until)
    if not triggers:
        return ""
    items = "".join(f"<li>{_e(describe_trigger(t))}</li>" for t in triggers)
    return f"<h2>{_e(tr('Worth a look'))}</h2><ul>{items}</ul>"


def _adherence(d: ReportData) -> str:
    head = f"<h2>{_e(tr('Adherence'))}</h2>"
    adh = stats.period_adherence(d.sessions, d.targets, d.since, d.until)
    if not adh:
        return head + f"<p>{_e(tr('No sessions in this period.'))}</p>"
    table = _table(
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
    states = stats.day_states(d.sessions, d.targets, d.since, d.until, d.until)
    counts = {st: sum(1 for v in states.values() if v is st) for st in stats.DayState}
    days = tr(
        "Days: {0} done, {1} partial, {2} missed. Done: the sessions each daily "
        "routine asks for; partial: fewer, or only stopped ones; missed: none."
    ).format(
        counts[stats.DayState.DONE], counts[stats.DayState.PARTIAL], counts[stats.DayState.MISSED]
    )
    return head + table + f'<p class="small">{_e(days)}</p>'


def _chart(d: ReportData) -> str:
    height = round(d.chart_width * CHART_RATIO)
    return (
        f"<h2>{_e(tr('Pain before and after each session'))}</h2>"
        f'<p><img src="{CHART_URL}" width="{d.chart_width}" height="{height}"></p>'
    )


def _effect(d: ReportData) -> str:
    eff = [e for e in stats.effects(d.rows) if e.rated]
    if not eff:
        return ""
    table = _table(
        [tr("Routine"), tr("Sessions rated"), tr("Average change"), tr("Meaningful relief")],
        [
            (
                e.title,
                str(e.rated),
                change_text(e.mean_change),
                tr("{0} of {1} ({2:.0%})").format(e.meaningful, e.rated, e.meaningful_share),
            )
            for e in eff
        ],
    )
    note = tr(
        "Change = pain after − pain before. Meaningful relief: a drop of 2 points or 30% or more."
    )
    return f"<h2>{_e(tr('Does it help?'))}</h2>" + table + f'<p class="small">{_e(note)}</p>'


def _stops(d: ReportData) -> str:
    stops = [s for s in d.used if s.status != "completed"]
    if not stops:
        return ""
    shown = stops[-MAX_LISTED:]
    table = _table(
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
    return f"<h2>{_e(tr('Stopped early, and why'))}</h2>" + table + _more(len(stops) - len(shown))


def _yes_answers(used: Sequence[Any]) -> dict[str, list[date]]:
    """Safety question -> the days it was answered yes."""
    yes: dict[str, list[date]] = defaultdict(list)
    for s in used:
        for a in getattr(s, "answers", ()):
            if str(a.answer).strip().lower() in ("yes", "y", "true"):
                yes[a.ask].append(stats.local_day(s))
    return yes


def _yes_line(ask: str, days: Sequence[date]) -> str:
    uniq = sorted(set(days))
    listed = ", ".join(_short(d) for d in uniq[-MAX_LISTED:])
    line = tr("“{0}”: yes on {1} day(s): {2}").format(ask, len(uniq), listed)
    extra = len(uniq) - min(len(uniq), MAX_LISTED)
    if extra:
        line += " " + tr("(and {0} earlier)").format(extra)
    return f"<li>{_e(line)}</li>"


def _flares_and_answers(d: ReportData) -> str:
    flares = stats.flare_days(d.rows)
    yes = _yes_answers(d.used)
    if not (flares or yes):
        return ""
    out = f"<h2>{_e(tr('Flare days and safety answers'))}</h2>"
    if flares:
        listed = ", ".join(_short(day) for day in flares)
        out += "<p>" + _e(tr("Flare days ({0}): {1}").format(len(flares), listed)) + "</p>"
    if yes:
        ordered = sorted(yes.items(), key=lambda kv: -len(kv[1]))
        out += "<ul>" + "".join(_yes_line(ask, days) for ask, days in ordered) + "</ul>"
    return out


def _notes(d: ReportData) -> str:
    noted = [s for s in d.used if str(s.notes).strip()]
    if not noted:
        return ""
    shown = noted[-MAX_LISTED:]
    table = _table(
        [tr("Date"), tr("Note")],
        [
            (s.started_at.strftime("%d %b"), " ".join(str(s.notes).split())[:140])
            for s in reversed(shown)
        ],
        right=(),
    )
    return f"<h2>{_e(tr('Notes'))}</h2>" + table + _more(len(noted) - len(shown))


def _posture_breaks(d: ReportData) -> str:
    days = stats.breaks_per_day(b for b in d.breaks if d.since <= b.due_at.date() <= d.until)
    if not days:
        return ""
    taken = sum(b.taken for b in days)
    due = sum(b.due for b in days)
    line = tr("{0} of {1} breaks taken over {2} days ({3:.1f} a day on average).").format(
        taken, due, len(days), taken / len(days)
    )
    return f"<h2>{_e(tr('Posture breaks'))}</h2>" + f"<p>{_e(line)}</p>"


def _stages(d: ReportData) -> str:
    return _stages_section(d.used)


SECTIONS: tuple[Callable[[ReportData], str], ...] = (
    _heading,
    _summary,
    _worth_a_look,
    _adherence,
    _chart,
    _effect,
    _stops,
    _stages,
    _flares_and_answers,
    _notes,
    _posture_breaks,
)
"""The report, top to bottom; a section with nothing to say writes nothing."""


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
    data = ReportData(
        sessions=sessions,
        breaks=breaks,
        since=since,
        until=until,
        title=title,
        generated=generated,
        targets=targets,
        chart_width=chart_width,
        rows=rows,
        used=stats.counted(rows),
    )
    return "".join(section(data) for section in SECTIONS)


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


@dataclass(frozen=True)
class Paginator:
    """Draws a laid-out document page by page, each page with the same footer."""

    writer: QPdfWriter
    painter: QPainter
    width: float
    body_height: float
    footer_height: float
    footer_text: str
    footer_font: QFont

    def draw(self, doc: QTextDocument) -> int:
        """Every page of `doc`; returns how many."""
        pages = doc.pageCount()
        for page in range(pages):
            if page:
                self.writer.newPage()
            self._body(doc, page)
            self._footer(tr("Page {0} of {1}").format(page + 1, pages))
        return pages

    def _body(self, doc: QTextDocument, page: int) -> None:
        top = page * self.body_height
        self.painter.save()
        self.painter.translate(0, -top)
        doc.drawContents(self.painter, QRectF(0, top, self.width, self.body_height))
        self.painter.restore()

    def _footer(self, page_text: str) -> None:
        p = self.painter
        p.setFont(self.footer_font)
        p.setPen(QColor("#444444"))
        h = self.footer_height
        footer = QRectF(0, self.body_height + h * 0.25, self.width, h * 0.75)
        p.drawLine(footer.topLeft(), footer.topRight())
        middle = Qt.AlignmentFlag.AlignVCenter
        p.drawText(footer, int(Qt.AlignmentFlag.AlignLeft | middle), self.footer_text)
        p.drawText(footer, int(Qt.AlignmentFlag.AlignRight | middle), page_text)


def _period(job: ExportJob) -> tuple[date, date]:
    """The job's period; an open end is the first / last session's day (today with none)."""
    days = [s.started_at.date() for s in job.sessions]
    until = job.until or (max(days) if days else date.today())
    since = job.since or (min(days) if days else until)
    return since, until


def _pdf_writer(device: QBuffer, title: str) -> QPdfWriter:
    writer = QPdfWriter(device)
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
    return writer


def _document(job: ExportJob, writer: QPdfWriter, font: QFont, width: float) -> QTextDocument:
    """The report laid out in the writer's own pixels, so point sizes are true sizes."""
    since, until = _period(job)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(STYLE)
    doc.setDocumentMargin(0)
    rows = [s for s in job.sessions if stats.in_range(s.started_at, since, until)]
    doc.addResource(
        QTextDocument.ResourceType.ImageResource,
        QUrl(CHART_URL),
        _chart_image(stats.pain_series(rows), font),
    )
    html = build_html(
        job.sessions,
        job.breaks,
        since=since,
        until=until,
        title=job.title,
        generated=job.made_at,
        targets=job.targets,
        # <img> sizes are in 1/96 inch when laid out on a printer device.
        chart_width=int(width * 96 / writer.resolution()),
    )
    doc.setHtml(html)
    return doc


def render_pdf_report(job: ExportJob) -> bytes:
    """The care-team report of `job` as an A4 PDF (`core.export.write_export` writes it).

    An open end of the period is the first / last session's day. Adherence
    is measured against `job.targets` (routine id -> Prescribed).
    """
    ensure_gui_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _pdf_writer(buffer, job.title)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot draw the PDF report")
    try:
        font = QFont()
        font.setPointSizeF(9.0)
        page_rect = writer.pageLayout().paintRectPixels(writer.resolution())
        width, height = float(page_rect.width()), float(page_rect.height())
        footer_h = writer.resolution() * 0.32  # about 8 mm
        doc = _document(job, writer, font, width)
        doc.setPageSize(QSizeF(width, height - footer_h))
        keep_headings_with_next(doc, height - footer_h)
        footer_font = QFont(font)
        footer_font.setPointSizeF(7.5)
        footer_text = tr(
            "From the patient's own backcoach records, generated {0}. "
            "Not a diagnosis: discuss it with the patient."
        ).format(job.made_at.strftime("%d %b %Y"))
        Paginator(
            writer, painter, width, height - footer_h, footer_h, footer_text, footer_font
        ).draw(doc)
    finally:
        painter.end()
    return bytes(buffer.data().data())
