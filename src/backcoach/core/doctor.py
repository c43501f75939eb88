"""`backcoach doctor`, the Qt-free half: check results, the data-folder, history and
routine checks, and helpers to run a probe in a child process and to map a missing
shared library to the Debian/Ubuntu package that ships it.

The Qt probes (platform plugin, audio, speech, fonts) live in
`backcoach.ui.doctor_checks` and run in child processes: a broken Qt install can
abort the interpreter, and the speechd engine can block for ever.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from backcoach.core.private import loose_paths, tightened_on

Level = Literal["ok", "warning", "problem"]

LIB_PACKAGES: dict[str, str] = {
    # Qt's xcb platform plugin (a window under X11 / Xvfb)
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    # graphics
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    # sound and voice
    "libpulse.so.0": "libpulse0",
    "libpulse-mainloop-glib.so.0": "libpulse-mainloop-glib0",
    "libspeechd.so.2": "libspeechd2",
    "libasound.so.2": "libasound2",
}


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    name: str
    level: Level
    message: str
    fix: str = ""
    needed: bool = True
    """Needed for a session: a problem here makes doctor exit 1 (a voice is not)."""

    @property
    def blocking(self) -> bool:
        return self.level == "problem" and self.needed

    def line(self) -> str:
        label = {"ok": "OK", "warning": "WARNING", "problem": "PROBLEM"}[self.level]
        text = f"{label:<8} {self.name}: {self.message}"
        return f"{text} Fix: {self.fix}" if self.fix and self.level != "ok" else text


def exit_code(checks: Iterable[Check]) -> int:
    return 1 if any(c.blocking for c in checks) else 0


def format_report(checks: Sequence[Check]) -> str:
    lines = [c.line() for c in checks]
    blocking = [c for c in checks if c.blocking]
    warnings = [c for c in checks if c.level != "ok" and not c.blocking]
    if blocking:
        lines.append(f"{len(blocking)} problem(s) stop a session from running; fix them first.")
    elif warnings:
        lines.append("A session can run; the lines above only limit it.")
    else:
        lines.append("Everything a session needs works.")
    return "\n".join(lines)


# --- child processes ------------------------------------------------------------------


@dataclass(frozen=True)
class ProbeOutcome:
    returncode: int | None
    """None: it did not finish in time (and was killed)."""
    stdout: str
    stderr: str

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_python_probe(
    script: str,
    args: Sequence[str] = (),
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 20.0,
) -> ProbeOutcome:
    """Run `script` with this interpreter in a child process, killed after `timeout` s."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            errors="replace",
            env=dict(env) if env is not None else None,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return ProbeOutcome(None, _text(exc.stdout), _text(exc.stderr))
    except OSError as exc:
        return ProbeOutcome(-1, "", str(exc))
    return ProbeOutcome(done.returncode, done.stdout, done.stderr)


def _text(value: str | bytes | None) -> str:
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    return value or ""


# --- shared libraries -----------------------------------------------------------------

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_SO_NAME = re.compile(r"(lib[\w+.-]+\.so(?:\.\d+)*)")


