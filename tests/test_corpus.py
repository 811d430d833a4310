"""Cross-article work: speaker identity across the corpus, and quote variants across outlets."""

from __future__ import annotations

import random
import time

import pytest

from presslens.corpus import (
    Corpus,
    VariantSettings,
    find_variants,
    group_quotes,
    parse_person,
    speakers_outdated,
    update_speakers,
    word_diff,
)
from presslens.schema import Analysis, Article, Attribution, Entity, Source, Span
from presslens.store import Store


def story(
    quotes: list[tuple[str, str]],
    *,
    people: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    outlet: str = "Daily Planet",
    published: str = "2017-09-25",
    kind: str = "person",
) -> Analysis:
    """An article quoting (source name, statement) pairs and mentioning ``people`` and ``places`` as entities."""
    text = ""
    spans = []
    for name, quote in quotes:
        start = len(text) + 1
        text += f'"{quote}," {name} said. '
        spans.append((start, start + len(quote), name))
    mentions = []
    for name in people + places:
        mentions.append((len(text) + 5, name))
        text += f"Also {name} was there. "
    attributions = []
    for start, end, name in spans:
        m = text.index(name, end)
        attributions.append(
            Attribution(
                "direct",
                Span.of(text, start, end),
                Span.of(text, m + len(name) + 1, m + len(name) + 5),
                Source(name, kind, Span.of(text, m, m + len(name))),
            )
        )
    entities = [
        Entity(
            f"e{i}",
            name,
            "person" if name in people else "place",
            [name],
            [Span.of(text, pos, pos + len(name))],
        )
        for i, (pos, name) in enumerate(mentions)
    ]
    return Analysis(
        Article(text=text, outlet=outlet, published=published, origin="test"), attributions, entities
    )


def build(tmp_path, analyses: list[Analysis]) -> Store:
    store = Store(tmp_path / "news.duckdb")
    store.write(analyses)
    update_speakers(store.con)
    return store


def speaker_of(store: Store, source_name: str, article: Analysis) -> str | None:
    return store.con.execute(
        "SELECT speaker_id FROM attributions WHERE article_id = ? AND source_name = ?",
        [article.article.id, source_name],
    ).fetchone()[0]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("written", "key", "full"),
    [
        ("Angela Merkel", "angela merkel", True),
        ("Angela D. Merkel", "angela merkel", True),
        ("German Chancellor Angela Merkel", "angela merkel", True),
        ("Chancellor Merkel", "merkel", False),
        ("Merkel's", "merkel", False),
        ("Sen. Elizabeth Warren (D-Mass.)", "elizabeth warren", True),
        ("Donald Trump Jr.", "donald trump jr", True),
        ("Rep. Steve King", "steve king", True),
        ("Mayor Bill de Blasio", "bill de blasio", True),
        ("José Ángel Gurría", "jose gurria", True),
        # every title and title modifier of the extractors (lexicon.roles) is stripped
        ("Democratic strategist David Axelrod", "david axelrod", True),
        ("Clinton campaign manager Robby Mook", "robby mook", True),
        ("Majority Whip John Cornyn", "john cornyn", True),
        ("Star Norbert Leo Butz", "norbert butz", True),
        # except the title words that are also name words (lexicon.corpus.NAME_WORD_TITLES)
        ("Rep. Earl Blumenauer", "earl blumenauer", True),
        ("Chief Justice Earl Warren", "earl warren", True),
        ("Junior Seau", "junior seau", True),
    ],
)
def test_names_are_normalised(written, key, full):
    person = parse_person(written)
    assert person is not None and person.key == key and person.full is full


@pytest.mark.parametrize(
    "written",
    [
        "he",
        "they",
        "the president",
        "a spokesman for the campaign",
        "The White House",
        "Democrats",
        "Senate Republicans",
        "",
        None,
        # organisations (lexicon.roles.ORG_ROLE_NOUNS end them)
        "Heritage Foundation",
        "Quinnipiac University",
        "Federal Election Commission",
        # "New" is not a title: not "York", not "Mexico"
        "Sen. Chuck Schumer of New York",
        "Gov. Bill Richardson of New Mexico",
    ],
)
def test_descriptions_and_pronouns_are_not_names(written):
    assert parse_person(written) is None


