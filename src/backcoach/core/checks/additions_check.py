"""Checks for the keys added to format 1: `urgent`, exercise details and `sides: alternate`.

(`stages` has its own module, `stages_check`.) Each check is a small method the
existing checks call where the key lives, so the messages keep the format's
style: `FILE:LINE:COL: path.to.value: message`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from yaml.nodes import Node, ScalarNode

from backcoach.core.checks.node_checks import Items, NodeReader, show_value
from backcoach.core.checks.yaml_nodes import BOOL, scalar_tag

VIDEO_EXAMPLE = "https://example.org/bird-dog"
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
"""An IETF (BCP 47) language tag as routine files use them: en, es, pt-BR, zh-Hant."""
MAX_URL = 2000
_SPACE = re.compile(r"\s")


class AdditionChecks(NodeReader):
    """`urgent` on a question, `equipment`/`video`/`cautions` on an exercise,
    and what `sides: alternate` cannot go with."""

    def flag(self, node: Node, path: str) -> bool | None:
        """true or false (written plainly; 'yes' and 'on' are text here, as elsewhere)."""
        scalar = self.scalar(node, path, "true or false")
        if scalar is None:
            return None
        value = str(scalar.value)
        if scalar_tag(scalar) == BOOL and value.lower() in ("true", "false"):
            return value.lower() == "true"
        self.error(node, path, f"expected true or false, got {show_value(node)}")
        return None

    def urgent(self, items: Items, path: str, if_yes: str | None) -> bool:
        """`urgent: true` marks a stop question's advice as "get medical help now"."""
        if "urgent" not in items:
            return False
        knode, vnode = items["urgent"]
        value = self.flag(vnode, f"{path}.urgent")
        if if_yes is not None and if_yes != "stop":
            self.error(
                knode,
                path,
                f"'urgent' goes only with if_yes: stop (advice that means get medical "
                f"help now); this question has if_yes: {if_yes}",
            )
            return False
        return bool(value)

    def video(self, node: Node, path: str) -> str:
        """One https:// address; the app never fetches it, the patient may open it."""
        value = self.text(node, path, f"a web address like {VIDEO_EXAMPLE}")
        if value is None:
            return ""
        parts = urlsplit(value) if not _SPACE.search(value) else None
        if parts is None or len(value) > MAX_URL:
            self.error(
                node, path, f"expected one web address like {VIDEO_EXAMPLE}, got {show_value(node)}"
            )
            return ""
        if parts.scheme.lower() != "https":
            self.error(
                node,
                path,
                f"expected an https:// address (like {VIDEO_EXAMPLE}), got {show_value(node)}",
            )
            return ""
        if not parts.hostname or parts.username is not None or parts.password is not None:
            self.error(
                node,
                path,
                f"expected an https:// address with a site name (like {VIDEO_EXAMPLE}), "
                f"got {show_value(node)}",
            )
            return ""
        return value

    def exercise_details(self, items: Items, path: str) -> tuple[tuple[str, ...], str, str]:
        """(equipment, video, cautions) of one exercise, each optional."""
        equipment: tuple[str, ...] = ()
        if "equipment" in items:
            equipment = self.words(items["equipment"][1], f"{path}.equipment", "[mat, strap]") or ()
        video = self.video(items["video"][1], f"{path}.video") if "video" in items else ""
        cautions = self.optional_text(items, "cautions", path) or ""
        return equipment, video, cautions

    def language(self, top: Items) -> str:
        """`language:` of the file's text, an IETF tag like en, es or pt-BR (default en)."""
        if "language" not in top:
            return "en"
        node = top["language"][1]
        value = self.text(node, "language", "a language tag like en, es or pt-BR")
        if value is None:
            return "en"
        if not LANGUAGE_RE.match(value):
            self.error(
                node,
                "language",
                f"expected a language tag like en, es or pt-BR, got {show_value(node)}",
            )
            return "en"
        return value

    def alternate_fits(self, items: Items, path: str) -> None:
        """`sides: alternate` alternates reps; a duration step has none."""
        sides = items.get("sides")
        if sides is None or not isinstance(sides[1], ScalarNode):
            return
        if sides[1].value == "alternate" and "duration" in items:
            self.error(
                sides[1],
                f"{path}.sides",
                "alternate changes side every rep; a duration step is one continuous "
                "period (use sides: each, or reps with hold or rep_time)",
            )
