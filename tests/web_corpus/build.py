"""Build small presslens databases for the web tests through the real store API.

``build_fixed_db`` writes hand-annotated articles (fixed offsets, so tests can assert exact
speakers, counts and highlights, including hostile names no extractor would produce) with
``presslens.store.Store.write`` and then ``presslens.corpus.update_speakers``, exactly what
``presslens ingest`` does after analysis. ``ingest_articles`` runs the real ``presslens.ingest``
(pipeline included) over ``articles.jsonl`` in this folder.

The articles are invented for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from presslens.schema import Analysis, Article, Attribution, Claim, DateMention, FramingSpan, Source, Span

HERE = Path(__file__).resolve().parent
JSONL = HERE / "articles.jsonl"

XSS_TITLE = '<script>alert("title")</script> Harbour <b>plan</b>'
XSS_OUTLET = "<img src=x onerror=alert('outlet')>Post"
XSS_SPEAKER = "<script>alert('speaker')</script> Smith"
XSS_TEXT_PAYLOAD = '<script>alert("text")</script>'
XSS_IMG_PAYLOAD = "<img src=x onerror=alert('img')>"


@dataclass
class Q:
    """One hand-annotated attribution: the speaker and the exact mention, cue and content strings."""

    speaker: str
    mention: str
    cue: str
    content: str
    type: str = "direct"
    kind: str = "person"


@dataclass
class Doc:
    """One hand-annotated article."""

    title: str
    outlet: str | None
    published: str | None
    text: str
    quotes: list[Q]
    dates: list[tuple[str, str]] = field(default_factory=list)
    claims: list[tuple[str, float]] = field(default_factory=list)
    framing: list[tuple[str, str]] = field(default_factory=list)


def _span(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return Span(start, start + len(piece), piece)


DOCS: list[Doc] = [
    Doc("Council passes budget without tax rise", "Riverside Gazette", "2024-01-09",
        "Council passes budget without tax rise\n\n"
        "The city council approved the 2024 budget on Monday. \"We will not raise property taxes this year, "
        "whatever the pressure,\" Mayor Jane Porter said after the vote.\n\n"
        "Councillor Tom Alvarez warned that the budget gap is more than 4 million dollars. "
        "\"Somebody will pay for this later,\" Alvarez said.",
        [Q("Jane Porter", "Mayor Jane Porter", "said",
           "We will not raise property taxes this year, whatever the pressure,"),
         Q("Tom Alvarez", "Councillor Tom Alvarez", "warned", "the budget gap is more than 4 million dollars",
           type="indirect"),
         Q("Tom Alvarez", "Alvarez", "said", "Somebody will pay for this later,")],
        dates=[("Monday", "2024-01-08")], claims=[("the budget gap is more than 4 million dollars", 0.91)]),
    Doc("Mayor rules out tax increase", "Valley Herald", "2024-01-10",
        "Mayor rules out tax increase\n\n"
        "\"We will not raise property taxes this year, whatever happens,\" Jane Porter told reporters on Tuesday. "
        "She said the library would stay open.",
        [Q("Jane Porter", "Jane Porter", "told", "We will not raise property taxes this year, whatever happens,"),
         Q("Jane Porter", "She", "said", "the library would stay open", type="indirect")],
        dates=[("Tuesday", "2024-01-09")]),
    Doc("Harbour dredging delayed again", "Harbor Times", "2024-02-14",
        "Harbour dredging delayed again\n\n"
        "Port director Amina Diallo said the dredging of the harbour would start in May. "
        "\"The reckless elites in the capital have ignored us for a decade,\" Diallo said. "
        "Mayor Jane Porter said the city \"stands with the port\".",
        [Q("Amina Diallo", "Port director Amina Diallo", "said", "the dredging of the harbour would start in May",
           type="indirect"),
         Q("Amina Diallo", "Diallo", "said", "The reckless elites in the capital have ignored us for a decade,"),
         Q("Jane Porter", "Mayor Jane Porter", "said", "the city \"stands with the port\"", type="mixed")],
        dates=[("May", "2024-05")], framing=[("reckless elites", "Name_Calling,Labeling")]),
    Doc("Porter: no new taxes, full stop", "Riverside Gazette", "2024-03-20",
        "Porter: no new taxes, full stop\n\n"
        "\"We will not raise property taxes this year, whatever the pressure,\" Mayor Jane Porter repeated on Wednesday, "
        "as the council debated bus fares.\n\n"
        "The transit authority said fares would rise by 10 percent.",
        [Q("Jane Porter", "Mayor Jane Porter", "repeated",
           "We will not raise property taxes this year, whatever the pressure,"),
         Q("Transit Authority", "The transit authority", "said", "fares would rise by 10 percent",
           type="indirect", kind="organization")],
        claims=[("fares would rise by 10 percent", 0.77)]),
    Doc("Bus fares to rise in April", "Valley Herald", "2024-03-22",
        "Bus fares to rise in April\n\n"
        "Fares on city buses will rise by 10 percent in April, the transit authority said. "
        "\"Nobody likes higher fares, but the buses must run,\" Councillor Tom Alvarez said.",
        [Q("Transit Authority", "the transit authority", "said", "Fares on city buses will rise by 10 percent in April",
           type="indirect", kind="organization"),
         Q("Tom Alvarez", "Councillor Tom Alvarez", "said", "Nobody likes higher fares, but the buses must run,")]),
    Doc(XSS_TITLE, XSS_OUTLET, "2024-02-20",
        "Harbour plan " + XSS_TEXT_PAYLOAD + " and " + XSS_IMG_PAYLOAD + " in the text.\n\n"
        "\"Ignore the " + XSS_IMG_PAYLOAD + " rumours about the harbour,\" " + XSS_SPEAKER + " said.",
        [Q(XSS_SPEAKER, XSS_SPEAKER, "said", "Ignore the " + XSS_IMG_PAYLOAD + " rumours about the harbour,")]),
    Doc("Letter from a reader", None, None,
        "Letter from a reader\n\n\"The park needs more benches,\" wrote Maria Keller, a retired teacher.",
        [Q("Maria Keller", "Maria Keller", "wrote", "The park needs more benches,")]),
]


# Extra articles for the documentation screenshots only (the tests count DOCS exactly).
SHOWCASE_EXTRA: list[Doc] = [
    Doc("Port overrun: who pays?", "Harbor Times", "2024-04-03",
        "Port overrun: who pays?\n\n"
        "The harbour terminal will cost 15 percent more than planned, port director Amina Diallo told the council "
        "on Tuesday. \"Every month of delay costs us about 300,000 dollars,\" Diallo said.\n\n"
        "Mayor Jane Porter rejected any bailout. \"The city will not pay for the port's overrun,\" she said, "
        "calling the contractors \"reckless cowboys\".\n\n"
        "Economist Chen Wei, who studies public works at the state university, said overruns of that size were "
        "\"entirely normal for projects of this kind\". Harbour pilot Peter Smith said ships were already "
        "waiting longer to dock.",
        [Q("Amina Diallo", "port director Amina Diallo", "told",
           "The harbour terminal will cost 15 percent more than planned", type="indirect"),
         Q("Amina Diallo", "Diallo", "said", "Every month of delay costs us about 300,000 dollars,"),
         Q("Jane Porter", "Mayor Jane Porter", "rejected", "any bailout", type="indirect"),
         Q("Jane Porter", "she", "said", "The city will not pay for the port's overrun,"),
         Q("Chen Wei", "Economist Chen Wei", "said",
           "overruns of that size were \"entirely normal for projects of this kind\"", type="mixed"),
         Q("Peter Smith", "Harbour pilot Peter Smith", "said", "ships were already waiting longer to dock",
           type="indirect")],
        dates=[("Tuesday", "2024-04-02")],
        claims=[("The harbour terminal will cost 15 percent more than planned", 0.88),
                ("Every month of delay costs us about 300,000 dollars", 0.81)],
        framing=[("reckless cowboys", "Name_Calling,Labeling")]),
    Doc("Library Sundays a hit", "Valley Herald", "2024-04-15",
        "Library Sundays a hit\n\n\"People queue at the door before we open,\" librarian Grace Okafor said. "
        "\"Libraries are where this city learns to read,\" Mayor Jane Porter said again on Sunday.",
        [Q("Grace Okafor", "librarian Grace Okafor", "said", "People queue at the door before we open,"),
         Q("Jane Porter", "Mayor Jane Porter", "said", "Libraries are where this city learns to read,")],
        dates=[("Sunday", "2024-04-14")]),
    Doc("Fare rise stands", "Riverside Gazette", "2024-04-22",
        "Fare rise stands\n\n\"Nobody likes higher fares, but the buses must run,\" Councillor Tom Alvarez said. "
        "Grace Okafor said library visitors would get a bus discount.",
        [Q("Tom Alvarez", "Councillor Tom Alvarez", "said", "Nobody likes higher fares, but the buses must run,"),
         Q("Grace Okafor", "Grace Okafor", "said", "library visitors would get a bus discount", type="indirect")]),
]


def analysis_of(doc: Doc) -> Analysis:
    """The Analysis of one hand-annotated article, with offsets found in its text."""
    text = doc.text
    article = Article(text=text, title=doc.title, outlet=doc.outlet, published=doc.published, origin="web-test")
    attributions = []
    for q in doc.quotes:
        content = _span(text, q.content)
        mention = _near(text, q.mention, content)
        # the cue nearest after the content or the mention, whichever comes first
        cue = _span(text, q.cue, min(content.end, mention.end))
        attributions.append(Attribution(q.type, content, cue, Source(q.speaker, q.kind, mention)))
    dates = [DateMention(*_bounds(text, t), t, value, "day" if len(value) == 10 else "month")
             for t, value in doc.dates]
    claims = [Claim(*_bounds(text, t), t, score) for t, score in doc.claims]
    framing = [FramingSpan(*_bounds(text, t), t, technique, 0.9) for t, technique in doc.framing]
    return Analysis(article=article, attributions=attributions, dates=dates, claims=claims, framing=framing)


def _near(text: str, piece: str, content: Span) -> Span:
    """The occurrence of ``piece`` closest to ``content`` (just after it, else the last one before it)."""
    after = text.find(piece, content.end)
    before = text.rfind(piece, 0, content.start)
    if after != -1 and (before == -1 or after - content.end <= content.start - (before + len(piece))):
        return Span(after, after + len(piece), piece)
    if before == -1:
        raise ValueError(f"{piece!r} not found")
    return Span(before, before + len(piece), piece)


def _bounds(text: str, piece: str) -> tuple[int, int]:
    span = _span(text, piece)
    return span.start, span.end


def build_fixed_db(path: Path, docs: list[Doc] | None = None, copies: int = 1) -> Path:
    """Write the hand-annotated articles (``copies`` times, each copy a distinct article) and resolve speakers."""
    from presslens.corpus import update_speakers
    from presslens.store import Store

    docs = DOCS if docs is None else docs
    with Store(path) as store:
        batch: list[Analysis] = []
        for copy in range(copies):
            for doc in docs:
                analysis = analysis_of(doc)
                if copy:
                    analysis = _copy(analysis, copy)
                batch.append(analysis)
                if len(batch) >= 500:
                    store.write(batch)
                    batch = []
        if batch:
            store.write(batch)
        update_speakers(store.con)
    return path


def _copy(analysis: Analysis, n: int) -> Analysis:
    """A distinct article with the same annotations: a numbered suffix after the text keeps offsets valid."""
    a = analysis.article
    text = a.text + f"\n\n(copy {n})"
    month = 1 + (n % 12)
    published = f"{2020 + (n // 12) % 5}-{month:02d}-{1 + n % 28:02d}" if a.published else None
    article = Article(text=text, title=a.title, outlet=a.outlet, published=published, origin=f"copy-{n}")
    return Analysis(article=article, attributions=analysis.attributions, dates=analysis.dates,
                    claims=analysis.claims, framing=analysis.framing)


def ingest_articles(path: Path) -> Path:
    """Run the real ``presslens ingest`` (pipeline included) over ``articles.jsonl``."""
    from presslens.ingest import ingest

    ingest([str(JSONL)], db=path)
    return path
