"""The ``presslens`` command line: a thin layer over the Python API.

Each sub-module registers its commands on ``app``.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

app = typer.Typer(
    name="presslens",
    help="Who said what, about whom, when: attributions, claims, dates and framing in news articles.\n\n"
         "Options can also be set with PRESSLENS_* environment variables (a command-line option wins); "
         "`presslens settings` lists each one with its current value, default and help.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one clear error line and return the Exit to raise."""
    stderr.print(f"[bold red]presslens: error:[/] {message}", markup=True, highlight=False)
    return typer.Exit(code)


def main() -> None:
    """Entry point of the ``presslens`` script."""
    from presslens.cli import analyze, settings  # noqa: F401  (registers commands)

    for optional in ("corpus", "serve"):
        try:
            __import__(f"presslens.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"presslens.cli.{optional}":
                raise
    try:
        app()
    except KeyboardInterrupt:
        stderr.print("presslens: interrupted")
        sys.exit(130)
