"""Cross-article work over a presslens database: speaker identity and quote variants.

**Speaker identity.** Inside one article the extractors already tie "she" and "the chancellor" to
"Angela Merkel". Across articles, names are normalised (titles such as "Chancellor" or "Sen."
removed, middle names and initials dropped, accents folded) to a ``first last [suffix]`` key, so
"Angela Merkel", "Angela D. Merkel" and "German Chancellor Angela Merkel" share one speaker. A bare
surname ("Merkel", "Chancellor Merkel") joins the full name with that surname that occurs in the
same article; when the article has none, it joins the corpus's full name with that surname if only
one exists, or if one is singled out by title, by the entities it co-occurs with, or by a clear
majority. Otherwise it stays a speaker of its own, so two people sharing a surname are never
merged. Speaker ids are slugs of the normalised key ("angela-merkel"), stable across runs.

**Quote variants.** The same statement reported by several articles is found per speaker:
quotes are blocked by the rarest words they contain (so only quotes sharing an unusual word are
compared), compared with rapidfuzz (normalised Indel similarity, plus partial matches for a
quote that is cut short), and linked into groups with union-find. ``word_diff`` shows how each
wording differs from the most common one.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from rapidfuzz import fuzz, process

from presslens import queries
from presslens.lexicon import speakers as lexicon
from presslens.store import SPEAKER_QUOTE_ROWS_VIEW, connect, transaction

# --------------------------------------------------------------------------- names

TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father rabbi imam sheikh pope
president vice chancellor premier minister prime secretary senator sen rep reps representative
congressman congresswoman congressmember gov governor lt lieutenant mayor gen general col colonel
maj major capt captain sgt sergeant adm admiral cmdr commander judge justice chief speaker leader
chairman chairwoman chair chairperson ceo director ambassador attorney commissioner sheriff
spokesman spokeswoman spokesperson candidate nominee queen king prince princess former ex then
acting deputy assistant whip emir sultan ayatollah
""".split())
MALE_TITLES = frozenset("mr sir lord father king prince congressman chairman spokesman".split())
FEMALE_TITLES = frozenset("mrs ms miss dame lady queen princess congresswoman chairwoman spokeswoman".split())
# Words ignored when deciding whether a title has been seen with a full name.
_GENERIC_TITLES = frozenset("former ex then acting deputy assistant".split())
PARTICLES = frozenset("van von der den de da del della di du la le bin al el ibn st".split())
SUFFIXES = frozenset("jr sr ii iii iv".split())
PRONOUNS = frozenset("""
i me we us you he him she her they them it its his hers their theirs our who whom this that these those
one someone somebody anyone everyone nobody
""".split())
# Words that name groups, not people, even when capitalised ("Democrats", "Hill Republicans").
GROUP_WORDS = frozenset("""
democrats democrat republicans republican conservatives liberals progressives officials police voters
americans critics supporters aides advisers advisors analysts experts economists lawmakers legislators
senators representatives members leaders residents citizens protesters protestors activists campaign
administration government ministry department committee council party parties group organization
union unions agency office court congress senate house
""".split())
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019.\-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_PARENS = re.compile(r"\([^)]*\)?")


def fold(text: str) -> str:
    """Lowercase ASCII form of a name: accents removed, periods dropped."""
    if text.isascii():
        return text.lower().replace(".", "")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace(".", "")


@lru_cache(maxsize=200_000)
def slug(key: str) -> str:
    """A stable id from a normalised key."""
    return re.sub(r"[^a-z0-9]+", "-", fold(key)).strip("-") or "unknown"


@dataclass(frozen=True)
class PersonName:
    """A person's name split for matching: ``first`` is None for a bare surname."""

    first: str | None
    last: str
    suffix: str | None
    titles: frozenset[str]
    clean: str  # the name as written, without titles

    @property
    def full(self) -> bool:
        """True when a first name (not only an initial) is known."""
        return self.first is not None and len(self.first) > 1

    @cached_property
    def key(self) -> str:
        """The normalised key: ``first last [suffix]`` or ``last [suffix]`` for a bare surname."""
        parts = [self.first if self.full else None, self.last, self.suffix]
        return " ".join(p for p in parts if p)

    @property
    def initial(self) -> str | None:
        """The first letter of the first name, if any."""
        return self.first[0] if self.first else None


