"""How long the user has been idle, and whether the screen is locked, per platform.

Qt-free. Each probe is a small object with a `name` and a `__call__` that
returns a value or None; `detect_idle()` / `detect_locked()` try the probes
that fit this desktop once and keep the first that answers. A probe that
stops answering returns None (the scheduler then counts time as use), and
after a few failures in a row it gives up for good, so a missing service
costs nothing. Subprocess probes run with a short timeout.

What works where (see docs/posture-breaks.md):
- X11 (any desktop): idle from the MIT-SCREEN-SAVER extension (libXss.so.1).
- GNOME (X11 or Wayland): idle from org.gnome.Mutter.IdleMonitor, lock from
  org.gnome.ScreenSaver.GetActive, through `gdbus`.
- KDE Plasma (X11 or Wayland): idle from org.freedesktop.ScreenSaver
  GetSessionIdleTime (milliseconds in KDE's implementation), lock from GetActive.
- systemd-logind: lock from the session's LockedHint (`loginctl`), for
  desktops whose locker sets it.
- Windows: idle from GetLastInputInfo. Lock: not detected.
- macOS: idle from `ioreg -c IOHIDSystem` HIDIdleTime. Lock: not detected.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

TIMEOUT = 2.0
MAX_FAILURES = 3

Runner = Callable[[Sequence[str]], "str | None"]
"""Runs a command and returns its stdout, or None if it failed (injectable in tests)."""


def run_command(argv: Sequence[str]) -> str | None:
    """stdout of `argv`, or None if it is missing, fails or takes longer than TIMEOUT."""
    try:
        done = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class Probe:
    """A named callable returning a value or None; gives up after MAX_FAILURES in a row."""

    def __init__(self, name: str, read: Callable[[], float | bool | None]) -> None:
        self.name = name
        self._read = read
        self._failures = 0

    @property
    def gave_up(self) -> bool:
        return self._failures >= MAX_FAILURES

    def __call__(self) -> float | bool | None:
        if self.gave_up:
            return None
        try:
            value = self._read()
        except (OSError, ValueError, ctypes.ArgumentError):
            value = None
        self._failures = 0 if value is not None else self._failures + 1
        return value


class IdleProbe(Probe):
    def __call__(self) -> float | None:
        value = super().__call__()
        return None if value is None or isinstance(value, bool) else float(value)


class LockProbe(Probe):
    def __call__(self) -> bool | None:
        value = super().__call__()
        return None if value is None else bool(value)


# --- parsing of command output (pure, tested) -----------------------------------------


def parse_gdbus_number(text: str | None) -> float | None:
    """ "(uint64 12345,)" -> 12345.0"""
    if not text:
        return None
    m = re.search(r"\(\s*(?:u?int(?:16|32|64)|byte)?\s*(\d+)\s*,?\s*\)", text)
    return float(m.group(1)) if m else None


def parse_gdbus_bool(text: str | None) -> bool | None:
    """ "(true,)" -> True"""
    if not text:
        return None
    m = re.search(r"\(\s*(true|false)\s*,?\s*\)", text)
    return None if m is None else m.group(1) == "true"


def parse_locked_hint(text: str | None) -> bool | None:
    """ "LockedHint=yes" -> True"""
    if not text:
        return None
    m = re.search(r"LockedHint=(yes|no)", text)
    return None if m is None else m.group(1) == "yes"


def parse_ioreg_idle(text: str | None) -> float | None:
    """ioreg's HIDIdleTime (nanoseconds) -> seconds."""
    if not text:
        return None
    m = re.search(r'"HIDIdleTime"\s*=\s*(\d+)', text)
    return int(m.group(1)) / 1e9 if m else None


# --- probes -----------------------------------------------------------------------------


def _gdbus(dest: str, path: str, method: str) -> list[str]:
    return ["gdbus", "call", "--session", "--dest", dest, "--object-path", path, "--method", method]


def gnome_idle_probe(run: Runner = run_command) -> IdleProbe:
    argv = _gdbus(
        "org.gnome.Mutter.IdleMonitor",
        "/org/gnome/Mutter/IdleMonitor/Core",
        "org.gnome.Mutter.IdleMonitor.GetIdletime",
    )

    def read() -> float | None:
        ms = parse_gdbus_number(run(argv))
        return None if ms is None else ms / 1000.0

    return IdleProbe("GNOME Mutter IdleMonitor", read)


def kde_idle_probe(run: Runner = run_command) -> IdleProbe:
    argv = _gdbus(
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver.GetSessionIdleTime",
    )

    def read() -> float | None:
        ms = parse_gdbus_number(run(argv))
        return None if ms is None else ms / 1000.0

    return IdleProbe("org.freedesktop.ScreenSaver (KDE)", read)


def screensaver_lock_probe(run: Runner = run_command, *, gnome: bool = False) -> LockProbe:
    service = "org.gnome.ScreenSaver" if gnome else "org.freedesktop.ScreenSaver"
    path = "/org/gnome/ScreenSaver" if gnome else "/org/freedesktop/ScreenSaver"
    argv = _gdbus(service, path, f"{service}.GetActive")
    return LockProbe(service, lambda: parse_gdbus_bool(run(argv)))


def logind_lock_probe(session_id: str, run: Runner = run_command) -> LockProbe:
    argv = ["loginctl", "show-session", session_id, "-p", "LockedHint"]
    return LockProbe("systemd-logind LockedHint", lambda: parse_locked_hint(run(argv)))