# --------------------------------------------------------------------------- identity


def test_forms_of_one_name_become_one_speaker(tmp_path):
    articles = [
        story([("Angela Merkel", "We will manage this")], outlet="A"),
        story([("Angela D. Merkel", "Europe must act together now")], outlet="B"),
        story([("Chancellor Merkel", "The borders stay open")], outlet="C"),
        story([("Merkel", "There is no upper limit")], outlet="D"),
        story([("German Chancellor Angela Merkel", "Integration takes time")], outlet="E"),
    ]
    with build(tmp_path, articles) as store:
        ids = {speaker_of(store, a.attributions[0].source.name, a) for a in articles}
        assert ids == {"angela-merkel"}
        name, aliases, quotes, count = store.con.execute(
            "SELECT name, aliases, quotes, articles FROM speakers WHERE speaker_id = 'angela-merkel'"
        ).fetchone()
        assert name == "Angela Merkel" and quotes == 5 and count == 5
        assert {"Merkel", "Chancellor Merkel", "Angela D. Merkel", "German Chancellor Angela Merkel"} <= set(
            aliases
        )
        assert store.counts()["speakers"] == 1


def test_people_sharing_a_surname_stay_apart(tmp_path):
    hillary = story([("Hillary Clinton", "I will fight for you")], places=("State Department",))
    bill = story([("Bill Clinton", "She is the best change-maker")], places=("Arkansas",))
    with_bill = story([("Clinton", "I did a lot of work in Arkansas")], people=("Bill Clinton",))
    both = story([("Clinton", "The two of us disagree")], people=("Bill Clinton", "Hillary Clinton"))
    neither = story([("Clinton", "We need new ideas")])
    with build(tmp_path, [hillary, bill, with_bill, both, neither]) as store:
        assert speaker_of(store, "Hillary Clinton", hillary) == "hillary-clinton"
        assert speaker_of(store, "Bill Clinton", bill) == "bill-clinton"
        assert speaker_of(store, "Clinton", with_bill) == "bill-clinton"
        # Ambiguous in the article and across the corpus: not merged into either person.
        assert speaker_of(store, "Clinton", both) == "clinton"
        assert speaker_of(store, "Clinton", neither) == "clinton"


def test_a_bare_surname_joins_the_only_full_name_in_the_corpus(tmp_path):
    full = story([("Olaf Scholz", "We will not let anyone down")])
    bare = story([("Scholz", "The budget is sound")], outlet="Other")
    with build(tmp_path, [full, bare]) as store:
        assert speaker_of(store, "Scholz", bare) == "olaf-scholz"


def test_co_occurring_entities_decide_between_namesakes(tmp_path):
    articles = [
        story([("Hillary Clinton", f"Statement {i} on diplomacy")], places=("State Department", "Benghazi"))
        for i in range(3)
    ]
    articles += [
        story([("Bill Clinton", f"Statement {i} on Arkansas")], places=("Arkansas", "Little Rock"))
        for i in range(3)
    ]
    bare = story([("Clinton", "The embassy was protected")], places=("Benghazi",))
    with build(tmp_path, [*articles, bare]) as store:
        assert speaker_of(store, "Clinton", bare) == "hillary-clinton"


def test_titles_keep_namesakes_apart(tmp_path):
    articles = [
        story([("Senator Tim Kaine", "We are ready")]),
        story([("Mayor Ann Kaine", "The city is ready")]),
        story([("Senator Kaine", "Virginia is ready")]),
    ]
    with build(tmp_path, articles) as store:
        assert speaker_of(store, "Senator Kaine", articles[2]) == "tim-kaine"


def test_an_initial_joins_the_matching_first_name(tmp_path):
    full = story([("Angela Merkel", "We will manage this")])
    other = story([("Horst Merkel", "I am not related")])
    initial = story([("A. Merkel", "Europe must act")])
    with build(tmp_path, [full, other, initial]) as store:
        assert speaker_of(store, "A. Merkel", initial) == "angela-merkel"