@lru_cache(maxsize=200_000)
def parse_person(name: str | None) -> PersonName | None:
    """Split a person's name, or None when it does not read as one (a pronoun, a description).

    Cached: a corpus repeats the same few thousand names many times.
    """
    if not name:
        return None
    written = [_POSSESSIVE.sub("", w).rstrip("-'") for w in _TOKEN.findall(_PARENS.sub(" ", name))]
    written = [w for w in written if w.strip(".")]
    folded = [fold(w) for w in written]
    if not written or all(f in PRONOUNS for f in folded):
        return None
    cut = _title_cut(folded)
    if cut < 0:
        return None
    titles = frozenset(f for f in folded[:cut] if f in TITLES and f not in _GENERIC_TITLES)
    written, folded = written[cut:], folded[cut:]
    clean = " ".join(written)
    suffix = None
    if len(folded) > 1 and folded[-1] in SUFFIXES:
        suffix, written, folded = folded[-1], written[:-1], folded[:-1]
    if not written or len(written) > 5:
        return None
    if any(not w[0].isupper() and f not in PARTICLES for w, f in zip(written, folded, strict=True)):
        return None
    if folded[-1] in GROUP_WORDS:
        return None
    if len(written) == 1:
        return PersonName(None, folded[0], suffix, titles, clean)
    last_start = next((i for i in range(1, len(folded) - 1) if folded[i] in PARTICLES), len(folded) - 1)
    return PersonName(folded[0], " ".join(folded[last_start:]), suffix, titles, clean)


def _title_cut(folded: list[str]) -> int:
    """Index after the last title word that still leaves a name (not only a suffix) behind it.

    Words before that title ("German Chancellor", "Republican nominee") are descriptive and dropped.
    -1 when the name starts with "the" and no title follows ("the White House" is not a person).
    """
    cut = 0
    for i, word in enumerate(folded):
        rest = [w for w in folded[i + 1:] if w not in SUFFIXES]
        if word in TITLES and rest:
            cut = i + 1
    if folded[0] == "the" and cut == 0:
        return -1
    return cut


def group_key(name: str) -> str:
    """Normalised key of a non-person source ("The White House" → "white house")."""
    words = fold(_POSSESSIVE.sub("", name.strip())).split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(re.sub(r"[^\w\-&]", "", w) for w in words).strip()


# --------------------------------------------------------------------------- speaker identity

_SOURCES_SQL = """
SELECT a.article_id, a.source_name, mode(a.source_kind) AS kind, count(*) AS n,
       any_value(e.name) AS entity_name, any_value(e.kind) AS entity_kind
FROM attributions a
LEFT JOIN entities e ON e.article_id = a.article_id AND e.entity_id = a.entity_id
WHERE a.source_name IS NOT NULL AND trim(a.source_name) <> ''
GROUP BY a.article_id, a.source_name
"""
_PERSONS_SQL = """
SELECT DISTINCT article_id, name FROM (
    SELECT article_id, name FROM entities WHERE kind = 'person'
    UNION ALL
    SELECT article_id, unnest(aliases) AS name FROM entities WHERE kind = 'person')
WHERE name IS NOT NULL
"""
_COENTITIES_SQL = """
SELECT article_id, list(DISTINCT name) AS names FROM entities
WHERE name IS NOT NULL AND article_id IN (SELECT unnest(?::VARCHAR[]))
GROUP BY article_id
"""
_SPEAKERS_SCHEMA = pa.schema([("speaker_id", pa.string()), ("name", pa.string()), ("kind", pa.string()),
                              ("aliases", pa.list_(pa.string())), ("quotes", pa.int32()),
                              ("articles", pa.int32())])
_MAP_SCHEMA = pa.schema([("article_id", pa.string()), ("source_name", pa.string()), ("speaker_id", pa.string())])


@dataclass(slots=True)
class _Source:
    article_id: str
    source_name: str
    kind: str | None
    n: int
    entity_name: str | None
    entity_kind: str | None


@dataclass(slots=True)
class _Cluster:
    """A full person name seen in the corpus: where, and with which titles."""

    key: str
    titles: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)


@dataclass(slots=True)
class _Speaker:
    """What the quotes resolved to one speaker id say about it."""

    speaker_id: str
    key: str
    kinds: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)
    display: Counter = field(default_factory=Counter)
    quotes: int = 0
    articles: set = field(default_factory=set)


