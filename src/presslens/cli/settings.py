"""``presslens settings``: every environment variable presslens reads, its value now, default and help."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from presslens import settings
from presslens.cli import app, fail


@app.command("settings")
def show_settings(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array: name, type, value, source, default, "
                                                         "option, internal, help, error.")] = False,
    internal: Annotated[bool, typer.Option("--internal", help="Also list the variables `presslens serve` "
                                                              "sets for its own worker processes.")] = False,
) -> None:
    """List the environment variables presslens reads: current value, default, the option that overrides it, help.

    An option on the command line wins over its variable, which wins over the default. Exits 1 when
    a variable holds a value presslens cannot use (each named on stderr).
    """
    rows = [row for row in settings.current() if internal or not row["internal"]]
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_listing(rows)
    errors = [row["error"] for row in rows if row["error"]]
    for error in errors[:-1]:
        fail(error)
    if errors:
        raise fail(errors[-1])


def _print_listing(rows: list[dict]) -> None:
    """One block per setting: the variable and its value, then where it comes from, then the help."""
    out = Console(highlight=False, soft_wrap=True)
    for row in rows:
        value = f"[red]{escape(row['value'])}[/] (invalid)" if row["error"] else escape(row["value"]) or "(none)"
        origin = "; set in the environment" if row["source"] == "environment" else ""
        option = f"; option {row['option']} wins" if row["option"] else ""
        out.print(f"[bold]{row['name']}[/] = {value}")
        out.print(f"    {row['type']}; default {escape(row['default']) or '(none)'}{option}{origin}")
        out.print(f"    {escape(row['help'])}")