def test_organisations_and_pronouns(tmp_path):
    one = story([("The White House", "The report is false")], kind="organization")
    two = story([("White House", "No comment at this time")], kind="organization")
    three = story([("he", "I will not resign")], kind="unknown")
    four = story([("Police", "Two men were arrested")], kind="unknown")
    five = story([("the police", "The road is closed")], kind="group")
    with build(tmp_path, [one, two, three, four, five]) as store:
        assert speaker_of(store, "Police", four) == speaker_of(store, "the police", five) == "police"
        assert (
            speaker_of(store, "The White House", one)
            == speaker_of(store, "White House", two)
            == "white-house"
        )
        assert store.con.execute("SELECT kind FROM speakers WHERE speaker_id = 'white-house'").fetchone()[
            0
        ] == ("organization")
        assert speaker_of(store, "he", three) is None


def test_a_surname_tagged_as_an_organisation_still_joins_the_person(tmp_path):
    full = story([("Donald Trump", "We will win so much")])
    as_org = story([("Trump", "The polls are rigged")], kind="organization")
    company = story([("Acme Corp", "Profits rose")], kind="organization")
    with build(tmp_path, [full, as_org, company]) as store:
        assert speaker_of(store, "Trump", as_org) == "donald-trump"
        assert speaker_of(store, "Acme Corp", company) == "acme-corp"


def test_a_first_name_joins_the_one_person_in_the_article_with_it(tmp_path):
    article = story([("Hillary", "I am ready")], people=("Hillary Clinton",))
    with build(tmp_path, [article]) as store:
        assert speaker_of(store, "Hillary", article) == "hillary-clinton"


def test_an_unresolved_given_name_never_joins_another_articles_person(tmp_path):
    # "Aaron" is also a surname (Hank Aaron); a bare given name the article did not resolve stays apart
    full = story([("Hank Aaron", "The season was long")])
    bare = story([("Aaron", "Prices will recover")], outlet="Other")
    with build(tmp_path, [full, bare]) as store:
        assert speaker_of(store, "Aaron", bare) == "aaron"
        assert speaker_of(store, "Hank Aaron", full) == "hank-aaron"


def test_group_words_are_never_surnames(tmp_path):
    group = story([("Hill Democrats", "We oppose the bill")], people=("Hill Democrats",), kind="unknown")
    bare = story([("Democrats", "The bill is dead")], kind="unknown")
    with build(tmp_path, [group, bare]) as store:
        assert speaker_of(store, "Democrats", bare) == "democrats"
        assert store.con.execute("SELECT kind FROM speakers WHERE speaker_id = 'democrats'").fetchall() == [
            ("group",)
        ]


def test_speaker_ids_are_stable_across_recomputation_and_order(tmp_path):
    articles = [
        story([("Angela Merkel", "We will manage this")]),
        story([("Merkel", "No upper limit")]),
        story([("Olaf Scholz", "Whatever it takes")]),
    ]
    with build(tmp_path, articles) as store:
        first = store.con.execute("SELECT speaker_id, name, aliases FROM speakers ORDER BY 1").fetchall()
        update_speakers(store.con)
        assert (
            store.con.execute("SELECT speaker_id, name, aliases FROM speakers ORDER BY 1").fetchall() == first
        )
    other = tmp_path / "other"
    other.mkdir()
    with build(other, list(reversed(articles))) as store:
        assert (
            store.con.execute("SELECT speaker_id, name, aliases FROM speakers ORDER BY 1").fetchall() == first
        )


def test_recomputing_after_a_new_ingest_updates_old_articles(tmp_path):
    bare = story([("Merkel", "No upper limit")])
    with build(tmp_path, [bare]) as store:
        assert speaker_of(store, "Merkel", bare) == "merkel"
        assert not speakers_outdated(store.con)
        store.write([story([("Angela Merkel", "We will manage this")])])
        assert speakers_outdated(store.con)
        update_speakers(store.con)
        assert not speakers_outdated(store.con)
        assert speaker_of(store, "Merkel", bare) == "angela-merkel"
        assert [r[0] for r in store.con.execute("SELECT speaker_id FROM speakers").fetchall()] == [
            "angela-merkel"
        ]


