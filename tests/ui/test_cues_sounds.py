"""The shipped cue sounds: the format the player expects, short, not too loud, no clicks."""

from __future__ import annotations

import importlib.util
import math
import struct
import wave
from pathlib import Path
from types import ModuleType

import pytest

LENGTHS = {"bell": (0.8, 1.5), "chime": (0.5, 1.0), "tick": (0.03, 0.1)}


def read(path: Path) -> tuple[wave._wave_params, list[int]]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        data = w.readframes(w.getnframes())
    return params, list(struct.unpack(f"<{len(data) // 2}h", data))


def load_generator(repo: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sounds", repo / "tools" / "make_sounds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(LENGTHS))
def test_shipped_sound_is_short_soft_and_clean(repo: Path, name: str) -> None:
    params, samples = read(repo / "assets" / "sounds" / f"{name}.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44_100)
    low, high = LENGTHS[name]
    assert low <= params.nframes / params.framerate <= high
    peak_dbfs = 20 * math.log10(max(abs(s) for s in samples) / 32768)
    assert -7.0 <= peak_dbfs <= -5.0
    # faded in and out: the ends are (near) silent, so no click
    assert max(abs(s) for s in samples[:3]) < 100
    assert max(abs(s) for s in samples[-20:]) < 100


def test_generator_is_deterministic_and_matches_the_shipped_files(
    repo: Path, tmp_path: Path
) -> None:
    generator = load_generator(repo)
    assert generator.main([str(tmp_path)]) == 0
    for name in LENGTHS:
        made = (tmp_path / f"{name}.wav").read_bytes()
        assert made == (repo / "assets" / "sounds" / f"{name}.wav").read_bytes(), name
