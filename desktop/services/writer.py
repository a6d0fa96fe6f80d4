"""One writer for the store: store calls made on another thread (the network worker's sync) are
handed to the thread that does all the other writes, and their caller waits for the answer.

``OnWriter(target, run_on_writer)`` forwards every method call of ``target`` through
``run_on_writer(call)``; without a writer (the headless CLI, the tests of the services) the call
runs where it is made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
RunOnWriter = Callable[[Callable[[], Any]], Any]


def here(call: Callable[[], T]) -> T:
    """No writer thread: run the call where it is made."""
    return call()


class OnWriter:
    """A stand-in for ``target`` whose methods run on the writer; attributes read through."""

    def __init__(self, target: Any, run_on_writer: RunOnWriter = here):
        self._target = target
        self.run_on_writer = run_on_writer

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute

        def on_writer(*args: Any, **kwargs: Any) -> Any:
            return self.run_on_writer(lambda: attribute(*args, **kwargs))

        return on_writer