def macos_idle_probe(run: Runner = run_command) -> IdleProbe:
    argv = ["ioreg", "-c", "IOHIDSystem", "-d", "4"]
    return IdleProbe("macOS IOHIDSystem", lambda: parse_ioreg_idle(run(argv)))


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("eventMask", ctypes.c_ulong),
    ]


def x11_idle_probe(display_name: str | None) -> IdleProbe | None:
    """MIT-SCREEN-SAVER idle time through ctypes; None without libXss or a display."""
    if not display_name:
        return None
    xlib_name = ctypes.util.find_library("X11") or "libX11.so.6"
    xss_name = ctypes.util.find_library("Xss") or "libXss.so.1"
    try:
        xlib = ctypes.CDLL(xlib_name)
        xss = ctypes.CDLL(xss_name)
    except OSError:
        return None
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xss.XScreenSaverQueryExtension.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_int),
    ]
    xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
    xss.XScreenSaverQueryInfo.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(_XScreenSaverInfo),
    ]
    display = xlib.XOpenDisplay(display_name.encode())
    if not display:
        return None
    event_base, error_base = ctypes.c_int(), ctypes.c_int()
    if not xss.XScreenSaverQueryExtension(
        display, ctypes.byref(event_base), ctypes.byref(error_base)
    ):
        return None
    info = xss.XScreenSaverAllocInfo()
    root = xlib.XDefaultRootWindow(display)

    def read() -> float | None:
        if not xss.XScreenSaverQueryInfo(display, root, info):
            return None
        return float(info.contents.idle) / 1000.0

    return IdleProbe("X11 MIT-SCREEN-SAVER", read)


def windows_idle_probe() -> IdleProbe | None:
    if sys.platform != "win32":
        return None

    class _LastInputInfo(ctypes.Structure):
        _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]

    def read() -> float | None:
        lii = _LastInputInfo()
        lii.cbSize = ctypes.sizeof(lii)
        if not user32.GetLastInputInfo(ctypes.byref(lii)):
            return None
        ticks = kernel32.GetTickCount() & 0xFFFFFFFF
        return float((ticks - lii.dwTime) & 0xFFFFFFFF) / 1000.0

    return IdleProbe("Windows GetLastInputInfo", read)


# --- detection ---------------------------------------------------------------------------


def _desktop(env: Mapping[str, str]) -> str:
    return env.get("XDG_CURRENT_DESKTOP", "").upper()


def idle_candidates(
    env: Mapping[str, str], platform: str = sys.platform, run: Runner = run_command
) -> list[IdleProbe]:
    """The idle probes worth trying here, best first (nothing is called yet, except X11 setup)."""
    if platform == "win32":
        probe = windows_idle_probe()
        return [probe] if probe else []
    if platform == "darwin":
        return [macos_idle_probe(run)] if shutil.which("ioreg") else []
    out: list[IdleProbe] = []
    desktop = _desktop(env)
    has_gdbus = shutil.which("gdbus") is not None and bool(env.get("DBUS_SESSION_BUS_ADDRESS"))
    if has_gdbus and "GNOME" in desktop:
        out.append(gnome_idle_probe(run))
    if has_gdbus and "KDE" in desktop:
        out.append(kde_idle_probe(run))
    # Under Wayland, XWayland's idle time only sees input to X clients: useless.
    if env.get("XDG_SESSION_TYPE", "").lower() != "wayland" and not env.get("WAYLAND_DISPLAY"):
        x11 = x11_idle_probe(env.get("DISPLAY"))
        if x11 is not None:
            out.append(x11)
    return out


def lock_candidates(
    env: Mapping[str, str], platform: str = sys.platform, run: Runner = run_command
) -> list[LockProbe]:
    if platform in ("win32", "darwin"):
        return []
    out: list[LockProbe] = []
    desktop = _desktop(env)
    if shutil.which("gdbus") is not None and env.get("DBUS_SESSION_BUS_ADDRESS"):
        if "GNOME" in desktop:
            out.append(screensaver_lock_probe(run, gnome=True))
        out.append(screensaver_lock_probe(run))
    if env.get("XDG_SESSION_ID") and shutil.which("loginctl"):
        out.append(logind_lock_probe(env["XDG_SESSION_ID"], run))
    return out


def first_answering(probes: Sequence[Probe]) -> Probe | None:
    """The first probe that answers now (each is called once)."""
    for probe in probes:
        if probe() is not None:
            return probe
    return None


@dataclass(frozen=True)
class IdleSupport:
    """What this desktop offers, for the tray and the settings page."""

    idle: IdleProbe | None
    locked: LockProbe | None

    @property
    def idle_name(self) -> str | None:
        return self.idle.name if self.idle else None

    @property
    def lock_name(self) -> str | None:
        return self.locked.name if self.locked else None

    def describe(self) -> str:
        """One English sentence (the UI translates its own wording from the names)."""
        if self.idle is None and self.locked is None:
            return "Idle detection is not available on this desktop: only sleep resets the timer."
        parts = []
        parts.append(f"idle time from {self.idle.name}" if self.idle else "no idle time")
        parts.append(f"screen lock from {self.locked.name}" if self.locked else "no screen lock")
        return "Time away is detected: " + "; ".join(parts) + "."


def detect(
    env: Mapping[str, str] | None = None, platform: str = sys.platform, run: Runner = run_command
) -> IdleSupport:
    """Try the probes for this desktop once and keep the ones that answer."""
    env = dict(os.environ) if env is None else env
    idle = first_answering(idle_candidates(env, platform, run))
    locked = first_answering(lock_candidates(env, platform, run))
    return IdleSupport(
        idle if isinstance(idle, IdleProbe) else None,
        locked if isinstance(locked, LockProbe) else None,
    )
