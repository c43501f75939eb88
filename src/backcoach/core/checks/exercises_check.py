"""Checks for exercise definitions: their keys, names and images."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

from yaml.nodes import Node

from backcoach.core.checks.additions_check import AdditionChecks
from backcoach.core.checks.keys import EXERCISE_KEYS
from backcoach.core.checks.node_checks import Items
from backcoach.core.limits import MAX_EXERCISES, MAX_IMAGE_PATH
from backcoach.core.routine import Exercise

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
_DRIVE = re.compile(r"^[A-Za-z]:")


class ExerciseChecks(AdditionChecks):
    """`exercises:` (a routine's own, or a library's): id -> name, how, careful, images."""

    def exercises(self, top: Items) -> dict[str, Exercise]:
        out: dict[str, Exercise] = {}
        if "exercises" not in top:
            return out
        items = self.mapping(
            top["exercises"][1], "exercises", "a mapping of exercise id -> exercise"
        )
        if items is None:
            return out
        self.own_ids.update(items)
        if len(items) > MAX_EXERCISES:
            self.error(
                top["exercises"][1],
                "exercises",
                f"a file defines at most {MAX_EXERCISES} exercises; this one has "
                f"{len(items):,} (put them in several exercise libraries)",
            )
            return out
        for ex_id, (_, vnode) in items.items():
            exercise = self.exercise(ex_id, vnode, f"exercises.{ex_id}")
            if exercise is not None:
                out[ex_id] = exercise
        return out

    def exercise(self, ex_id: str, node: Node, path: str) -> Exercise | None:
        items = self.mapping(node, path, "an exercise (a mapping with name, how, image...)")
        if items is None:
            return None
        before = len(self.issues)
        self.unknown(items, EXERCISE_KEYS, path)
        name = self.optional_text(items, "name", path)
        if "name" not in items and "name" not in self.meant(items, EXERCISE_KEYS):
            self.error(node, path, "missing 'name': the exercise's name, spoken and shown")
        how = self.optional_text(items, "how", path) or ""
        careful = self.optional_text(items, "careful", path) or ""
        images: list[Path] = []
        if "image" in items and "images" in items:
            self.error(
                items["images"][0], path, "use either image (one) or images (a list), not both"
            )
        elif "image" in items:
            found = self.image(items["image"][1], f"{path}.image")
            images += [found] if found else []
        elif "images" in items:
            nodes = self.sequence(
                items["images"][1], f"{path}.images", "[images/bridge-0.jpg, images/bridge-1.jpg]"
            )
            if nodes is not None and not nodes:
                self.error(items["images"][1], f"{path}.images", "the list of images is empty")
            for i, inode in enumerate(nodes or []):
                found = self.image(inode, f"{path}.images[{i}]")
                images += [found] if found else []
        muscles: tuple[str, ...] = ()
        if "muscles" in items:
            muscles = self.words(items["muscles"][1], f"{path}.muscles", "[hamstrings]") or ()
        equipment, video, cautions = self.exercise_details(items, path)
        if len(self.issues) > before or name is None:
            return None
        return Exercise(
            ex_id, name, how, careful, tuple(images), muscles, equipment, video, cautions
        )

    def image(self, node: Node, path: str) -> Path | None:
        value = self.text(node, path, "an image path like images/bridge-0.jpg")
        if value is None:
            return None
        example = "write it relative to this file's folder, like images/bridge-0.jpg"
        if len(value) > MAX_IMAGE_PATH:
            self.error(
                node,
                path,
                f"the image path is {len(value):,} characters long; at most {MAX_IMAGE_PATH}",
            )
            return None
        if _DRIVE.match(value) or value.startswith(("/", "\\")) or PureWindowsPath(value).anchor:
            self.error(node, path, f"{value!r} is an absolute path; {example}")
            return None
        if _URL.match(value):
            self.error(node, path, f"{value!r} is a web address; images must be files, {example}")
            return None
        parts = re.split(r"[\\/]", value)
        if ".." in parts:
            self.error(
                node,
                path,
                f"{value!r} leaves this file's folder (..); put the image in this folder "
                "or below it",
            )
            return None
        if not value.lower().endswith(IMAGE_SUFFIXES):
            self.error(
                node,
                path,
                f"expected a PNG, JPEG or SVG image (.png, .jpg, .jpeg, .svg), got {value!r}",
            )
            return None
        relative = Path(*[p for p in parts if p not in ("", ".")])
        for base in (self.folder, self.assets):
            candidate = base / relative
            try:
                inside = candidate.is_file() and candidate.resolve().is_relative_to(base.resolve())
            except (OSError, RuntimeError):  # RuntimeError: a symlink loop (3.11, 3.12)
                inside = False
            if inside:
                return candidate.absolute()
        self.error(
            node,
            path,
            f"image {value!r} not found (looked in this file's folder and in the app's assets)",
        )
        return None
