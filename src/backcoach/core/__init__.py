"""The Qt-free core: loading, checking, planning, the session engine and history.

Nothing below this package imports PySide6; `tests/core/test_no_qt.py` proves it.
"""