class SpeakerResolver:
    """Decide the corpus-level speaker of each (article, source name); see the module docstring."""

    DOMINANCE = 0.9

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.clusters: dict[str, _Cluster] = {}
        self.article_full: dict[str, set[str]] = defaultdict(set)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self._coentities: dict[str, Counter] = {}

    # -- collecting full names
    def _note_full(self, article_id: str, person: PersonName) -> None:
        cluster = self.clusters.get(person.key)
        if cluster is None:
            cluster = self.clusters[person.key] = _Cluster(person.key)
        cluster.articles.add(article_id)
        if person.titles:
            cluster.titles.update(person.titles)
        self.article_full[article_id].add(person.key)
        self.by_surname[person.last].add(person.key)

    def collect(self, sources: list[_Source]) -> None:
        """Learn every full person name and the articles it occurs in."""
        table = self.con.sql(_PERSONS_SQL).to_arrow_table()
        for article_id, name in zip(table["article_id"].to_pylist(), table["name"].to_pylist(), strict=True):
            person = parse_person(name)
            if person is not None and person.full:
                self._note_full(article_id, person)
        for src in sources:
            for value in (src.entity_name, src.source_name):
                person = parse_person(value) if _personlike(src) else None
                if person is not None and person.full:
                    self._note_full(src.article_id, person)

    # -- resolving
    def resolve(self, src: _Source) -> str | None:
        """The cluster key for one source, or None (pronoun, empty)."""
        if _personlike(src) or (src.kind == "organization" and self._known_person(src.source_name)):
            entity = parse_person(src.entity_name)
            person = parse_person(src.source_name)
            if entity is not None and entity.full and (person is None or not person.full) \
                    and (person is None or person.last == entity.last):
                person = _with_titles(entity, person)
            if person is not None:
                return person.key if person.full else self._resolve_bare(src.article_id, person)
            if fold(src.source_name).strip() in PRONOUNS:
                return None
        key = group_key(src.source_name)
        return None if not key or key in PRONOUNS else "org:" + key

    def _known_person(self, name: str) -> bool:
        """A known person's name or surname tagged as an organisation ("Trump" read as an ORG)."""
        person = parse_person(name)
        if person is None:
            return False
        return person.key in self.clusters if person.full else person.last in self.by_surname

    def _resolve_bare(self, article_id: str, person: PersonName) -> str:
        in_article = self.article_full.get(article_id, ())
        local = self._matching(in_article, person)
        if len(local) == 1:
            return local[0]
        if not local and person.initial is None and not person.suffix:
            # A first name on its own ("Bob") names the one person in the article with that first name.
            by_first = [k for k in in_article if k.split()[0] == person.last]
            if len(by_first) == 1:
                return by_first[0]
        if len(local) > 1:
            narrowed = self._by_title(local, person)
            return narrowed[0] if len(narrowed) == 1 else person.key
        if person.initial is None and person.last in lexicon.GIVEN_NAMES:
            return person.key  # "Aaron" alone, unresolved in its article: never another article's Aaron
        candidates = self._by_title(self._matching(self.by_surname.get(person.last, ()), person), person)
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            return person.key
        return self._by_context(article_id, candidates) or self._by_majority(candidates) or person.key

    @staticmethod
    def _matching(keys: Iterable[str], person: PersonName) -> list[str]:
        out = []
        for key in keys:
            words = key.split()
            if person.suffix and words[-1] != person.suffix:
                continue
            if not person.suffix and words[-1] in SUFFIXES:
                continue
            surname = " ".join(w for w in words[1:] if w not in SUFFIXES)
            if surname == person.last and (person.initial is None or words[0][0] == person.initial):
                out.append(key)
        return sorted(out)

    def _by_title(self, keys: list[str], person: PersonName) -> list[str]:
        if not person.titles or len(keys) < 2:
            return keys
        gender_ok = [k for k in keys if not _gender_clash(person.titles, set(self.clusters[k].titles))]
        same = [k for k in gender_ok if person.titles & set(self.clusters[k].titles)]
        return same or gender_ok

    def _by_context(self, article_id: str, keys: list[str]) -> str | None:
        """The candidate whose articles share clearly more entities with this article."""
        mine = self._entities_of([article_id]).get(article_id, set())
        if not mine:
            return None
        scores = []
        for key in keys:
            seen = self._coentity_counts(key)
            scores.append((sum(np.log1p(seen[name]) for name in mine if name in seen), key))
        scores.sort(reverse=True)
        best, runner = scores[0][0], scores[1][0]
        return scores[0][1] if best > 0 and best >= 2 * runner else None

    def _by_majority(self, keys: list[str]) -> str | None:
        sizes = sorted(((len(self.clusters[k].articles), k) for k in keys), reverse=True)
        total = sum(size for size, _ in sizes)
        return sizes[0][1] if total and sizes[0][0] / total >= self.DOMINANCE else None

    def _entities_of(self, article_ids: list[str]) -> dict[str, set[str]]:
        rows = self.con.execute(_COENTITIES_SQL, [article_ids]).fetchall()
        return {aid: {fold(n) for n in names} for aid, names in rows}

    def _coentity_counts(self, key: str) -> Counter:
        if key not in self._coentities:
            counts: Counter = Counter()
            for names in self._entities_of(sorted(self.clusters[key].articles)).values():
                counts.update(names)
            self._coentities[key] = counts
        return self._coentities[key]