def missing_libraries(shared_object: Path) -> list[str]:
    """The libraries `ldd` cannot find for `shared_object` ([] when ldd is absent)."""
    ldd = shutil.which("ldd")
    if ldd is None or not shared_object.is_file():
        return []
    try:
        out = subprocess.run(
            [ldd, str(shared_object)], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return sorted(set(_NOT_FOUND.findall(out)))


def libraries_named_in(text: str) -> list[str]:
    """Shared library names mentioned in an error message."""
    return sorted(set(_SO_NAME.findall(text)))


def package_for(library: str) -> str | None:
    return LIB_PACKAGES.get(library)


def install_fix(libraries: Iterable[str]) -> str:
    """'sudo apt install a b' for the libraries we know; the rest named as they are."""
    libs = sorted(set(libraries))
    packages = sorted({p for lib in libs if (p := package_for(lib))})
    unknown = [lib for lib in libs if package_for(lib) is None]
    parts = []
    if packages:
        parts.append("sudo apt install " + " ".join(packages))
    if unknown:
        parts.append("install the package that provides " + ", ".join(unknown))
    return "; ".join(parts)


# --- environment ----------------------------------------------------------------------


def sound_server_socket(env: Mapping[str, str] | None = None) -> Path | None:
    """A PulseAudio / PipeWire socket for this user, if one exists."""
    env = os.environ if env is None else env
    if env.get("PULSE_SERVER"):
        return Path(env["PULSE_SERVER"].removeprefix("unix:"))
    runtime = env.get("XDG_RUNTIME_DIR")
    if not runtime:
        return None
    for name in ("pulse/native", "pipewire-0"):
        candidate = Path(runtime) / name
        if candidate.exists():
            return candidate
    return None


# --- data folder, history, routines ---------------------------------------------------


def check_data_folder(data_dir: Path) -> Check:
    name = "Data folder"
    fix_other = "choose another folder with --data-dir DIR or BACKCOACH_DATA_DIR"
    try:  # os.stat, not Path.exists: that raises PermissionError under a folder of mode 000
        if not stat.S_ISDIR(os.stat(data_dir).st_mode):
            return Check(name, "problem", f"{data_dir} exists but is not a folder.", fix_other)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:
        return Check(
            name, "problem", f"{data_dir} cannot be reached ({exc.strerror or exc}).", fix_other
        )
    if not os.path.isdir(data_dir):
        parent = next((p for p in data_dir.parents if os.path.exists(p)), None)
        if parent is not None and os.access(parent, os.W_OK | os.X_OK):
            return Check(name, "ok", f"{data_dir} will be created on first use.")
        return Check(
            name,
            "problem",
            f"{data_dir} does not exist and cannot be created ({parent} is not writable).",
            fix_other,
        )
    try:
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check(
            name,
            "problem",
            f"{data_dir} is not writable ({exc.strerror or exc}).",
            f"make it writable (chmod u+w {data_dir}) or {fix_other}",
        )
    return Check(name, "ok", f"{data_dir} is writable.")


def check_privacy(data_dir: Path) -> Check:
    """Can other people on this computer read the data folder or backcoach's files in it?"""
    name = "Privacy"
    try:
        exists = data_dir.is_dir()
    except OSError:
        exists = False
    if not exists:
        return Check(name, "ok", f"{data_dir} will be created readable only by you.")
    loose = loose_paths(data_dir)
    if loose:
        shown = ", ".join(f"{path} (mode {mode:04o})" for path, mode in loose[:3])
        more = f" and {len(loose) - 3} more" if len(loose) > 3 else ""
        return Check(
            name,
            "warning",
            f"other people on this computer can read {shown}{more}.",
            f"start backcoach, which makes them private, or run: chmod -R go-rwx {data_dir}",
            needed=False,
        )
    since = tightened_on(data_dir)
    made = f" (backcoach made them private on {since[:10]})" if since else ""
    return Check(name, "ok", f"{data_dir} and its files can be read only by you{made}.")


def check_history(db_path: Path) -> Check:
    """PRAGMA integrity_check on the history, opened read-only; a missing file is fine."""
    name = "History"
    folder = db_path.parent
    if os.path.exists(folder) and not os.path.isdir(folder):
        return Check(
            name,
            "problem",
            f"the data folder {folder} is a file, so no history can be kept.",
            "move that file away, or choose another data folder (--data-dir)",
        )
    try:  # os.stat, not Path.exists: that raises PermissionError under a folder of mode 000
        os.stat(db_path)
    except (FileNotFoundError, NotADirectoryError):
        return Check(name, "ok", f"no history yet ({db_path} will be created).")
    except OSError as exc:
        return Check(
            name,
            "problem",
            f"{db_path} cannot be reached ({exc.strerror or exc}).",
            f"give yourself access to {folder} (chmod u+rwx), or choose another data folder",
        )
    if not os.path.isfile(db_path):
        return Check(
            name,
            "problem",
            f"{db_path} is not a file.",
            "move it away, or choose another data folder (--data-dir)",
        )
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            sessions = _count_sessions(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return _damaged(db_path, str(exc))
    results = [str(r[0]) for r in rows]
    if results != ["ok"]:
        return _damaged(db_path, "; ".join(results[:3]))
    suffix = f", {sessions} session(s)" if sessions is not None else ""
    return Check(name, "ok", f"{db_path} is healthy (integrity_check ok{suffix}).")


def _count_sessions(conn: sqlite3.Connection) -> int | None:
    try:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.Error:
        return None


def _damaged(db_path: Path, detail: str) -> Check:
    return Check(
        "History",
        "problem",
        f"{db_path} is damaged ({detail}).",
        "start backcoach: it moves the damaged file aside (keeping it) and starts a new "
        "history; then 'backcoach import' an export to bring old sessions back",
        needed=False,  # the app recovers by itself; sessions still run and are logged
    )


def check_routine_folders(dirs: Sequence[Path], required: Sequence[Path] = ()) -> list[Check]:
    """Every routine folder readable and every file in it valid; `required` must exist."""
    try:
        from backcoach.core.library import scan_folders
    except ImportError as exc:  # the library module is missing from this install
        return [Check("Routines", "problem", f"cannot load the routine library ({exc}).")]
    checks: list[Check] = []
    for folder in required:
        if not os.path.isdir(folder):
            checks.append(
                Check(
                    "Routines",
                    "problem",
                    f"{folder} is not a folder.",
                    "pass an existing folder to --routines",
                )
            )
    entries = scan_folders([d for d in dirs if os.path.isdir(d)])
    routines = [e for e in entries if e.routine is not None]
    bad = [e for e in entries if e.problems]
    for entry in bad:
        first = entry.problems[0]
        more = f" (and {len(entry.problems) - 1} more)" if len(entry.problems) > 1 else ""
        checks.append(
            Check(
                "Routines",
                "problem",
                f"{first}{more}",
                f"correct the file; 'backcoach check {entry.path}' lists every mistake",
            )
        )
    if not routines:
        checks.append(
            Check(
                "Routines",
                "problem",
                "no valid routine found in " + ", ".join(str(d) for d in dirs),
                "reinstall backcoach, or add a routine folder with --routines DIR",
            )
        )
    elif not bad:
        folders = sum(1 for d in dirs if os.path.isdir(d))
        checks.append(
            Check(
                "Routines", "ok", f"{len(routines)} routine(s) in {folders} folder(s), all valid."
            )
        )
    return checks
