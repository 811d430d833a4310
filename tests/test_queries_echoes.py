"""The stored claim echoes (``claim_echoes``, written by ``update_speakers``) equal what
``queries.claim_echoes`` finds per page, for each reason: same speaker and similar wording, same
text, same quantity about the same thing."""

from __future__ import annotations

import re

import pytest

from presslens import queries
from presslens.corpus import update_speakers
from presslens.schema import Analysis, Article, Claim, Quantity
from presslens.store import Store, connect

# (outlet, day, claim text, claim speaker, quantity (value, unit, measures) or None)
CLAIMS = [
    ("Bay News", "2024-03-01", "The new ferry line will carry nine thousand riders a day", "Ann Cole", None),
    ("Hill Post", "2024-03-02", "The ferry line will carry nine thousand riders every day", "Ann Cole", None),
    ("Sun Daily", "2024-03-03", "The ferry line will carry nine thousand riders a day", "Tim Brandt", None),
    ("Bay News", "2024-03-04", "Ann Cole cut school meals spending last winter", "Ann Cole", None),
    (
        "Hill Post",
        "2024-03-05",
        "School meals cost 40 percent more than in 2020",
        None,
        (40.0, "percent", "school meals"),
    ),
    (
        "Sun Daily",
        "2024-03-06",
        "Bus fares rose by 40 percent this year",
        None,
        (40.0, "percent", "bus fares"),
    ),
    (
        "Bay News",
        "2024-03-07",
        "Meals for schools rose 40 percent",
        "Tim Brandt",
        (40.0, "percent", "school meals"),
    ),
    ("Sun Daily", "2024-03-08", "The ferry line will carry nine thousand riders a day", None, None),
]


def _analysis(n: int, outlet: str, day: str, claim: str, speaker: str | None, qty) -> Analysis:
    text = f"Story {n}. {claim}."
    start = text.index(claim)
    analysis = Analysis(
        Article(text=text, outlet=outlet, published=day, title=f"Story {n}"),
        [],
        claims=[Claim(start, start + len(claim), claim, 0.9, [0] if qty else [], speaker)],
    )
    if qty:
        value, unit, measures = qty
        k = text.index(f"{int(value)} ")
        analysis.quantities = [
            Quantity(
                f"{int(value)} {unit}",
                "=",
                value,
                unit,
                measures,
                k,
                k + len(f"{int(value)} {unit}"),
                claim=0,
            )
        ]
    return analysis


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("echoes") / "news.duckdb"
    with Store(path) as store:
        store.write([_analysis(n, *row) for n, row in enumerate(CLAIMS)], [])
        update_speakers(store.con)
    con = connect(path, read_only=True)
    yield con
    con.close()


def _keys(con) -> dict[str, tuple[str, int]]:
    rows = con.execute(
        "SELECT c.text, c.article_id, c.idx FROM claims c JOIN articles a ON a.id = c.article_id "
        "ORDER BY a.published"
    ).fetchall()
    return {f"{i}": (a, idx) for i, (_, a, idx) in enumerate(rows)}


def test_stored_echoes_equal_the_live_query_for_each_claim_and_page(con):
    keys = list(_keys(con).values())
    assert len(keys) == len(CLAIMS)
    for key in keys:
        assert queries.stored_claim_echoes(con, [key]) == queries.records(queries.claim_echoes(con, [key]))
    page = queries.stored_claim_echoes(con, keys)
    assert page == queries.records(queries.claim_echoes(con, keys))
    assert {reason for r in page for reason in r["reasons"]} == {"quantity", "speaker", "text"}
    assert queries.stored_claim_echoes(con, keys, limit=3) == page[:3]


def test_stored_echoes_find_each_reason(con):
    k = _keys(con)

    def found(n: str) -> dict[str, list[str]]:
        return {r["text"]: r["reasons"] for r in queries.stored_claim_echoes(con, [k[n]])}

    # the same speaker rewording it; the same words by another speaker are not the same claim
    assert found("0") == {"The ferry line will carry nine thousand riders every day": ["speaker"]}
    # the same text, whoever says it
    assert found("2") == {"The ferry line will carry nine thousand riders a day": ["text"]}
    assert found("3") == {}, "the same speaker, other words"
    # 40 percent about school meals (a shared word), not about bus fares
    assert found("4") == {"Meals for schools rose 40 percent": ["quantity"]}
    assert found("5") == {}


def test_stored_echoes_of_a_text_reprinted_by_many_articles(tmp_path):
    """A text reprinted by more articles than a claim shows (10), some twice in one article, some
    undated: each claim's stored echoes are still its earliest reprints in other articles."""
    text = "Unemployment fell to 4 percent in May"
    analyses = []
    for n in range(16):
        body = f"Report {n}. {text}." + (f" Again: {text}." if n in (0, 3, 9) else "")
        claims = [
            Claim(m.start(), m.start() + len(text), text, 0.8) for m in re.finditer(re.escape(text), body)
        ]
        published = None if n in (2, 12) else f"2024-05-{28 - n:02d}"
        analyses.append(
            Analysis(Article(text=body, outlet=f"Outlet {n % 5}", published=published), [], claims=claims)
        )
    path = tmp_path / "news.duckdb"
    with Store(path) as store:
        store.write(analyses, [])
        update_speakers(store.con)
        keys = store.con.execute("SELECT article_id, idx FROM claims").fetchall()
        assert len(keys) == 19
        for key in keys:
            stored = queries.stored_claim_echoes(store.con, [key])
            assert len(stored) == queries.ECHO_PER_CLAIM
            assert stored == queries.records(queries.claim_echoes(store.con, [key])), key