def _personlike(src: _Source) -> bool:
    return src.kind in ("person", "unknown", None) or src.entity_kind == "person"


def _with_titles(entity: PersonName, mention: PersonName | None) -> PersonName:
    if mention is None or not mention.titles:
        return entity
    return PersonName(entity.first, entity.last, entity.suffix, entity.titles | mention.titles, entity.clean)


def _gender_clash(a: set[str] | frozenset[str], b: set[str]) -> bool:
    return bool((a & MALE_TITLES and b & FEMALE_TITLES) or (a & FEMALE_TITLES and b & MALE_TITLES))


@dataclass(slots=True)
class SpeakerUpdate:
    """What ``update_speakers`` wrote."""

    speakers: int
    linked: int


def update_speakers(con: duckdb.DuckDBPyConnection) -> SpeakerUpdate:
    """Recompute the ``speakers`` table and ``attributions.speaker_id`` for the whole corpus, in one transaction."""
    table = con.sql(_SOURCES_SQL).to_arrow_table()
    sources = [_Source(*row) for row in zip(*(table[c].to_pylist() for c in table.column_names), strict=True)]
    resolver = SpeakerResolver(con)
    resolver.collect(sources)
    speakers: dict[str, _Speaker] = {}
    mapping: list[dict[str, Any]] = []
    for src in sources:
        key = resolver.resolve(src)
        speaker_id = None if key is None else _speaker_id(key)
        if speaker_id is not None:
            _record_quote(speakers.setdefault(speaker_id, _Speaker(speaker_id, key)), key, src)
        mapping.append({"article_id": src.article_id, "source_name": src.source_name, "speaker_id": speaker_id})
    rows = [_speaker_row(s) for s in speakers.values()]
    _write_speakers(con, pa.Table.from_pylist(rows, schema=_SPEAKERS_SCHEMA),
                    pa.Table.from_pylist(mapping, schema=_MAP_SCHEMA))
    return SpeakerUpdate(speakers=len(rows), linked=sum(1 for m in mapping if m["speaker_id"]))


def speakers_outdated(con: duckdb.DuckDBPyConnection) -> bool:
    """True when articles were stored since the speakers were last computed."""
    done = con.execute("SELECT value FROM meta WHERE key = 'speakers_articles'").fetchall()
    articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    return not done or done[0][0] != str(articles)


def _speaker_id(key: str) -> str:
    """A person's id is the slug of the name key; an organisation's the slug of its name ("white-house").

    A person and a group whose names slug alike ("Police" as a surname, "the police") share the id.
    """
    return slug(key[4:]) if key.startswith("org:") else slug(key)


def _record_quote(speaker: _Speaker, key: str, src: _Source) -> None:
    """Count one (article, source name) towards its speaker: quotes, articles, kinds, surface forms, names."""
    is_org = key.startswith("org:")
    kind = (src.kind if src.kind and src.kind != "unknown" else "group") if is_org else "person"
    speaker.kinds[kind] += src.n
    speaker.quotes += src.n
    speaker.articles.add(src.article_id)
    written = " ".join(src.source_name.split())
    speaker.surfaces[written] += src.n
    if is_org:
        speaker.display[re.sub(r"^(?i:the|an?)\s+", "", written)] += src.n
        return
    for value in (src.source_name, src.entity_name):
        person = parse_person(value)
        if value and person is not None and person.key == key:
            speaker.display[person.clean] += src.n
            speaker.surfaces[" ".join(value.split())] += 0  # an alias even when never the quoted form


def _speaker_row(speaker: _Speaker) -> dict[str, Any]:
    if speaker.display:
        name = max(speaker.display.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]
    else:
        name = speaker.key.removeprefix("org:").title()
    kind = max(speaker.kinds.items(), key=lambda kv: (kv[1], kv[0] == "person", kv[0]))[0]
    aliases = [s for s, _ in sorted(speaker.surfaces.items(), key=lambda kv: (-kv[1], kv[0])) if s != name]
    return {"speaker_id": speaker.speaker_id, "name": name, "kind": kind, "aliases": aliases[:50],
            "quotes": speaker.quotes, "articles": len(speaker.articles)}


