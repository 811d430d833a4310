"""Rebuild ``src/presslens/lexicon/given_names.tsv``: given names and the pronouns that refer to them.

The hand list in ``lexicon/names.py`` holds about 300 mostly English given names, so a name like
"Marguerite Lavoie" was neither known as a person's name nor given a gender, and "she" could not
prefer her over a man. Two sources widen it:

* the US Census Bureau's 1990 first-name frequencies by sex (public domain), as shipped in the
  MIT-licensed PyPI package ``names==0.3.0`` (``pip install names==0.3.0``); names held by at least
  0.002 % of either sex;
* the train and dev splits of the coreference corpora in ``../shared/data/coref`` (GAP, GUM,
  LitBank; never their test splits): the first word of every proper name of two or more words whose
  entity a gendered pronoun refers to ("Cheryl Cassidy" … "her" → cheryl, female), titles skipped;
  a word seen in only one such chain and not in the census is left out;
* given names of many countries ("Anjali", "Emeka", "Olumide", "Thandiwe"), from the first-name
  lists of the Latin-script locales of the MIT-licensed PyPI package ``faker==40.54.0``, for names
  neither source above holds. A word any of its locales lists as a family name ("Sharma", "Khan",
  "Mensah"), a census family name or an English word the pipeline's lemmatizer knows is left out,
  since a family name taken for a given name turns "Khan" of "Sadiq Khan" into a first name.

A word the PolNeAR train articles write in lower case inside a sentence at least as often as
capitalised ("may", "will", "rose"), a month, title or role word is no given name. The gender is
``m`` or ``f`` when that sex has at least nine in ten of a name's census frequency (of its coref
chains for a name the census lacks, of the locales' male and female lists for a world name), else ``-`` (a given name of either sex);
a census or coreference name that at least two locales, and a third of those listing it, give to the
other sex is ``-`` too ("Patrice", "Nicola": a woman's name in the census, a man's in France or Italy). A third column marks
names that are also common census family names (``s``: "clinton", "warren"), which alone are not
taken for a given name.

    .venv/bin/python training/build_given_names.py            # writes the table
    .venv/bin/python training/build_given_names.py --check    # exits 1 if the table is stale

Licences: census data public domain; faker's name lists MIT; GAP annotations Apache-2.0 (Wikipedia text CC BY-SA 3.0), GUM
CC BY(-SA) 4.0 per document, LitBank CC BY 4.0. The table holds single words and a letter.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from presslens.lexicon import roles
from presslens.lexicon.calendar import MONTHS
from presslens.nlp import english_words

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "coref"
POLNEAR_TRAIN = DATA.parent / "polnear" / "train" / "text"
MIN_CENSUS_PERCENT = 0.002
MIN_SURNAME_PERCENT = 0.005
MAJORITY = 0.9
OUT = Path(__file__).resolve().parents[1] / "src" / "presslens" / "lexicon" / "given_names.tsv"
SPLITS = ("train", "dev")
CORPORA = ("gap", "gum", "litbank")
PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
HONORIFICS = frozenset("mr mrs ms miss dr sir lady lord dame madame monsieur mme mlle herr frau".split())


def documents(data: Path) -> Iterator[dict]:
    for corpus in CORPORA:
        for split in SPLITS:
            with open(data / corpus / f"{corpus}_{split}.jsonl", encoding="utf-8") as fh:
                yield from (json.loads(line) for line in fh)


def first_given_word(name: str) -> str | None:
    """The first word of a proper name of two or more words, after titles; None if it is no name."""
    words = name.split()
    while words and (
        words[0].lower().rstrip(".") in roles.TITLES or words[0].lower().rstrip(".") in HONORIFICS
    ):
        words = words[1:]
    if len(words) < 2:
        return None
    first, rest = words[0], words[1:]
    if not (first.isalpha() and first[0].isupper() and not first.isupper() and len(first) > 1):
        return None
    if not all(w[:1].isupper() for w in rest):
        return None
    return first.lower()


def count(data: Path) -> dict[str, Counter[str]]:
    """Given name → counts of the genders of the pronouns that refer to its entities."""
    out: dict[str, Counter[str]] = {}
    for doc in documents(data):
        genders: dict[str, Counter[str]] = {}
        names: dict[str, set[str]] = {}
        for m in doc["mentions"]:
            entity = m.get("entity_id")
            if entity in (None, "neither"):
                continue
            gender = PRONOUN_GENDER.get(m["text"].lower())
            if gender:
                genders.setdefault(entity, Counter())[gender] += 1
            elif not m.get("pronoun") and (word := first_given_word(m["text"])):
                names.setdefault(entity, set()).add(word)
        for entity, words in names.items():
            evidence = genders.get(entity)
            if not evidence:
                continue
            if evidence["m"] and evidence["f"]:
                continue  # a chain that mixes genders is not evidence
            gender = "m" if evidence["m"] else "f"
            for word in words:
                out.setdefault(word, Counter())[gender] += 1
    return out


def census() -> dict[str, Counter[str]]:
    """Given name → its census frequency (percent of people) by sex, from the ``names`` package."""
    import names  # the census tables ship inside this package (train-time only)

    out: dict[str, Counter[str]] = {}
    folder = Path(names.__file__).parent
    for sex, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (folder / file).read_text().splitlines():
            name, percent = line.split()[:2]
            if float(percent) >= MIN_CENSUS_PERCENT:
                out.setdefault(name.lower(), Counter())[sex] += float(percent)
    return out


def census_surnames() -> set[str]:
    """Family names held by at least ``MIN_SURNAME_PERCENT`` % of people in the census ("clinton")."""
    import names

    table = (Path(names.__file__).parent / "dist.all.last").read_text().splitlines()
    return {line.split()[0].lower() for line in table if float(line.split()[1]) >= MIN_SURNAME_PERCENT}


def world_first_names() -> dict[str, Counter[str]]:
    """Given name → the number of faker locales that list it as a male (``m``) or female (``f``)
    first name, or for either (both); only Latin-script names that no locale lists as a family name."""
    import pkgutil

    import faker.providers.person as person  # train-time only

    first: dict[str, Counter[str]] = {}
    family: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        lists = {
            attr: names
            for attr in dir(provider)
            if attr.startswith(("first_names", "last_names"))
            and isinstance(names := getattr(provider, attr), (list, tuple, dict, set, frozenset))
        }
        gendered = "first_names_male" in lists or "first_names_female" in lists
        for attr, names in lists.items():
            if attr in ("first_names", "first_names_nonbinary") and gendered:
                continue  # the union of the gendered lists
            for name in names:
                word = name.lower()
                if attr.startswith("last_names"):
                    family.add(word)
                elif _latin_word(word):
                    sexes = "m" if attr.endswith("_male") else "f" if attr.endswith("_female") else "mf"
                    first.setdefault(word, Counter()).update(sexes)
    return {name: sexes for name, sexes in first.items() if name not in family}


def _latin_word(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and all("LATIN" in unicodedata.name(c, "") for c in word)


def common_words(folder: Path) -> set[str]:
    """Words the articles write in lower case inside a sentence at least as often as capitalised."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for path in folder.glob("*.txt"):
        words = path.read_text(encoding="utf-8").split()
        for before, word in zip(words, words[1:], strict=False):
            word = word.strip(".,;:!?\"'()")
            if not word.isalpha() or before[-1:] in '.!?"':
                continue
            (upper if word[0].isupper() else lower)[word.lower()] += 1
    return {w for w, n in lower.items() if n >= upper[w]}


