"""People's names compared as strings: which written forms are one person's ("Merkel" of "Angela
Merkel", "Guajardo Villarreal" of "Ildefonso Guajardo Villarreal", "Tavares Quintela" of "Marcelo
Tavares"), used by ``entities`` when it clusters mentions."""

from __future__ import annotations

from presslens.extract import cues
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.corpus import PARTICLES
from presslens.lexicon.names import GENERATION_SUFFIXES, INITIAL_IN_NAME


def glued_before(form: str, name: str) -> bool:
    """Whether ``form`` is one capitalised word that is no given name, then ``name``, a given name and
    a family name."""
    extra, _, rest = form.partition(" ")
    words = name.split()
    return (
        rest == name and len(words) >= 2 and words[0].lower() in lexicon.GIVEN_NAMES and words[0].lower() not in PARTICLES
        and extra.lower() not in lexicon.GIVEN_NAMES and extra.isalpha()
    )


def without_middle_initial(name: str) -> str:
    """ "Loretta E. Lynch" → "Loretta Lynch": the name people are known by, unless the initial is part
    of it ("George W. Bush", ``lexicon.names.INITIAL_IN_NAME``) or the name starts with initials."""
    words = name.split()
    if len(words) < 3 or name.lower() in INITIAL_IN_NAME or is_initial(words[0]):
        return name
    kept = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and is_initial(w))]
    return " ".join(kept)


def is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def person_words(name: str) -> list[str]:
    """Lower-cased words of a person's name without leading titles or a generation suffix, with
    straight apostrophes ("O’Neill" and "O'Neill" are one name; "Larry King" keeps "king")."""
    words = name.lower().replace("’", "'").split()
    while len(words) > 1 and words[0].rstrip(".") in cues.TITLES:
        words.pop(0)
    if len(words) > 1 and words[-1] in GENERATION_SUFFIXES:
        words.pop()
    return words


def person_key_parts(name: str) -> tuple[str, str]:
    words = person_words(name)
    if not words:
        return "", ""
    return words[0], words[-1]


def is_name_tail(part: str, whole: str) -> bool:
    """ "Guajardo Villarreal" ends "Ildefonso Guajardo Villarreal"; "De Blasio" ends "Bill de Blasio"."""
    part_words, whole_words = part.lower().replace("’", "'").split(), whole.lower().replace("’", "'").split()
    return 1 < len(part_words) < len(whole_words) and whole_words[-len(part_words) :] == part_words


def second_family_name_of(full: str, pair: str, text: str) -> bool:
    """Whether ``pair`` is two family names whose first ends the two-word ``full`` name ("Tavares
    Quintela" of "Marcelo Tavares") and ``text`` writes all three ("Mayor Marcelo Tavares Quintela")."""
    words, names = full.split(), pair.split()
    return (
        len(words) == 2 and len(names) == 2 and words[1] == names[0]
        and names[1].lower() not in lexicon.GIVEN_NAMES and words[0].lower() in lexicon.GIVEN_NAMES
        and f"{full} {names[1]}" in text
    )


def surname_of(form: str, name: str) -> bool:
    """ "De Blasio" (tagged ORG in a headline) of "Bill de Blasio", "Wang" of "Wang Yi"; not an acronym."""
    return not form.isupper() and len(name.split()) > 1 and is_family_name(form, name)


def opens_name(form: str, name: str) -> bool:
    """ "Maple Crest" (tagged PERSON) of "Maple Crest Foods Inc.": the first words of a longer name."""
    words = form.split()
    return len(words) >= 2 and name.split()[: len(words)] == words and name != form


def is_family_name(form: str, full_name: str) -> bool:
    return (
        is_name_tail(form, full_name)
        or (len(form.split()) == 1 and person_key_parts(full_name)[1] == form.lower().replace("’", "'"))
        or family_name_written_first(form, full_name)
        or first_family_name_of(form, full_name)
    )


def family_name_written_first(form: str, name: str) -> bool:
    """ "Wang" of "Wang Yi", "Han" of "Han Ji-woo": the first of two words, never a given name ("Tim" of
    "Tim Cook") unless a Korean-style given name follows ("Kim" of "Kim Seo-yeon")."""
    words = name.split()
    if len(words) != 2 or form.lower() != words[0].lower():
        return False
    return form.lower() not in lexicon.GIVEN_NAMES or korean_given_name(words[1])


def korean_given_name(word: str) -> bool:
    """A given name written the Korean way, two syllables joined by a hyphen ("Seo-yeon", "Tae-min")."""
    first, _, rest = word.partition("-")
    return first.istitle() and rest.isalpha() and rest.islower()


def first_family_name_of(form: str, name: str) -> bool:
    """ "Parra" of "Gustavo Adolfo Parra Mejía", "Ferrer" of "Yasmany Ferrer Olivera", "Almonte" of
    "Yokasta Almonte de Peguero": the first of two family names after the given names, the way
    Spanish-language copy shortens a name. A listed given name there ("Rosario" of "Francisco Javier
    Rosario Abreu") counts only after two given names, so "Ann" of "Mary Ann Smith" is no family name."""
    words = [w for w in name.split() if not (w.islower() and w in PARTICLES)]
    if len(words) < 3 or form.lower() != words[-2].lower() or is_initial(words[-2]):
        return False
    if words[-1].lower() in lexicon.GIVEN_NAMES:
        return False
    given = words[:-2]
    if given[-1].lower() in lexicon.GIVEN_NAMES:
        return words[-2].lower() not in lexicon.GIVEN_NAMES or len(given) >= 2
    return len(given) == 1 and words[-2].lower() not in lexicon.GIVEN_NAMES