def _write_speakers(con: duckdb.DuckDBPyConnection, speakers: pa.Table, mapping: pa.Table) -> None:
    try:
        with transaction(con):
            con.execute("DELETE FROM speakers")
            con.register("_speakers", speakers)
            con.register("_speaker_map", mapping)
            con.execute("INSERT INTO speakers BY NAME SELECT * FROM _speakers")
            con.execute(
                "UPDATE attributions SET speaker_id = m.speaker_id FROM _speaker_map m "
                "WHERE attributions.article_id = m.article_id AND attributions.source_name = m.source_name "
                "AND attributions.speaker_id IS DISTINCT FROM m.speaker_id"
            )
            con.execute("UPDATE attributions SET speaker_id = NULL WHERE speaker_id IS NOT NULL AND source_name IS NULL")
            _write_speaker_pages(con)
            con.execute("INSERT OR REPLACE INTO meta SELECT 'speakers_articles', CAST(count(*) AS VARCHAR) FROM articles")
    finally:
        for view in ("_speakers", "_speaker_map", "_page_variants"):
            try:
                con.unregister(view)
            except duckdb.Error:
                pass


# --------------------------------------------------------------------------- quote variants

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves going get got said says say told tell people think know want thing things
""".split())
_WORDS = re.compile(r"[\w']+", re.UNICODE)

_VARIANT_ROWS_SQL = """
SELECT a.speaker_id, coalesce(s.name, a.speaker_id) AS speaker, a.article_id, a.idx, a.content_text,
       ar.outlet, coalesce(a.said_on, ar.published) AS said_on, ar.published, ar.title, ar.url
FROM attributions a
JOIN articles ar ON ar.id = a.article_id
LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
WHERE a.speaker_id IS NOT NULL AND a.content_text IS NOT NULL
  AND ($speaker IS NULL OR a.speaker_id IN (
        SELECT m.speaker_id FROM speakers m
        WHERE m.speaker_id = $speaker OR contains(lower(m.name), lower($speaker))
           OR contains(lower(array_to_string(m.aliases, chr(31))), lower($speaker))))
  AND ($contains IS NULL OR contains(lower(a.content_text), lower($contains)))
