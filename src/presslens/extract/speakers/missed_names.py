"""Names the NER missed, found while the entity graph is built: titled or given-name proper-noun runs
("Mr. McKinley", "Natural Resources Minister Harjit Dhaliwal") and bare name parts joined to the one
person whose name they are part of."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.name_forms import (
    DETERMINERS,
    field_of_post,
    foreign_name_after_role,
    in_heading_line,
    is_foreign_full_name,
    is_hyphen_joint,
    presented_as_person,
)
from presslens.lexicon import speakers as lexicon
from presslens.schema import Span

if TYPE_CHECKING:
    from presslens.extract.speakers.graph import EntityGraph

__all__ = ["add_missed_bodies", "add_missed_names", "add_preposition_bodies"]


def add_missed_names(graph: EntityGraph, proper: np.ndarray) -> None:
    """Titled or given-name proper-noun runs the NER missed, and bare name parts (``proper``: which
    tokens are proper nouns)."""
    doc = graph.doc
    covered = set()
    for node in graph.nodes.values():
        for m in node.mentions:
            covered.update(range(m.start, m.end))
    end = -1  # the run claimed last ends here
    for i in (int(k) for k in proper.nonzero()[0]):
        if i < end or not doc[i].text[:1].isupper() or doc[i].idx in covered:
            continue
        j = name_start = i
        if i > 1 and doc[i - 1].lower_ in ("of", "for") and doc[i - 2].lower_ in cues.TITLES:
            name_start = i + 1  # "Minister of Health Nguyễn Thị Thu Hà": the field, then four name words
        # a run stops where a name the NER has begins ("Minority Whip Richard J." is not a name); it
        # counts its four words after the last title ("Natural Resources Minister Harjit Dhaliwal")
        while j < len(doc) and (j - name_start < 4 or is_hyphen_joint(doc[j])) and doc[j].idx not in covered:
            if proper[j] and doc[j].text[:1].isupper():
                j += 1
                if doc[j - 1].lower_.rstrip(".") in cues.TITLES:
                    name_start = j
            elif j > i and is_hyphen_joint(doc[j]) and proper[j + 1]:
                j += 2  # "Sethi-Morrow"
            else:
                break
        _claim_run(graph, doc[i:j])
        end = j


def add_missed_bodies(graph: EntityGraph, proper: np.ndarray, endings: np.ndarray) -> None:
    """Capitalised runs of two to five proper nouns the NER missed that end with a word bodies' names end
    with ("Comeau Tidal Energy, based in Meteghan, applied …"), below the first line: organisations. One
    the NER found in a shorter form later ("Comeau Tidal") takes the full name. ``proper`` and
    ``endings``: which tokens are proper nouns, and which are words of ``lexicon.BODY_NAME_ENDINGS``."""
    doc = graph.doc
    covered = {i for node in graph.nodes.values() for m in node.mentions for i in range(m.start, m.end)}

    def free(k: int) -> bool:  # a capitalised proper noun no mention covers
        return bool(proper[k]) and doc[k].is_title and doc[k].idx not in covered

    for end in (int(k) for k in (proper & endings).nonzero()[0]):
        if not free(end) or (end + 1 < len(doc) and free(end + 1)):
            continue
        i = end
        while i > 0 and end - i < 4 and free(i - 1):
            i -= 1
        run = doc[i : end + 1]
        if len(run) >= 2 and "\n" in graph.text[: run.start_char]:
            name = run.text
            shorter = [
                n for n in graph.nodes.values()
                if n.kind == "organization" and " " in n.entity.name and name.startswith(n.entity.name + " ")
            ]
            node = graph.find_name(name) or (shorter[0] if len(shorter) == 1 else None)
            if node is None:
                graph.new_node(name, "organization", Span.of(graph.text, run.start_char, run.end_char))
            else:
                node.rename(name)
                graph.add_mention(node, run.start_char, run.end_char)


_INNER_PREPOSITION = re.compile(r"\b(?:" + "|".join(w.title() for w in sorted(lexicon.NAME_INNER_PREPOSITIONS)) + r")\b")


def add_preposition_bodies(graph: EntityGraph) -> None:
    """Capitalised runs joined by a capitalised preposition of ``lexicon.NAME_INNER_PREPOSITIONS`` outside
    headline lines, which no mention covers ("Reporters Without Borders (RSF) said …"): organisations."""
    doc = graph.doc
    found = [m.start() for m in _INNER_PREPOSITION.finditer(graph.text)]
    if not found:
        return  # most articles: nothing to read, and no need to map what the mentions cover
    covered = {i for node in graph.nodes.values() for m in node.mentions for i in range(m.start, m.end)}

    def free(k: int) -> bool:  # a capitalised word no mention covers
        return 0 <= k < len(doc) and doc[k].is_title and doc[k].is_alpha and doc[k].idx not in covered

    for at in found:
        word = doc.char_span(at, at + 1, alignment_mode="expand")[0]
        if word.idx != at or word.lower_ not in lexicon.NAME_INNER_PREPOSITIONS or word.is_sent_start:
            continue
        # the NER may have taken the name from the preposition on ("Without Borders" tagged a person)
        at_word = ((n, m.end) for n in graph.nodes.values() for m in n.mentions if m.start == word.idx)
        cut, cut_end = next(at_word, (None, 0))
        start, end = word.i, word.i + 1
        while word.i - start < 3 and free(start - 1) and doc[start - 1].lower_ not in DETERMINERS:
            start -= 1
        if cut is not None:
            end = doc.char_span(word.idx, cut_end, alignment_mode="expand").end
        while end - word.i <= 3 and free(end):
            end += 1
        if start == word.i or end == word.i + 1 or in_heading_line(word, graph.text):
            continue
        run = doc[start:end]
        node = cut or graph.find_name(run.text)
        if node is None:
            graph.new_node(run.text, "organization", Span.of(graph.text, run.start_char, run.end_char))
            continue
        if node is cut:
            node.rename(run.text)
            node.entity.kind = "organization"
            node.gender = None
        graph.add_mention(node, run.start_char, run.end_char)


def _after_place_of_post(word: Token | None) -> bool:
    """Whether ``word`` ends the place of a post before a name ("Chinese Ambassador to Hungary" +
    "Gong Yuxin", "Consul General in Chongqing" + …)."""
    if word is None or word.ent_type_ != "GPE":
        return False
    doc, k = word.doc, word.i
    while k > 0 and doc[k].ent_iob_ == "I":
        k -= 1  # the place's first word
    return k > 1 and doc[k - 1].lower_ in ("to", "in") and doc[k - 2].lower_.rstrip(".") in cues.TITLES


def _claim_run(graph: EntityGraph, run: SpacySpan) -> None:
    """Join a run to the person it names, rename a person known by a family name only, or add a person."""
    # a title word after a given name is a family name ("Tamara Cardinal")
    titles = [
        i for i, t in enumerate(run)
        if t.lower_.rstrip(".") in cues.TITLES and not (i and run[i - 1].lower_ in lexicon.GIVEN_NAMES)
    ]
    whole = run  # the parser may end a sentence inside it ("Minister of Health" | "Nguyễn Thị Thu Hà")
    if field_of_post(run[0]):  # "Commissioner of" + "Competition Aurélie Fontaine": the field is the title's
        field = 1  # English words of three letters or more ("Le" of "Le Quang Vinh" is a family name),
        # leaving two ("Vice Minister of Emergency Management Song Haoran")
        while len(run[field + 1 :].text.split()) >= 2 and len(run[field].text) > 2 and field_of_post(run[field], True):
            field += 1
        run = run[field:] if len(run[field:].text.split()) >= 2 else run
        titles = [i - field for i in titles if i >= field] if run is not whole else titles
    words = "".join(t.text_with_ws for t in run[titles[-1] + 1 if titles else 0 :]).split()
    if not words or any(t.ent_type_ in ("GPE", "NORP", "DATE") for t in run):
        return
    before = run.doc[run.start - 1] if run.start > 0 else None
    titled = (
        (before is not None and before.lower_.rstrip(".") in cues.TITLES) or bool(titles) or _after_place_of_post(before)
        or run is not whole
    )
    role_before = before is not None and before.is_lower and before.lemma_ in cues.PERSON_ROLE_NOUNS
    persons = [n for n in graph.nodes.values() if n.kind == "person"]
    if len(words) == 1:
        word = words[0]
        by_last = [n for n in persons if n.entity.name.split()[-1] == word]
        by_first = [n for n in persons if len(n.entity.name.split()) > 1 and n.entity.name.split()[0] == word]
        hits = by_last if by_last else by_first
        if len(hits) == 1:
            graph.add_mention(hits[0], run.start_char, run.end_char)
            return
    name = " ".join(words)
    surname_only = [n for n in persons if n.entity.name == words[-1]] if 1 < len(words) <= 3 else []
    if not surname_only and len(words) == 2 and role_before and words[0].lower() not in lexicon.GIVEN_NAMES:
        surname_only = [n for n in persons if n.entity.name == words[0]]  # "spokesperson Zhao Meiling", then "Zhao"
    if len(surname_only) == 1:  # "Sioned Morgan's father" with "Ms Morgan" the NER's only mention
        node = surname_only[0]
        node.rename(name)
        graph.add_mention(node, run.start_char, run.end_char)
        return
    tail = foreign_name_after_role(whole) if run is whole else None  # "Deputy Chairperson of the CEC Saule Zhakupova"
    if tail is not None:
        run, name = tail, tail.text
    elif not (
        titled or words[0].lower() in lexicon.GIVEN_NAMES or (len(words) > 1 and (role_before or presented_as_person(run)))
        or is_foreign_full_name(run)
    ):
        return
    known = graph.find_name(name)  # the same name, or its end ("Cabrera Quesada" of "Idalmis Cabrera Quesada")
    if known is not None and known.kind == "person":
        graph.add_mention(known, run.start_char, run.end_char)
        return
    node = graph.new_node(name, "person", Span.of(graph.text, run.start_char, run.end_char))
    if before is not None and before.lower_.rstrip(".") in lexicon.HONORIFIC_GENDER:
        node.gender = lexicon.HONORIFIC_GENDER[before.lower_.rstrip(".")]
