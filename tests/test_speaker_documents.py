"""Documents as sources: who wrote a report, review or letter, as the article says it. Each article is
written for its test; the ``resolve`` fixture is in ``conftest.py``."""

from __future__ import annotations

from conftest import source_rows


def test_the_report_points_back_to_an_audit_and_takes_its_issuer(resolve):
    text = (
        "BOGOTA, Colombia (AP) — An audit released by the Comptroller's Office found that 11 stations were "
        "behind schedule.\n\n"
        "Mayor Andrés Felipe Quintero Salcedo said the city accepted some of the findings.\n\n"
        'The report said the delays "put at risk" the opening date.'
    )
    assert source_rows(resolve(text))[-1] == ("The report", "Comptroller's Office", "document")


def test_whoever_obtained_or_commissioned_a_document_did_not_write_it(resolve):
    text = (
        "EDMONTON — Alberta will not sign the federal pharmacare deal, its health minister says.\n\n"
        "A letter obtained by The Globe and Mail says the province wants to keep its own drug plan.\n\n"
        "A review commissioned by the Calder Valley Health Trust found that nurses had warned of delays."
    )
    documents = [(mention, name) for mention, name, kind in source_rows(resolve(text)) if kind == "document"]
    assert documents == [
        ("A letter", None),
        ("A review", None),
    ]