ORDER BY a.speaker_id, a.article_id, a.idx
"""


@dataclass(slots=True)
class Variant:
    """One wording of a statement, where it was published, and how it differs from the reference wording."""

    article_id: str
    idx: int
    text: str
    outlet: str | None
    said_on: Any
    published: Any
    title: str | None
    url: str | None
    diff: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"article_id": self.article_id, "idx": self.idx, "text": self.text, "outlet": self.outlet,
                "said_on": _iso(self.said_on), "published": _iso(self.published), "title": self.title,
                "url": self.url, "diff": [list(op) for op in self.diff]}


@dataclass(slots=True)
class VariantGroup:
    """The same statement by one speaker as reported in several articles."""

    speaker_id: str
    speaker: str
    reference: str
    variants: list[Variant]

    @property
    def articles(self) -> int:
        """Number of distinct articles reporting the statement."""
        return len({v.article_id for v in self.variants})

    @property
    def outlets(self) -> int:
        """Number of distinct outlets reporting the statement."""
        return len({v.outlet for v in self.variants})

    @property
    def wordings(self) -> int:
        """Number of distinct wordings (after normalising case and punctuation)."""
        return len({normalise_quote(v.text) for v in self.variants})

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"speaker_id": self.speaker_id, "speaker": self.speaker, "reference": self.reference,
                "articles": self.articles, "outlets": self.outlets, "wordings": self.wordings,
                "variants": [v.as_dict() for v in self.variants]}


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def normalise_quote(text: str) -> str:
    """Lowercase words only, for comparing wordings."""
    return " ".join(_WORDS.findall(fold(text).replace("\u2019", "'")))


def word_diff(reference: str, other: str) -> list[tuple[str, str]]:
    """Word-level differences turning ``reference`` into ``other``: ("equal"|"insert"|"delete", words)."""
    a, b = reference.split(), other.split()
    matcher = difflib.SequenceMatcher(a=[normalise_quote(w) for w in a], b=[normalise_quote(w) for w in b],
                                      autojunk=False)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(b[j1:j2])))
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass(frozen=True, slots=True)
class VariantSettings:
    """Thresholds for grouping quotes: similarity (0–100), partial-match similarity and sizes."""

    threshold: float = 80.0
    partial_threshold: float = 95.0
    min_words: int = 5
    partial_min_words: int = 8
    keys_per_quote: int = 4
    max_bucket: int = 500


def group_quotes(texts: list[str], articles: list[str], settings: VariantSettings = VariantSettings()) -> list[list[int]]:  # noqa: B008
    """Group indices of near-duplicate quotes (one speaker's); each group spans at least two articles."""
    norm = [normalise_quote(t) for t in texts]
    words = [n.split() for n in norm]
    usable = [i for i, w in enumerate(words) if len(w) >= settings.min_words]
    buckets = _blocks(usable, words, settings)
    uf = _UnionFind(len(texts))
    for members in buckets:
        _link_bucket(members, norm, words, articles, uf, settings)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in usable:
        groups[uf.find(i)].append(i)
    return [g for g in groups.values() if len({articles[i] for i in g}) >= 2]


def _block_keys(words: list[str]) -> set[str]:
    """Blocking keys of one quote: its content words and its word pairs."""
    content = {w for w in words if w not in STOPWORDS and (len(w) > 3 or w.isdigit())}
    return content | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _blocks(usable: list[int], words: list[list[str]], settings: VariantSettings) -> list[list[int]]:
    """Buckets of quotes sharing one of their rarest keys (content words or word pairs).

    Only keys held by at least two and at most ``max_bucket`` quotes count, so a bucket never
    degenerates into comparing everything with everything.
    """
    df: Counter = Counter()
    keys = {}
    for i in usable:
        keys[i] = _block_keys(words[i])
        df.update(keys[i])
    buckets: dict[str, list[int]] = defaultdict(list)
    for i in usable:
        shared = sorted((df[k], k) for k in keys[i] if 2 <= df[k] <= settings.max_bucket)
        for _, k in shared[: settings.keys_per_quote]:
            buckets[k].append(i)
    return [m for m in buckets.values() if len(m) >= 2]


def _similar(a: str, b: str, words_a: list[str], words_b: list[str], settings: VariantSettings) -> bool:
    """Same statement: similar as a whole, or the shorter one found almost verbatim in the longer."""
    return bool(fuzz.ratio(a, b, score_cutoff=settings.threshold)) or _contained(a, b, words_a, words_b, settings)


def _contained(a: str, b: str, words_a: list[str], words_b: list[str], settings: VariantSettings) -> bool:
    """The shorter quote (at least ``partial_min_words`` words, at most 80% as long) appears in the longer."""
    (short, short_words), (long, long_words) = sorted(((a, words_a), (b, words_b)), key=lambda x: len(x[0]))
    if len(short_words) < settings.partial_min_words or len(short) > 0.8 * len(long):
        return False
    if len(set(short_words) - set(long_words)) > 1:  # cheap test before the costly alignment
        return False
    return bool(fuzz.partial_ratio(short, long, score_cutoff=settings.partial_threshold))


def _link_bucket(members: list[int], norm: list[str], words: list[list[str]], articles: list[str],
                 uf: _UnionFind, settings: VariantSettings) -> None:
    """Link the near-duplicate pairs of one bucket (pairwise when small, with rapidfuzz's cdist when large)."""
    if len(members) <= 12:
        pairs = ((a, b) for x, a in enumerate(members) for b in members[x + 1:])
        for i, j in pairs:
            if articles[i] != articles[j] and uf.find(i) != uf.find(j) and \
                    _similar(norm[i], norm[j], words[i], words[j], settings):
                uf.union(i, j)
        return
    texts = [norm[i] for i in members]
    full = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=settings.threshold, dtype=np.uint8,
                         workers=1)
    linked = np.triu(full, k=1) > 0
    chars = np.array([len(t) for t in texts])
    sizes = np.array([len(words[i]) for i in members])
    short = np.minimum.outer(chars, chars) <= 0.8 * np.maximum.outer(chars, chars)
    maybe = np.triu(short & (np.minimum.outer(sizes, sizes) >= settings.partial_min_words), k=1) & ~linked
    for a, b in zip(*np.nonzero(maybe), strict=True):
        i, j = members[a], members[b]
        if _contained(texts[a], texts[b], words[i], words[j], settings):
            linked[a, b] = True
    for a, b in zip(*np.nonzero(linked), strict=True):
        i, j = members[a], members[b]
        if articles[i] != articles[j]:
            uf.union(i, j)


def iter_variant_groups(
    con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, contains: str | None = None,
    settings: VariantSettings = VariantSettings(),  # noqa: B008
) -> Iterator[VariantGroup]:
    """Variant groups, speaker by speaker, streaming the quotes one speaker at a time."""
    reader = con.sql(_VARIANT_ROWS_SQL, params={"speaker": speaker or None, "contains": contains or None}
                     ).to_arrow_reader(batch_size=50_000)
    block: list[dict[str, Any]] = []
    for batch in reader:
        for row in batch.to_pylist():
            if block and row["speaker_id"] != block[0]["speaker_id"]:
                yield from _groups_of(block, settings)
                block = []
            block.append(row)
    if block:
        yield from _groups_of(block, settings)


