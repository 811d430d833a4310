"""Acronyms and short forms and the names they stand for: "FBI" of "Federal Bureau of Investigation",
"Peabody" of "Peabody Energy", and the name spelled out before a bracketed acronym ("The Laos-China
Railway Company Limited (LCRC)")."""

from __future__ import annotations

from presslens.lexicon.names import ACRONYM_SKIP, ORG_SUFFIXES

__all__ = ["acronym_of", "acronyms_of", "is_last_word_of", "name_spelled_before", "short_form_of"]


def acronym_of(name: str) -> str:
    """The initials of a name's capitalised words, "of", "the" and the like aside ("FBI")."""
    return "".join(w[0] for w in name.split() if w.lower() not in ACRONYM_SKIP and w[:1].isupper())


def acronyms_of(name: str) -> set[str]:
    """The acronyms a name may go by: its initials without "of", "and" and the like ("PBC"), and with
    them ("PBOC" of "People's Bank of China"); only those of two letters or more."""
    return {a for a in (acronym_of(name), _every_initial(name)) if len(a) >= 2}


def name_spelled_before(text: str, bracket_end: int, acronym: str) -> str | None:
    """The capitalised words before "(" + ``acronym`` whose initials spell it, or None; never a
    dateline ("ALLENTOWN, Pa. (AP)" spells "AP")."""
    before = text[max(0, bracket_end - 160) : bracket_end]
    if not before.endswith("("):
        return None
    words = before[:-1].rstrip().split(" ")[-12:]
    acronym = acronym.replace(".", "")
    for n in range(2, len(words) + 1):
        name = " ".join(words[-n:])
        if "\n" in name or not name[:1].isupper():
            continue
        if "," in name and name.split()[0].rstrip(",").isupper():
            return None  # a dateline before the agency's name: "ALLENTOWN, Pa. (AP)"
        spelled = [_initials(name, hyphens) for hyphens in (False, True)] + [_every_initial(name)]
        if any(i == acronym or (len(i) == len(acronym) + 1 and _spells_all_but_one(acronym, i)) for i in spelled):
            return name
        if len(spelled[0]) > len(acronym) + 1:
            return None
    return None


def _initials(name: str, hyphens: bool) -> str:
    """The letters an acronym of ``name`` may use: "UK Health Security Agency" (a short capitalised word
    gives all its letters), with ``hyphens`` each part of "Laos-China"; no "of", "the" or "Limited"."""
    words = [w for w in name.split() if w.lower() not in ACRONYM_SKIP | ORG_SUFFIXES and w[:1].isupper()]
    return "".join(
        w if w.isupper() and w.isalpha() and len(w) <= 3
        else "".join(p[0] for p in w.split("-") if p[:1].isupper()) if hyphens else w[0]
        for w in words
    )


def _every_initial(name: str) -> str:
    """The first letter of every word, "of" and "and" too, upper case: "PBOC" of "People's Bank of China",
    "CPAWS" of "Canadian Parks and Wilderness Society"; "" for a one-word name."""
    words = [w for w in name.split() if w[:1].isalpha() and w.lower() != "the"]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _spells_all_but_one(acronym: str, initials: str) -> bool:
    """ "CASC" of "China Aerospace Science and Technology Corporation": every initial but one inner one."""
    return len(acronym) >= 3 and any(initials[:i] + initials[i + 1 :] == acronym for i in range(1, len(initials) - 1))


def is_last_word_of(word: str, name: str) -> bool:
    """ "Times" of "Financial Times": the last word, of more than three letters, of a longer name."""
    words = name.split()
    return " " not in word and len(word) > 3 and len(words) > 1 and words[-1] == word


def short_form_of(short: str, name: str) -> bool:
    """Whether an organisation's ``short`` form stands for ``name``: its acronym ("CNS" for "Christian
    News Service"), its first word ("Peabody" for "Peabody Energy") or its last ("Times")."""
    if " " in short or len(short) < 2 or len(name.split()) < 2:
        return False
    return (
        short.replace(".", "") in acronyms_of(name)
        or (len(short) > 3 and name.split()[0] == short)
        or is_last_word_of(short, name)
    )
