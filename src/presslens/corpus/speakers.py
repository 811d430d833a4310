"""Speaker identity across articles: which corpus-wide speaker each (article, source name) is.

Inside one article the extractors already tie "she" and "the chancellor" to "Angela Merkel".
Across articles, full names meet through their normalised key (``presslens.corpus.names``), so
"Angela Merkel", "Angela D. Merkel" and "German Chancellor Angela Merkel" share one speaker. A
bare surname ("Merkel", "Chancellor Merkel") joins the full name with that surname that occurs in
the same article; when the article has none, it joins the corpus's full name with that surname if
only one exists, or if one is singled out by title, by the entities it co-occurs with, or by a
clear majority. Otherwise it stays a speaker of its own, so two people sharing a surname are never
merged. Speaker ids are slugs of the normalised key ("angela-merkel"), stable across runs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from presslens import queries
from presslens.corpus.names import (
    PRONOUNS,
    SUFFIXES,
    PersonName,
    fold,
    gender_clash,
    group_key,
    parse_person,
    slug,
)
from presslens.lexicon import speakers as lexicon
from presslens.queries import speakers_outdated
from presslens.store import transaction

__all__ = ["SpeakerResolver", "SpeakerUpdate", "speakers_outdated", "update_speakers"]

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
        table = queries.person_names(self.con)
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
        if person.initial is None and person.last in lexicon.GIVEN_ONLY_NAMES:
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
        gender_ok = [k for k in keys if not gender_clash(person.titles, set(self.clusters[k].titles))]
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
        rows = queries.entity_names(self.con, article_ids)
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


@dataclass(slots=True)
class SpeakerUpdate:
    """What ``update_speakers`` wrote."""

    speakers: int
    linked: int


def update_speakers(con: duckdb.DuckDBPyConnection) -> SpeakerUpdate:
    """Recompute the ``speakers`` table and ``attributions.speaker_id`` for the whole corpus, in one transaction."""
    table = queries.attribution_sources(con)
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
    """Store the speakers, relink the attributions and recompute the speaker pages, in one transaction."""
    from presslens.web.precompute import write_speaker_pages  # the web's tables, derived from the speakers

    try:
        with transaction(con):
            queries.replace_speakers(con, speakers, mapping)
            write_speaker_pages(con)
            queries.mark_speakers_current(con)
    finally:
        queries.unregister(con, (*queries.SPEAKER_VIEWS, *queries.PAGE_VIEWS))
