"""The settings dialog: voice and sound, appearance, routine folders, posture breaks, data.

It edits a copy of the settings and hands the result to `AppContext.update_settings`
(which saves and tells every part) on OK or Apply; Cancel changes nothing. Every
control has a label with a keyboard mnemonic, an accessible name and, where the
label alone is not enough, a description.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.private import create_private_dir
from backcoach.core.settings import Settings
from backcoach.ui.context import AppContext
from backcoach.ui.widgets.plain import PlainLabel, message_box

VoiceLister = Callable[[Callable[[list[str]], None]], None]
"""Finds voice names and calls back with them (maybe later, maybe never)."""

WEEKDAYS = (
    QT_TRANSLATE_NOOP("SettingsDialog", "Mon"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Tue"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Wed"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Thu"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Fri"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Sat"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Sun"),
)
WEEKDAY_NAMES = (
    QT_TRANSLATE_NOOP("SettingsDialog", "Monday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Tuesday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Wednesday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Thursday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Friday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Saturday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Sunday"),
)


def probe_voices(parent: QObject) -> VoiceLister:
    """Lists the real engine's voices after a child-process probe shows it will not hang."""

    def lister(done: Callable[[list[str]], None]) -> None:
        try:
            from backcoach.ui.session.speech import (
                SpeechProbe,
                available_engines,
                available_voices,
                choose_engine,
            )
        except ImportError:
            return
        engine = choose_engine(available_engines())
        if engine is None:
            return
        probe = SpeechProbe(engine, parent=parent)

        def finished(ok: bool, _detail: str) -> None:
            if ok:
                done(available_voices(engine))
            probe.deleteLater()

        probe.done.connect(finished)
        probe.start()

    return lister


