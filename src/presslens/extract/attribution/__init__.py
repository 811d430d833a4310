"""Attribution relations (who said what) over one parsed spaCy ``Doc``.

Attributions are read as PARC-style triples of source, cue and content (Pareti 2016, "PARC 3.0: A
corpus of attribution relations", LREC; Newell, Margolin & Ruths 2018, "An attribution relations
corpus for political news", LREC). One module a pass:

- ``quotes``: quotation marks paired into quotes, in one scan of the text;
- ``direct``: quotes tied to an adjacent speech clause, a dash byline or a ``Name:`` label;
- ``indirect`` and ``nonverbal``: reporting verbs from the cue lexicon (``presslens.extract.cues``) with
  their complement, ``according to X``, cue nouns, stance adjectives and ``Name: …`` lines;
- ``headlines``: statements the parser reads poorly, mostly in headlines ("…: spokesperson", "…, says
  Punjab govt", "court strikes down levy, says …");
- ``complements``: what a reporting verb reports (its complement);
- ``passive``: reports without a stated source (``He is said to …``; in the parc profile ``seems to …``);
- ``resolution``: overlaps resolved (the outer attribution wins, as in PolNeAR) and each kept candidate
  typed ``direct``, ``mixed`` or ``indirect``;
- ``learned_ends`` (parc profile): where each indirect content ends, decided by the cue model;
- ``continuations``: quotes standing alone after an attribution take its speaker;
- ``context`` and ``syntax``: the candidate record, its ``Rank``, the per-document state and the
  token-level helpers all passes share. The word lists are in ``presslens.lexicon.attribution``.

Profiles. ``profile="speech"`` (default) keeps what people and organisations said or wrote, including
speech acts with an infinitive or prepositional content (``vowed to fight``, ``called for talks``;
not ``declined to comment``, ``according to data from …``, as outlet annotators read them) and noun-phrase contents that say something (``announced plans to cut 500
jobs``, ``called it "a disgrace"``, ``lamented the loss of …``); a noun phrase that only names the
topic (``denied the existence of such a link``, ``confirmed the wedding``) is not reported speech. ``profile="parc"`` adds what PARC and PolNeAR also
annotate: beliefs and expectations (``believes that …``, ``is expected to …``), stances with a
noun-phrase content (``endorsed Cruz``, ``criticized the plan``), stance adjectives (``is confident
that …``) and reports without a stated source (``seems to …``, ``Asked about …``).

Each record's ``act`` says what its cue reports (``speech``, ``belief`` or ``stance``; in the parc
profile a verb is speech when the speech profile reads it the same way), so speech-only readers can
filter the parc output. A statement nested in another ("According to TASS, Dujarric said …",
"Officials said Trump told them …") is reported at both levels, the inner one with ``relayed_by``
(``resolution.relayed``). A passive report without an agent ("He is said to …", "She was told
that …") has no source. See ``docs/attribution.md``.

Content spans: for direct quotes, the text inside the marks (a trailing comma dropped); for indirect
speech, the complement clause including ``that`` (PolNeAR's convention; it scores a little better than
leaving ``that`` out: F1 0.675 against 0.674 on PolNeAR train); final punctuation is dropped.

Sources are the mention as written (``She``, ``the chancellor``, ``who``); ``speakers.resolve_speakers``
links them to entities. The functions never call the pipeline again and walk the tokens a fixed
number of times, with lemma lookups done on precomputed hash sets.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from presslens.extract.attribution.context import LEXICONS, Candidate, Context, CueLexicon
from presslens.extract.attribution.continuations import continuations
from presslens.extract.attribution.direct import direct_candidates
from presslens.extract.attribution.indirect import indirect_candidates
from presslens.extract.attribution.learned_cues import CueModel, load_cue_model
from presslens.extract.attribution.learned_ends import learned_ends
from presslens.extract.attribution.quotes import Quote, find_quotes
from presslens.extract.attribution.resolution import extend_over_quotes, resolve, to_attributions
from presslens.schema import Attribution

__all__ = ["Quote", "find_attributions", "find_quotes"]


def find_attributions(
    doc: Doc, *, profile: str = "speech", learned_cues: bool = True, cue_model: CueModel | None = None
) -> list[Attribution]:
    """Direct, indirect and mixed attributions in ``doc``, sorted by content start.

    ``profile="speech"`` (the default) reports what people and organisations said or wrote;
    ``profile="parc"`` also reports beliefs (``thinks that …``), stances with a noun-phrase content
    (``endorsed Cruz``, ``criticized the plan``) and stance adjectives, as PARC and PolNeAR annotate.
    Sources carry the mention as written (``source.name`` and ``source.entity`` are ``None``);
    ``presslens.extract.speakers.resolve_speakers`` resolves them. The parc profile also asks the
    learned cue model (``learned_cues.py``) about verbs outside the lexicon and where contents end
    (``learned_ends.py``): ``learned_cues=False`` turns that off, ``cue_model`` replaces the shipped
    model (for training and evaluation).
    """
    if profile not in LEXICONS:
        raise ValueError(f"unknown profile {profile!r}; expected one of {sorted(LEXICONS)}")
    if len(doc) == 0:
        return []
    lex = LEXICONS[profile]
    model = (cue_model or load_cue_model()) if lex.parc and learned_cues else None
    ctx, kept, nested, loose = resolved_candidates(doc, lex, model)
    if model is not None and model.ends is not None:
        kept = learned_ends(ctx, kept, model.ends)
    chain = [_last_speaker(ctx, k, nested) for k in kept]
    kept = sorted(kept + nested + continuations(ctx, chain, loose), key=lambda c: c.start)
    return to_attributions(ctx, kept)


def resolved_candidates(
    doc: Doc, lex: CueLexicon, model: CueModel | None
) -> tuple[Context, list[Candidate], list[Candidate], list[Candidate]]:
    """The document's context, the candidates that win overlaps, the relayed ones and the loose quotes."""
    ctx = Context(doc, lex, model)
    direct, loose = direct_candidates(ctx)
    used = {c.cue_tok for c in direct}
    indirect = [extend_over_quotes(ctx, c) for c in indirect_candidates(ctx, used)]
    kept, nested = resolve(ctx, direct + indirect)
    return ctx, kept, nested, loose


def _last_speaker(ctx: Context, outer: Candidate, nested: list[Candidate]) -> Candidate:
    """``outer``, or the relayed statement that ends it, over ``outer``'s extent.

    A quote after 'According to CNN, Sanders said, "…"' continues Sanders (relayed by CNN), not CNN.
    """
    text = ctx.text
    for n in nested:
        if (
            outer.start <= n.start
            and n.end <= outer.end
            and not any(ch.isalnum() for ch in text[n.end : outer.end])
        ):
            return replace(n, start=outer.start, end=outer.end)
    return outer
