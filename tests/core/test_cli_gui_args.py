"""The window's command-line options are checked before Qt is loaded."""

from __future__ import annotations

import pytest

from backcoach.cli import main


@pytest.mark.parametrize("speed", ["0", "-3", "0.5", "nan", "inf", "fast", "1001"])
def test_a_bad_speed_is_a_usage_error(speed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--speed", speed]) == 2
    err = capsys.readouterr().err
    assert "--speed" in err and "expected a number" in err


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("check", "plan", "schema", "export", "import", "doctor"):
        assert command in out
