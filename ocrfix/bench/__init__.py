"""Benchmarks: ``ocrfix bench NAME``. Figures are reported as ratios against a baseline
measured in the same run, never as absolute timings in unit tests.

Each benchmark is a module here exposing a click command named ``command``; it is listed
in :data:`BENCHMARKS` and imported only when run, so ``ocrfix --help`` stays fast and a
benchmark's heavy imports (Dask, pycorrector tables) never load during ``clean``.
"""

from __future__ import annotations

import importlib

import click

#: benchmark name -> module under ocrfix.bench that defines ``command``
BENCHMARKS: dict[str, str] = {
    "layout": "layout",
    "speed": "speed",
    "correct": "correct",
    "fuzz": "fuzz",
    "scan": "scan",
}


class _LazyGroup(click.Group):
    """A group whose sub-commands are imported on first use (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(BENCHMARKS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in BENCHMARKS:
            return None
        return importlib.import_module(f"{__name__}.{BENCHMARKS[name]}").command


@click.group(cls=_LazyGroup)
def bench() -> None:
    """Run a benchmark (layout quality, correction quality, speed, fuzz soak)."""