class SettingsDialog(QDialog):
    """`breaks`: (id, title) of the posture-break routines to offer (the window's scan)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        voices: VoiceLister | None = None,
        breaks: Sequence[tuple[str, str]] = (),
        idle_note: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._idle_note = idle_note
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.setModal(True)
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        """Opens the data folder; tests replace it."""

        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._voice_tab(), self.tr("&Voice and sound"))
        self.tabs.addTab(self._look_tab(), self.tr("&Appearance"))
        self.tabs.addTab(self._routines_tab(), self.tr("&Routines"))
        self.tabs.addTab(self._breaks_tab(breaks), self.tr("&Posture breaks"))
        self.tabs.addTab(self._data_tab(), self.tr("&Data"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        for which, name in (
            (QDialogButtonBox.StandardButton.Ok, self.tr("Save and close")),
            (QDialogButtonBox.StandardButton.Cancel, self.tr("Close without saving")),
            (QDialogButtonBox.StandardButton.Apply, self.tr("Save and keep open")),
            (QDialogButtonBox.StandardButton.RestoreDefaults, self.tr("Restore the defaults")),
        ):
            button = self.buttons.button(which)
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._clicked)
        layout.addWidget(self.buttons)

        self.load(ctx.settings)
        (voices or probe_voices(self))(self.set_voices)
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    # --- building ------------------------------------------------------------------
    @staticmethod
    def _named(widget: QWidget, name: str, description: str = "") -> None:
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)
            widget.setToolTip(description)

    def _voice_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.voice_enabled = QCheckBox(self.tr("Speak the &cues"))
        self._named(
            self.voice_enabled,
            self.tr("Speak the cues"),
            self.tr("Say each exercise, the countdown and what comes next aloud"),
        )
        form.addRow(self.voice_enabled)
        self.voice_name = QComboBox()
        self.voice_name.addItem(self.tr("Default voice"), "")
        self._named(self.voice_name, self.tr("Voice"), self.tr("Which voice speaks the cues"))
        form.addRow(self._label(self.tr("V&oice:"), self.voice_name), self.voice_name)
        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setRange(-10, 10)
        self.rate.setPageStep(2)
        self.rate.setTickPosition(QSlider.TickPosition.TicksBelow)
        self._named(
            self.rate, self.tr("Speaking rate"), self.tr("Slower to the left, faster to the right")
        )
        form.addRow(self._label(self.tr("Speaking &rate:"), self.rate), self.rate)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self._named(self.volume, self.tr("Volume"), self.tr("Volume of the voice and the sounds"))
        form.addRow(self._label(self.tr("Vol&ume:"), self.volume), self.volume)
        self.sounds_enabled = QCheckBox(self.tr("Play &sounds (bell, chime, tick)"))
        self._named(self.sounds_enabled, self.tr("Play sounds"))
        form.addRow(self.sounds_enabled)
        return page

    def _look_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.theme = QComboBox()
        for value, text in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
            ("high-contrast", self.tr("High contrast")),
        ):
            self.theme.addItem(text, value)
        self._named(
            self.theme,
            self.tr("Theme"),
            self.tr("Colours of the app; dark is easier on eyes sensitive to light"),
        )
        form.addRow(self._label(self.tr("&Theme:"), self.theme), self.theme)
        self.text_scale = QSpinBox()
        self.text_scale.setRange(100, 200)
        self.text_scale.setSingleStep(10)
        self.text_scale.setSuffix(" %")
        self._named(self.text_scale, self.tr("Text size"), self.tr("From 100 to 200 percent"))
        form.addRow(self._label(self.tr("Te&xt size:"), self.text_scale), self.text_scale)
        self.reduced_motion = QCheckBox(self.tr("Reduce &motion (show both pictures side by side)"))
        self._named(
            self.reduced_motion,
            self.tr("Reduce motion"),
            self.tr("The exercise pictures stay still instead of taking turns"),
        )
        form.addRow(self.reduced_motion)
        return page

    def _routines_tab(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        intro = PlainLabel(
            self.tr(
                "Routines are read from the bundled collection, your own routines folder "
                "and these folders (for example one your therapist shares with you)."
            )
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.folders = QListWidget()
        self._named(self.folders, self.tr("Extra routine folders"))
        label = self._label(self.tr("&Extra routine folders:"), self.folders)
        col.addWidget(label)
        col.addWidget(self.folders, 1)
        row = QHBoxLayout()
        self.add_folder = QPushButton(self.tr("A&dd folder…"))
        self._named(self.add_folder, self.tr("Add a routine folder"))
        self.remove_folder = QPushButton(self.tr("Re&move folder"))
        self._named(self.remove_folder, self.tr("Remove the selected routine folder"))
        row.addWidget(self.add_folder)
        row.addWidget(self.remove_folder)
        row.addStretch(1)
        col.addLayout(row)
        own = PlainLabel(self.tr("Your own routines: {0}").format(self.ctx.paths.user_routines))
        own.setWordWrap(True)
        own.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(own)
        self.add_folder.clicked.connect(self._add_folder)
        self.remove_folder.clicked.connect(self._remove_folder)
        self.folders.currentRowChanged.connect(self._folder_buttons)
        return page

    def _breaks_tab(self, breaks: Sequence[tuple[str, str]]) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.breaks_enabled = QCheckBox(self.tr("Remind me to take &posture breaks"))
        self._named(self.breaks_enabled, self.tr("Posture break reminders"))
        form.addRow(self.breaks_enabled)
        self.interval = QSpinBox()
        self.interval.setRange(5, 240)
        self.interval.setSingleStep(5)
        self.interval.setSuffix(self.tr(" min"))
        self._named(self.interval, self.tr("Minutes between breaks"))
        form.addRow(self._label(self.tr("&Every:"), self.interval), self.interval)
        self._break_days(form)
        self._break_hours(form)
        self.break_routine = QComboBox()
        self.break_routine.addItem(self.tr("Take turns with all break routines"), "")
        for rid, title in breaks:
            self.break_routine.addItem(title, rid)
        self._named(self.break_routine, self.tr("Break routine"))
        form.addRow(self._label(self.tr("&Routine:"), self.break_routine), self.break_routine)
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.idle.setSuffix(self.tr(" min"))
        self._named(
            self.idle,
            self.tr("Away time that counts as a break"),
            self.tr("Being away from the computer this long counts as a break taken"),
        )
        form.addRow(self._label(self.tr("Away &counts as a break after:"), self.idle), self.idle)
        self.idle_support = PlainLabel(self._idle_support_text())
        self.idle_support.setWordWrap(True)
        self._named(self.idle_support, self.tr("How time away is detected here"))
        form.addRow(self.idle_support)
        self.start_at_login = QCheckBox(self.tr("Start the reminder when I &log in"))
        self._named(self.start_at_login, self.tr("Start the reminder at log-in"))
        form.addRow(self.start_at_login)
        return page

    def _break_days(self, form: QFormLayout) -> None:
        days = QWidget()
        days_row = QHBoxLayout(days)
        days_row.setContentsMargins(0, 0, 0, 0)
        self.days: list[QCheckBox] = []
        for short, full in zip(WEEKDAYS, WEEKDAY_NAMES, strict=True):
            box = QCheckBox(self.tr(str(short)))
            self._named(box, self.tr(str(full)))
            self.days.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        days_label = PlainLabel(self.tr("On these days:"))
        form.addRow(days_label, days)

    def _break_hours(self, form: QFormLayout) -> None:
        self.break_start = QTimeEdit()
        self.break_start.setDisplayFormat("HH:mm")
        self._named(self.break_start, self.tr("Reminders start at"))
        self.break_end = QTimeEdit()
        self.break_end.setDisplayFormat("HH:mm")
        self._named(self.break_end, self.tr("Reminders end at"))
        hours = QWidget()
        hours_row = QHBoxLayout(hours)
        hours_row.setContentsMargins(0, 0, 0, 0)
        hours_row.addWidget(self.break_start)
        hours_row.addWidget(self._label(self.tr("&until"), self.break_end))
        hours_row.addWidget(self.break_end)
        hours_row.addStretch(1)
        form.addRow(self._label(self.tr("&From:"), self.break_start), hours)

    def _idle_support_text(self) -> str:
        """What this desktop offers to notice time away (idle, screen lock), in plain words."""
        if self._idle_note is not None:
            return self._idle_note
        from backcoach.core.breaks_support.idle import detect
        from backcoach.ui.breaks.tray import describe_support

        return describe_support(detect())

    def _data_tab(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        intro = PlainLabel(
            self.tr(
                "Your history and settings stay on this computer, in this folder. "
                "Nothing is sent anywhere."
            )
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.data_path = QLineEdit(str(self.ctx.paths.data_dir))
        self.data_path.setReadOnly(True)
        self._named(self.data_path, self.tr("Data folder"))
        col.addWidget(self._label(self.tr("Data &folder:"), self.data_path))
        col.addWidget(self.data_path)
        self.open_data = QPushButton(self.tr("&Open the data folder"))
        self._named(self.open_data, self.tr("Open the data folder in the file manager"))
        self.open_data.clicked.connect(self.open_data_folder)
        row = QHBoxLayout()
        row.addWidget(self.open_data)
        row.addStretch(1)
        col.addLayout(row)
        col.addStretch(1)
        return page

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = PlainLabel(text)
        label.setBuddy(buddy)
        return label

    # --- values --------------------------------------------------------------------
    def load(self, s: Settings) -> None:
        """Show `s` in the controls."""
        self.voice_enabled.setChecked(s.voice_enabled)
        self._select_voice(s.voice_name)
        self.rate.setValue(round(s.speech_rate * 10))
        self.volume.setValue(round(s.volume * 100))
        self.sounds_enabled.setChecked(s.sounds_enabled)
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.theme)))
        self.text_scale.setValue(s.text_scale)
        self.reduced_motion.setChecked(s.reduced_motion)
        self.folders.clear()
        self.folders.addItems(list(s.routine_folders))
        self._folder_buttons()
        self.breaks_enabled.setChecked(s.breaks_enabled)
        self.interval.setValue(s.break_interval_minutes)
        for i, box in enumerate(self.days):
            box.setChecked(i in s.break_days)
        self.break_start.setTime(_time(s.break_start, QTime(8, 0)))
        self.break_end.setTime(_time(s.break_end, QTime(18, 0)))
        i = self.break_routine.findData(s.break_routine)
        if i < 0 and s.break_routine:
            self.break_routine.addItem(s.break_routine, s.break_routine)
            i = self.break_routine.count() - 1
        self.break_routine.setCurrentIndex(max(0, i))
        self.idle.setValue(s.idle_reset_minutes)
        self.start_at_login.setChecked(s.start_at_login)

    def settings(self) -> Settings:
        """The settings as the controls show them."""
        return Settings.from_json(
            {
                **self.ctx.settings.to_json(),
                "voice_enabled": self.voice_enabled.isChecked(),
                "voice_name": self.voice_name.currentData() or "",
                "speech_rate": self.rate.value() / 10,
                "volume": self.volume.value() / 100,
                "sounds_enabled": self.sounds_enabled.isChecked(),
                "theme": self.theme.currentData(),
                "text_scale": self.text_scale.value(),
                "reduced_motion": self.reduced_motion.isChecked(),
                "routine_folders": [
                    self.folders.item(i).text() for i in range(self.folders.count())
                ],
                "breaks_enabled": self.breaks_enabled.isChecked(),
                "break_interval_minutes": self.interval.value(),
                "break_days": [i for i, box in enumerate(self.days) if box.isChecked()],
                "break_start": self.break_start.time().toString("HH:mm"),
                "break_end": self.break_end.time().toString("HH:mm"),
                "break_routine": self.break_routine.currentData() or "",
                "idle_reset_minutes": self.idle.value(),
                "start_at_login": self.start_at_login.isChecked(),
            }
        )

    def set_voices(self, names: list[str]) -> None:
        current = self.voice_name.currentData() or self.ctx.settings.voice_name
        self.voice_name.clear()
        self.voice_name.addItem(self.tr("Default voice"), "")
        for name in names:
            self.voice_name.addItem(name, name)
        self._select_voice(current)

    def _select_voice(self, name: str) -> None:
        i = self.voice_name.findData(name)
        if i < 0 and name:  # not listed (yet): keep it rather than lose it
            self.voice_name.addItem(name, name)
            i = self.voice_name.count() - 1
        self.voice_name.setCurrentIndex(max(0, i))

    # --- actions -------------------------------------------------------------------
    def apply(self) -> None:
        new = self.settings()
        old = self.ctx.settings
        if new.start_at_login != old.start_at_login:
            self._apply_login_item(new.start_at_login)
        if new != old:
            self.ctx.update_settings(new)

    def _apply_login_item(self, enabled: bool) -> None:
        from backcoach.core.breaks_support import autostart
        from backcoach.core.paths import standard_data_dir

        data_dir = self.ctx.paths.data_dir
        problem = autostart.apply(
            enabled,
            python=sys.executable,
            data_dir=None if data_dir == standard_data_dir() else data_dir,
        )
        if problem:
            message_box(self, QMessageBox.Icon.Warning, self.tr("Start at log-in"), problem)

    def accept(self) -> None:
        self.apply()
        super().accept()

    def _clicked(self, button: QAbstractButton) -> None:
        role = self.buttons.buttonRole(button)
        if role == QDialogButtonBox.ButtonRole.ApplyRole:
            self.apply()
        elif role == QDialogButtonBox.ButtonRole.ResetRole:
            self.load(Settings().replace(routine_folders=self.settings().routine_folders))

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a routine folder"), str(Path.home())
        )
        if folder:
            self.add_routine_folder(folder)

    def add_routine_folder(self, folder: str) -> None:
        existing = [self.folders.item(i).text() for i in range(self.folders.count())]
        if folder not in existing:
            self.folders.addItem(folder)
        self.folders.setCurrentRow(self.folders.count() - 1)

    def _remove_folder(self) -> None:
        row = self.folders.currentRow()
        if row >= 0:
            self.folders.takeItem(row)
        self._folder_buttons()

    def _folder_buttons(self, *_: object) -> None:
        self.remove_folder.setEnabled(self.folders.currentRow() >= 0)

    def open_data_folder(self) -> None:
        folder = self.ctx.paths.data_dir
        with contextlib.suppress(OSError):  # opening says so if it is not there
            create_private_dir(folder)
        if not self.open_url(QUrl.fromLocalFile(str(folder))):
            message_box(
                self,
                QMessageBox.Icon.Information,
                self.tr("Data folder"),
                self.tr("The folder could not be opened here. It is: {0}").format(folder),
            )


def _time(text: str, default: QTime) -> QTime:
    t = QTime.fromString(text, "HH:mm")
    return t if t.isValid() else default
