"""What the last build read and generated, taken again when its inputs are the same.

Under `mkdocs serve` a save changes one document of a collection, and the site is read and
generated again from the start: every other document would be read, linked, and its pages and
data generated, exactly as before. A `Reuse` handed to `build_collection`, `all_pages` and
`site_data` keeps each such result with the inputs it was made from, and gives it back while
they stay the same. `mkdocs build` passes none: it makes everything, once.

Inputs are compared by identity first, then by equality: a result taken again is the very
object the last build made, so what is made from it (an edition's pages from the edition)
is found again by identity, at the cost of a pointer comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Whether inputs `a` and `b` are the same: each the same object, or equal (a tuple's
    comparison tries identity first, element by element)."""
    return a == b


class Reuse:
    """Results of the last good build and of this one, by name, each with its inputs."""

    def __init__(self) -> None:
        self._last: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self._now: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self.taken = 0
        """How many results this build took from the last one."""

    def get(self, name: Hashable, inputs: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The result called `name`: the last good build's, if made from the same `inputs`;
        else `make()`'s. `make` returning None (a mistake) is not remembered."""
        last = self._last.get(name)
        if last is not None and same(last[0], inputs):
            value: T = last[1]
            self.taken += 1
        else:
            value = make()
        if value is not None:
            self._now[name] = (inputs, value)
        return value

    def kept(self, name: Hashable, inputs: tuple[Any, ...]) -> dict[Hashable, Any]:
        """A dict that lives while `inputs` stay the same: for many small results made from
        the same inputs (a document's parts of every register page), one lookup each."""
        now = self._now.get(name)
        if now is not None and now[0] == inputs:
            kept: dict[Hashable, Any] = now[1]
            return kept
        return self.get(name, inputs, dict)

    def start(self) -> None:
        """A new build: forget what a build that did not succeed made."""
        self._now = {}
        self.taken = 0

    def succeeded(self) -> None:
        """This build succeeded: the next one takes from it (and from nothing older)."""
        self._last, self._now = self._now, {}


def reused(reuse: Reuse | None, name: Hashable, inputs: tuple[Any, ...], make: Callable[[], T]) -> T:
    """`reuse.get(name, inputs, make)`, or `make()` without a `Reuse`."""
    return make() if reuse is None else reuse.get(name, inputs, make)
