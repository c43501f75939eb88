"""Nesting deeper than 100 levels gets our own message, whatever PyYAML says.

PyYAML 6.0.4's libyaml refuses 1,000 levels in its own words, before the old
check ran; 6.0.1-6.0.3 refuse nothing. The message must not depend on the
parser's wording, so the samples run here with the installed PyYAML (libyaml
and the pure-Python parser), and in a separate interpreter with each PyYAML
release from 6.0.1 to 6.0.4 (installed by uv into a throwaway environment).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import backcoach
from backcoach.core.checks import yaml_nodes

TOO_DEEP = "nested more than 100 levels deep; a routine needs only a few"

SAMPLES: dict[str, str] = {
    "flow-101-closed": "[" * 101 + "]" * 101,
    "flow-150-closed": "[" * 150 + "]" * 150,
    "flow-999-unclosed": "[" * 999,
    "flow-3000-unclosed": "[" * 3000,
    "block-dashes-1500": "- " * 1500 + "x",
    "block-keys-1200": "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1200)),
    "in-a-routine": "backcoach: 1\ntitle: T\nsteps:\n  - exercise: " + "{a: " * 120 + "x",
}
SHALLOW = {
    "flow-100": "[" * 100 + "]" * 100,
    "self-alias": "a: &a [1, [2]]\nb: [*a, *a]\n",
}

SCRIPT = """
import json, sys
from backcoach.core.checks import yaml_nodes
samples = json.loads(sys.stdin.read())
out = {}
loaders = {"pure": yaml_nodes.PureLoader}
if yaml_nodes._Loader is not yaml_nodes.PureLoader:
    loaders["libyaml"] = yaml_nodes._Loader
for name, loader in loaders.items():
    yaml_nodes._Loader = loader
    for key, text in samples.items():
        problems = yaml_nodes.parse_bytes(text.encode(), "f").problems
        out[name + ":" + key] = [[p.line, p.col, p.message] for p in problems]
import yaml
print(json.dumps({"version": yaml.__version__, "results": out}))
"""


def _loaders() -> list[type[yaml_nodes.PureLoader]]:
    found = [yaml_nodes.PureLoader]
    if yaml_nodes._Loader is not yaml_nodes.PureLoader:
        found.append(yaml_nodes._Loader)
    return found


@pytest.mark.parametrize("loader", _loaders(), ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_deep_nesting_gets_our_message(
    name: str, loader: type[yaml_nodes.PureLoader], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_nodes, "_Loader", loader)
    problems = yaml_nodes.parse_bytes(SAMPLES[name].encode(), "f").problems
    assert [p.message for p in problems] == [TOO_DEEP]


@pytest.mark.parametrize("loader", _loaders(), ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", sorted(SHALLOW))
def test_nesting_up_to_the_limit_is_fine(
    name: str, loader: type[yaml_nodes.PureLoader], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_nodes, "_Loader", loader)
    parsed = yaml_nodes.parse_bytes(SHALLOW[name].encode(), "f")
    assert parsed.problems == []
    assert parsed.root is not None


def test_the_position_is_where_level_101_starts() -> None:
    text = "a:\n  b: " + "[" * 101 + "]" * 101 + "\n"
    (problem,) = yaml_nodes.parse_bytes(text.encode(), "f").problems
    # The top mapping is level 1 and `a`'s mapping level 2, so the first
    # bracket (column 6) is level 3 and level 101 is the 99th bracket.
    assert (problem.line, problem.col) == (2, 6 + 98)


PYYAML_RELEASES = ["6.0.1", "6.0.2", "6.0.3", "6.0.4"]


def _uv() -> str | None:
    beside = Path(sys.executable).parent / "uv"
    return str(beside) if beside.exists() else shutil.which("uv")


@pytest.mark.slow
@pytest.mark.parametrize("release", PYYAML_RELEASES)
def test_every_pyyaml_release_gives_our_message(release: str, tmp_path: Path) -> None:
    if release == "6.0.1" and sys.version_info >= (3, 13):
        pytest.skip("PyYAML 6.0.1 has no wheel for Python 3.13")
    uv = _uv()
    if uv is None:
        pytest.skip("uv is not installed (it comes with `make test`)")
    src = Path(backcoach.__file__).resolve().parents[1]
    env_dir = tmp_path / "venv"
    subprocess.run(
        [uv, "venv", "-q", "--python", sys.executable, str(env_dir)], check=True, timeout=120
    )
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            uv,
            "pip",
            "install",
            "-q",
            "--python",
            str(python),
            "--only-binary",
            ":all:",
            f"PyYAML=={release}",
        ],
        check=True,
        timeout=300,
    )
    samples = {**SAMPLES, **SHALLOW}
    done = subprocess.run(
        [str(python), "-c", SCRIPT],
        input=json.dumps(samples),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )
    report = json.loads(done.stdout)
    assert report["version"] == release
    results = report["results"]
    assert any(k.startswith("libyaml:") for k in results), "this release's wheel has libyaml"
    for key, problems in results.items():
        sample = key.split(":", 1)[1]
        expected = [] if sample in SHALLOW else [TOO_DEEP]
        assert [p[2] for p in problems] == expected, key
