"""YAML text as the hand-made files of a site write it, through PyYAML's safe dumper.

`yaml.safe_dump` itself writes a list that is a mapping's value flush left and folds long
strings at 80 columns; the files in `source/` indent lists by two and keep a value on one
line. This is the same safe dumper (no Python tags can be written) with those two habits,
plus one-line lists (`FlowList`) where the registries use them ("forms: [CALLS upon]").
"""

from __future__ import annotations

from typing import Any

import yaml


class FlowList(list[Any]):
    """A list written on one line: `[a, b]`."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Never indentless: "key:\n  - item", as in the hand-written front matter.
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    FlowList, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)


def dump(data: Any) -> str:
    """Block-style YAML, keys in the given order, Unicode as is, no line folding."""
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=float("inf")
    )
