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


def test_the_notice_points_back_to_the_notice_a_ministry_spoke_in(resolve):
    text = (
        "ADDIS ABABA, Ethiopia (AP) — Ethiopia reached a deal with holders of its only international bond on "
        "Monday.\n\n"
        "Investors would accept a loss of about 18% and receive a new bond maturing in 2032, the Ministry of "
        "Finance said in a notice published on the London Stock Exchange.\n\n"
        "The notice said the terms were consistent with the country's debt plan."
    )
    assert source_rows(resolve(text))[-1] == ("The notice", "Ministry of Finance", "document")


def test_a_notice_published_on_a_bodys_website_is_the_bodys(resolve):
    text = (
        "TORONTO — A small bank was fined $1.2 million on Tuesday by the Financial Consumer Agency of Canada.\n\n"
        "According to a notice of violation published on the FCAC's website, the bank used an outdated rate to "
        "calculate penalties."
    )
    assert source_rows(resolve(text)) == [
        ("a notice of violation published on the FCAC's website", "Financial Consumer Agency of Canada", "document")
    ]


def test_a_statement_signed_by_a_bodys_public_affairs_head_is_the_bodys(resolve):
    text = (
        "ACCRA, Dec. 3 (GNA) - Medical drones will fly over three more districts from January.\n\n"
        "A statement signed by Mr Kofi Mensah-Bonsu, Head of Public Affairs of the Ghana Civil Aviation Authority "
        "(GCAA), said the Authority had approved new flight corridors."
    )
    assert [(name, kind) for _, name, kind in source_rows(resolve(text))] == [
        ("Ghana Civil Aviation Authority", "document")
    ]


def test_a_study_by_researchers_at_a_centre_is_the_centres(resolve):
    text = (
        "KINGSTON, Jamaica (AP) — Deep-sea mining talks resumed on Monday.\n\n"
        "A study published on Wednesday by researchers at the GEOMAR Helmholtz Centre for Ocean Research found "
        "that plumes of sediment travelled further than expected."
    )
    assert source_rows(resolve(text)) == [("A study", "GEOMAR Helmholtz Centre for Ocean Research", "document")]


def test_a_statement_made_by_a_bodys_spokesperson_is_the_bodys(resolve):
    # "force spokesperson" names the body by the last word of its name
    text = (
        "ABUJA, Nigeria — Police raided the offices of a news website on Tuesday.\n\n"
        "The Nigeria Police Force said the operation was lawful. In a statement, force spokesperson Olumide "
        "Bakare said officers had acted on a petition.\n\n"
        "The statement said no journalist had been arrested."
    )
    assert source_rows(resolve(text))[-1] == ("The statement", "Nigeria Police Force", "document")
