"""The Qt application: every PySide6 import lives below here."""