# --------------------------------------------------------------------------- variants


def test_word_diff_marks_what_changed():
    diff = word_diff("We will manage this together", "We can manage this")
    assert diff == [
        ("equal", "We"),
        ("delete", "will"),
        ("insert", "can"),
        ("equal", "manage this"),
        ("delete", "together"),
    ]
    assert word_diff("Same words here.", "same words here") == [("equal", "same words here")]


def test_group_quotes_links_near_duplicates_only():
    texts = [
        "We have to show that Europe can act together on refugees",
        "We have to show Europe can act together on the refugees",
        "We must show that Europe can act together on refugees.",
        "The budget will be balanced by the end of next year",
        "We have to show that Europe can act together on refugees",  # same article as the first
    ]
    groups = group_quotes(texts, ["a1", "a2", "a3", "a4", "a1"])
    assert len(groups) == 1
    assert sorted(groups[0]) == [0, 1, 2, 4]


def test_a_shortened_quote_is_a_variant_of_the_full_one():
    texts = [
        "Nobody could have predicted the scale of the crisis we faced this summer in Europe",
        "the scale of the crisis we faced this summer in Europe",
    ]
    assert group_quotes(texts, ["a1", "a2"]) == [[0, 1]]


def test_variants_across_outlets(tmp_path):
    articles = [
        story(
            [("Angela Merkel", "We have achieved so much, we can do this")],
            outlet="Spiegel",
            published="2015-08-31",
        ),
        story(
            [("Merkel", "We have achieved so much and we can do this")],
            outlet="Reuters",
            published="2015-08-31",
        ),
        story(
            [("Angela Merkel", "We have achieved so much, we will manage this")],
            outlet="BBC",
            published="2015-09-01",
        ),
        story([("Angela Merkel", "The economy is in good shape this autumn")], outlet="BBC"),
        story([("Olaf Scholz", "We have achieved so much, we can do this")], outlet="Spiegel"),
    ]
    with build(tmp_path, articles) as store:
        groups = find_variants(store.con, speaker="Merkel")
        assert len(groups) == 1
        group = groups[0]
        assert group.speaker_id == "angela-merkel" and group.articles == 3 and group.outlets == 3
        assert {v.outlet for v in group.variants} == {"Spiegel", "Reuters", "BBC"}
        bbc = next(v for v in group.variants if v.outlet == "BBC")
        assert ("insert", "will manage") in bbc.diff
        # The other speaker's identical words are not mixed into Merkel's group.
        assert all(g.speaker_id != "olaf-scholz" for g in find_variants(store.con))
        assert group.as_dict()["variants"][0]["published"].startswith("2015-")


def test_variant_grouping_scales_with_blocking():
    rng = random.Random(7)
    vocabulary = [f"word{i}" for i in range(5000)]
    base = [" ".join(rng.choice(vocabulary) for _ in range(14)) for _ in range(10_000)]
    texts, articles = [], []
    for i, sentence in enumerate(base):
        texts.append(sentence)
        articles.append(f"a{i}")
        if i % 10 == 0:  # every tenth statement is reported again with one word changed
            words = sentence.split()
            words[3] = "changed"
            texts.append(" ".join(words))
            articles.append(f"b{i}")
    start = time.perf_counter()
    groups = group_quotes(texts, articles, VariantSettings())
    elapsed = time.perf_counter() - start
    assert len(groups) == 1000
    assert elapsed < 20, elapsed


def test_corpus_api_is_read_only_by_default(tmp_path):
    build(tmp_path, [story([("Angela Merkel", "We will manage this")])]).close()
    with Corpus(tmp_path / "news.duckdb") as corpus:
        assert corpus.quotes(speaker="merkel").to_arrow_table().num_rows == 1
        assert corpus.speakers().fetchall()[0][0] == "angela-merkel"
        with pytest.raises(Exception, match="read-only"):
            corpus.sql("DELETE FROM articles")
