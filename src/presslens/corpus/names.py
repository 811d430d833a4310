"""Person and group names normalised for matching across articles.

Titles ("Chancellor", "Sen.") are removed, middle names and initials dropped and accents folded,
giving a ``first last [suffix]`` key: "Angela Merkel", "Angela D. Merkel" and "German Chancellor
Angela Merkel" all read as ``angela merkel``. A bare surname keys as ``last [suffix]``; which
full name it belongs to is decided by ``presslens.corpus.speakers``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from presslens.lexicon.corpus import (
    FEMALE_TITLES,
    GENERIC_TITLES,
    GROUP_WORDS,
    MALE_TITLES,
    PARTICLES,
    PRONOUNS,
    SUFFIXES,
    TITLES,
)

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
    titles = frozenset(f for f in folded[:cut] if f in TITLES and f not in GENERIC_TITLES)
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


def gender_clash(a: set[str] | frozenset[str], b: set[str]) -> bool:
    """True when one set of titles is male-only and the other female-only ("Mr" against "Mrs")."""
    return bool((a & MALE_TITLES and b & FEMALE_TITLES) or (a & FEMALE_TITLES and b & MALE_TITLES))