def _groups_of(rows: list[dict[str, Any]], settings: VariantSettings) -> Iterator[VariantGroup]:
    groups = group_quotes([r["content_text"] for r in rows], [r["article_id"] for r in rows], settings)
    for members in groups:
        chosen = [rows[i] for i in members]
        yield _variant_group(chosen)


def _variant_group(rows: list[dict[str, Any]]) -> VariantGroup:
    wordings = Counter(normalise_quote(r["content_text"]) for r in rows)
    rows = sorted(rows, key=lambda r: (-wordings[normalise_quote(r["content_text"])], str(r["said_on"] or "9"),
                                       r["outlet"] or "", r["article_id"], r["idx"]))
    reference = rows[0]["content_text"]
    variants = [Variant(r["article_id"], r["idx"], r["content_text"], r["outlet"], r["said_on"], r["published"],
                        r["title"], r["url"], word_diff(reference, r["content_text"])) for r in rows]
    return VariantGroup(rows[0]["speaker_id"], rows[0]["speaker"], reference, variants)


# The quote variants of a speaker page (``presslens serve``): the groups among the speaker's
# ``PAGE_VARIANT_QUOTES`` most recent quotes, so that one page stays bounded; ``find_variants``
# covers everything. ``update_speakers`` stores them per speaker (table ``speaker_variants``, JSON
# text), so a page reads them instead of grouping at every first view.
PAGE_VARIANT_QUOTES = 500
PAGE_VARIANT_GROUPS = 20
PAGE_VARIANTS_SHOWN = 12
PAGE_VARIANT_SETTINGS = VariantSettings(max_bucket=300)

_PAGE_VARIANT_ROWS_SQL = """
SELECT article_id, idx, speaker_id, speaker, content_text AS quote, said_on, published, outlet, title, url
FROM quotes_by_speaker
QUALIFY row_number() OVER (PARTITION BY speaker_id ORDER BY said DESC NULLS LAST, article_id, idx) <= $per_speaker
ORDER BY speaker_id, said DESC NULLS LAST, article_id, idx
"""
_PAGE_VARIANTS_SCHEMA = pa.schema([("speaker_id", pa.string()), ("groups", pa.string())])


