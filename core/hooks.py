"""Hooks: how a lower app lets higher apps act without importing them.

The apps stand in layers (docs/architecture.md) and import only downwards. When a lower
app must let higher ones take part (a post was published, an account is closing, export a
member's data), it declares a `Hook` in its `hooks.py` and calls what is registered; each
higher app registers its functions in its `AppConfig.ready()`. Registration order is
INSTALLED_APPS order. There is no magic: `hook.items` lists every function it will call,
and docs/architecture.md names each hook and who registers in it.
"""

from __future__ import annotations

from collections.abc import Iterator


class Hook[T]:
    """An ordered list of functions (or objects) that higher apps register at start-up."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[T] = []

    def register(self, item: T) -> T:
        """Adds `item` (once: registering it again changes nothing); returns it, so it can
        decorate a function."""
        if item not in self._items:
            self._items.append(item)
        return item

    @property
    def items(self) -> tuple[T, ...]:
        return tuple(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(tuple(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._items)} registered>"
