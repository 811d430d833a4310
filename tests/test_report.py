"""The text report: the Numbers section lists the article's quantities; claims show theirs by index."""

from __future__ import annotations

from rich.console import Console

from presslens.report import describe_quantity, render_report
from presslens.schema import Analysis, Article, Claim, Quantity


def _analysis() -> Analysis:
    text = "Rents rose 12 percent. About 40 to 55 families left, [red]not markup[/red]."
    analysis = Analysis(Article(text=text, published="2024-05-01"))
    a = text.index("12 percent")
    b = text.index("About 40")
    analysis.quantities = [
        Quantity("12 percent", "=", 12.0, "percent", "Rents", a, a + 10, claim=0),
        Quantity("About 40 to 55 families", "range", 40.0, "families", None, b, b + 24, value_high=55.0),
    ]
    analysis.claims = [Claim(0, a + 11, text[: a + 11], 0.9, [0])]
    return analysis


def test_describe_quantity():
    one, two = _analysis().quantities
    assert describe_quantity(one) == "12 percent (Rents)"
    assert describe_quantity(two) == "40 to 55 families"
    assert describe_quantity(Quantity("over 3", ">", 3.0, None)) == "> 3"


def test_report_lists_numbers_and_claim_quantities():
    out = Console(record=True, width=120, color_system=None)
    render_report(_analysis(), out)
    printed = out.export_text()
    assert "Numbers (first 2 of 2)" in printed
    assert "About 40 to 55 families  40 to 55 families" in printed
    claim_part = printed[printed.index("Rents rose 12 percent"):]
    assert "12 percent (Rents)" in claim_part


def test_a_claim_index_out_of_range_is_ignored():
    analysis = _analysis()
    analysis.claims[0].quantities = [7]
    out = Console(record=True, width=120, color_system=None)
    render_report(analysis, out)
    assert "Numbers" in out.export_text()