def genders(
    census_percent: dict[str, Counter[str]],
    coref: dict[str, Counter[str]],
    common: set[str],
    world: dict[str, Counter[str]] | None = None,
    surnames: set[str] = frozenset(),
) -> dict[str, str]:
    """Given name → "m", "f" or "-" (either)."""
    excluded = common | roles.TITLES | HONORIFICS | roles.PERSON_ROLE_NOUNS | set(MONTHS)
    out = {}
    for name in sorted(set(census_percent) | set(coref)):
        if name in excluded or len(name) < 2:
            continue
        if name not in census_percent and sum(coref[name].values()) < 2:
            continue  # one coref chain alone is too little evidence for a word ("New")
        out[name] = _side(census_percent[name] if name in census_percent else coref[name])
        if out[name] != "-" and name in (world or {}) and _contradicted(out[name], world[name]):
            out[name] = "-"  # "Patrice", "Nicola", "Daniele": a woman's name in the US, a man's in France or Italy
    english = english_words()
    for name, sexes in (world or {}).items():
        if name not in out and name not in excluded | surnames | english:
            out[name] = _side(sexes)
    return out


def _contradicted(side: str, world: Counter[str]) -> bool:
    """Whether the world's first-name lists give a name of one sex to the other sex often enough: in at
    least two locales and a third of those that list it."""
    other = world["f" if side == "m" else "m"]
    return other >= 2 and 3 * other >= world["m"] + world["f"]


def _side(evidence: Counter[str]) -> str:
    total = evidence["m"] + evidence["f"]
    return "m" if evidence["m"] >= MAJORITY * total else "f" if evidence["f"] >= MAJORITY * total else "-"


def table(gender: dict[str, str], surnames: set[str]) -> str:
    lines = ["# given name<TAB>m, f or - (either)<TAB>s if also a common family name; built by training/build_given_names.py"]
    lines += [f"{name}\t{g}\t{'s' if name in surnames else ''}".rstrip("\t") for name, g in sorted(gender.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DATA, help="the coref folder (with gap/, gum/, litbank/)")
    p.add_argument("--polnear", type=Path, default=POLNEAR_TRAIN, help="PolNeAR train texts (common words)")
    p.add_argument("--out", type=Path, default=OUT, help="where to write the table")
    p.add_argument("--check", action="store_true", help="only compare with the table in place")
    args = p.parse_args(argv)
    surnames = census_surnames()
    given = genders(census(), count(args.data), common_words(args.polnear), world_first_names(), surnames)
    text = table(given, surnames)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("given-name table is up to date" if same else f"{args.out} differs from a rebuild")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {len(text.splitlines()) - 1} given names to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
