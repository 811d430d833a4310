"""The ``presslens`` command line: a thin layer over the Python API.

Each sub-module registers its commands on ``app``.
"""

from __future__ import annotations

import sys
from importlib import metadata
from typing import Annotated

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
    context_settings={"help_option_names": ["-h", "--help"]},  # sub-commands inherit it
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def version_line() -> str:
    """``presslens X (spaCy Y, Python Z)``, read from the installed metadata (no heavy import)."""

    def installed(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    python = ".".join(str(part) for part in sys.version_info[:3])
    return f"presslens {installed('presslens')} (spaCy {installed('spacy')}, Python {python})"


def _show_version(value: bool) -> None:
    if value:
        print(version_line())
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            is_eager=True,
            callback=_show_version,
            help="Print the presslens, spaCy and Python versions and exit.",
        ),
    ] = False,
) -> None:
    """Who said what, about whom, when: attributions, claims, dates and framing in news articles."""


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one clear error line (``message`` as written, never read as markup) and return the Exit to raise."""
    from rich.markup import escape

    stderr.print(f"[bold red]presslens: error:[/] {escape(message)}", markup=True, highlight=False)
    return typer.Exit(code)


def main() -> None:
    """Entry point of the ``presslens`` script."""
    from presslens.cli import analyze, settings  # noqa: F401  (registers commands)

    for optional in ("ingest", "corpus", "serve"):
        try:
            __import__(f"presslens.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"presslens.cli.{optional}":
                raise
    try:
        app(prog_name="presslens")
    except KeyboardInterrupt:
        stderr.print("presslens: interrupted")
        sys.exit(130)