def page_variants(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A speaker page's quote variants from the speaker's most recent quotes, newest first.

    ``rows`` have the columns of ``queries.speaker_quotes`` (``quote``, ``said_on``, ``published``,
    ``outlet``, ``title``, ``url`` …). At most ``PAGE_VARIANT_GROUPS`` groups, most widely reported
    first, each with ``PAGE_VARIANTS_SHOWN`` of its reports (one per wording first) and their word
    differences from the most common wording.
    """
    rows = [r for r in rows if r.get("quote")]
    members = group_quotes([r["quote"] for r in rows], [r["article_id"] for r in rows], PAGE_VARIANT_SETTINGS)
    groups = [_ranked_group([rows[i] for i in group]) for group in members]
    groups.sort(key=lambda g: (-g["articles"], -g["wordings"], g["reference"]))
    return [_shown_group(g) for g in groups[:PAGE_VARIANT_GROUPS]]


def _ranked_group(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One group's counts, its rows most common wording first, and that wording as the reference."""
    norms = [normalise_quote(r["quote"]) for r in rows]
    wordings = Counter(norms)
    order = sorted(range(len(rows)), key=lambda i: (-wordings[norms[i]], str(rows[i]["said_on"] or rows[i]["published"] or "9"),
                                                    rows[i]["outlet"] or "", rows[i]["article_id"], rows[i]["idx"]))
    ranked = [(rows[i], norms[i]) for i in order]
    first = ranked[0][0]
    return {"speaker_id": first["speaker_id"], "speaker": first["speaker"], "reference": first["quote"],
            "articles": len({r["article_id"] for r in rows}), "outlets": len({r["outlet"] for r in rows}),
            "wordings": len(wordings), "reports": len(rows), "ranked": ranked}


def _shown_group(group: dict[str, Any]) -> dict[str, Any]:
    """The group as shown: up to ``PAGE_VARIANTS_SHOWN`` reports, each with its differences from the reference."""
    ranked = group.pop("ranked")
    reference = group["reference"]
    seen: set[str] = set()
    first, rest = [], []
    for row, key in ranked:  # one report per wording first, then the others
        (rest if key in seen else first).append(row)
        seen.add(key)
    group["variants"] = [
        {"article_id": r["article_id"], "idx": r["idx"], "text": r["quote"], "outlet": r["outlet"],
         "said_on": _iso(r["said_on"] or r["published"]), "published": _iso(r["published"]),
         "title": r["title"], "url": r["url"], "diff": [list(op) for op in word_diff(reference, r["quote"])]}
        for r in (first + rest)[:PAGE_VARIANTS_SHOWN]]
    return group


def _write_speaker_pages(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the derived tables of the speaker pages (``store.DERIVED_DDL``) inside the caller's transaction.

    ``quotes_by_speaker`` is written in page order, so one speaker's quotes sit together on disk;
    ``speaker_variants`` gets one row (JSON text) per speaker with quote variants.
    """
    con.execute(SPEAKER_QUOTE_ROWS_VIEW)
    con.execute("DELETE FROM quotes_by_speaker")
    con.execute("INSERT INTO quotes_by_speaker BY NAME SELECT * FROM speaker_quote_rows "
                "ORDER BY speaker_id, said DESC NULLS LAST, article_id, idx")
    _write_page_variants(con)


def _write_page_variants(con: duckdb.DuckDBPyConnection) -> None:
    """Group each speaker's most recent quotes (``page_variants``) into ``speaker_variants``."""
    con.execute("DELETE FROM speaker_variants")
    reader = con.sql(_PAGE_VARIANT_ROWS_SQL, params={"per_speaker": PAGE_VARIANT_QUOTES}).to_arrow_reader(50_000)
    stored: list[dict[str, str]] = []
    block: list[dict[str, Any]] = []

    def flush() -> None:
        groups = page_variants(block) if len(block) > 1 else []
        if groups:
            stored.append({"speaker_id": block[0]["speaker_id"], "groups": json.dumps(groups, ensure_ascii=False)})

    for batch in reader:
        for row in batch.to_pylist():
            if block and row["speaker_id"] != block[0]["speaker_id"]:
                flush()
                block = []
            block.append(row)
    if block:
        flush()
    con.register("_page_variants", pa.Table.from_pylist(stored, schema=_PAGE_VARIANTS_SCHEMA))
    con.execute("INSERT INTO speaker_variants BY NAME SELECT * FROM _page_variants")


def find_variants(
    con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, contains: str | None = None,
    min_articles: int = 2, limit: int | None = None, settings: VariantSettings = VariantSettings(),  # noqa: B008
) -> list[VariantGroup]:
    """Variant groups reported by at least ``min_articles`` articles, most widely reported first."""
    groups = [g for g in iter_variant_groups(con, speaker=speaker, contains=contains, settings=settings)
              if g.articles >= min_articles]
    groups.sort(key=lambda g: (-g.articles, -g.wordings, g.speaker, g.reference))
    return groups if limit is None else groups[:limit]


# --------------------------------------------------------------------------- the Python API


class Corpus:
    """A presslens database opened for querying (read-only by default).

        corpus = presslens.Corpus("news.duckdb")
        corpus.quotes(speaker="Merkel", contains="refugees").df()
    """

    def __init__(self, path: str | os.PathLike, *, read_only: bool = True) -> None:
        self.path = path
        self.con = connect(path, read_only=read_only)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    def close(self) -> None:
        """Close the database."""
        self.con.close()

    def quotes(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Attributed statements; see ``presslens.queries.quotes`` for the filters and columns."""
        return queries.quotes(self.con, **filters)

    def speakers(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Speakers by number of quotes; see ``presslens.queries.speakers``."""
        return queries.speakers(self.con, **filters)

    def articles(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Articles, newest first; see ``presslens.queries.articles``."""
        return queries.articles(self.con, **filters)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with everything found in it."""
        return queries.article(self.con, article_id)

    def claims(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Check-worthy claims; see ``presslens.queries.claims``."""
        return queries.claims(self.con, **filters)

    def stats(self) -> dict[str, Any]:
        """Corpus totals."""
        return queries.stats(self.con)

    def variants(self, **options: Any) -> list[VariantGroup]:
        """Statements reported in several articles with different wordings; see ``find_variants``."""
        return find_variants(self.con, **options)

    def sql(self, query: str) -> duckdb.DuckDBPyRelation | None:
        """Run SQL on the corpus (read-only unless opened with ``read_only=False``)."""
        return queries.run_sql(self.con, query)

    def update_speakers(self) -> SpeakerUpdate:
        """Recompute corpus-level speakers (needs ``read_only=False``)."""
        return update_speakers(self.con)
