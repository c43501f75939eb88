"""Write the shipped cue sounds: assets/sounds/{bell,chime,tick}.wav.

Standard library only (wave + math) and deterministic: the same bytes every
run, so the WAVs in git can be regenerated and compared. 44.1 kHz, 16-bit
mono, each normalised to a peak of -6 dBFS with short fades at both ends so
nothing clicks.

    python tools/make_sounds.py [OUT_DIR]
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

RATE = 44_100
PEAK_DBFS = -6.0

Partial = tuple[float, float, float]
"""(frequency Hz, relative amplitude, decay time constant s)."""


def _render(duration: float, voice: Callable[[float], float]) -> list[float]:
    n = round(duration * RATE)
    return [voice(i / RATE) for i in range(n)]


def _partials(t: float, partials: Sequence[Partial]) -> float:
    return sum(a * math.exp(-t / tau) * math.sin(2 * math.pi * f * t) for f, a, tau in partials)


def _fade(samples: list[float], fade_in: float, fade_out: float) -> list[float]:
    """Raised-cosine fades: no step at either end, so no click."""
    n_in, n_out, n = round(fade_in * RATE), round(fade_out * RATE), len(samples)
    out = list(samples)
    for i in range(min(n_in, n)):
        out[i] *= 0.5 - 0.5 * math.cos(math.pi * i / n_in)
    for i in range(min(n_out, n)):
        out[n - 1 - i] *= 0.5 - 0.5 * math.cos(math.pi * i / n_out)
    return out


def _normalise(samples: list[float], peak_dbfs: float = PEAK_DBFS) -> list[float]:
    peak = max(abs(s) for s in samples) or 1.0
    gain = 10 ** (peak_dbfs / 20) / peak
    return [s * gain for s in samples]


def bell() -> list[float]:
    """A soft bell: inharmonic partials (roughly a small handbell's ratios), higher ones dying first."""
    f0 = 587.33  # D5: bright enough to hear across a room, not shrill
    partials: list[Partial] = [
        (f0 * 0.5, 0.25, 0.55),  # hum tone
        (f0, 1.0, 0.45),
        (f0 * 1.19, 0.35, 0.32),  # minor third: the bell colour
        (f0 * 2.0, 0.30, 0.22),
        (f0 * 2.76, 0.18, 0.14),
        (f0 * 5.40, 0.06, 0.06),
    ]
    return _fade(_render(1.2, lambda t: _partials(t, partials)), 0.004, 0.25)


def chime() -> list[float]:
    """Two gentle ascending tones (G5 then C6, a fourth up), the second overlapping the first's tail."""

    def tone(f: float) -> list[Partial]:
        return [(f, 1.0, 0.22), (f * 2.0, 0.18, 0.12), (f * 3.0, 0.05, 0.08)]

    first, second, gap = tone(783.99), tone(1046.50), 0.22

    def voice(t: float) -> float:
        v = _partials(t, first)
        if t >= gap:
            # a 10 ms raised-cosine ramp so the second tone does not start with a click
            ramp = 0.5 - 0.5 * math.cos(math.pi * min(1.0, (t - gap) / 0.010))
            v += ramp * _partials(t - gap, second)
        return v

    return _fade(_render(0.8, voice), 0.004, 0.15)


def tick() -> list[float]:
    """A short soft wood-block click: two damped resonances, about 60 ms."""
    partials: list[Partial] = [(1250.0, 1.0, 0.010), (2110.0, 0.45, 0.006), (3400.0, 0.15, 0.003)]
    return _fade(_render(0.06, lambda t: _partials(t, partials)), 0.001, 0.02)


SOUNDS: dict[str, Callable[[], list[float]]] = {"bell": bell, "chime": chime, "tick": tick}


def write_wav(path: Path, samples: Sequence[float]) -> None:
    frames = b"".join(struct.pack("<h", max(-32768, min(32767, round(s * 32767)))) for s in samples)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)


def main(argv: Sequence[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "assets" / "sounds"
    out.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        path = out / f"{name}.wav"
        write_wav(path, _normalise(make()))
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
