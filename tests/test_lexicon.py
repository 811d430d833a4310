"""Word lists live in ``presslens/lexicon/`` and nowhere else, and each list is clean.

A word list is a set, frozenset, list, tuple or dict literal holding four or more strings that look
like words (letters, spaces, hyphens, apostrophes), or a block of four or more such words split
into a list (``words("say tell add ask")``, ``"…".split()``), written in a module's top-level code.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import presslens
from presslens.extract.dates import find_dates
from presslens.lexicon import corpus, names, roles
from presslens.lexicon.labels import NAME_LABELS, ORDINAL_LABEL

SRC = Path(presslens.__file__).resolve().parent
LEXICON = SRC / "lexicon"
MIN_WORDS = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z '’-]*\Z")
_LIST_CALLS = {"words", "_words", "frozenset", "set", "tuple", "list", "hashes"}

# Names that hold identifiers of our own (record fields, table columns, feature names, HTTP headers, kinds,
# highlight layers, Arrow schemas, SQL by table, column types, exports) or spaCy's dependency labels and
# part-of-speech tags (grammar, not vocabulary), never compared with article text.
_IDENTIFIER_NAME = re.compile(
    r"__all__|(?:\w+_)?(?:COLUMNS|FIELDS|FEATURES|HEADERS|KINDS|LAYERS|SCHEMAS|SQL|TYPES|DEPS|TAGS)"
)

# Word-like literals that are not vocabularies, with the reason.
NOT_WORD_LISTS = {
    # Each date pattern's first words: the index under which the pattern is tried, kept beside it.
    ("extract/dates/rules.py", "_RULES"),
    # The speaker resolver's mention types ("he", "desc_person", "named"): identifiers of our own.
    ("extract/speakers/features.py", "RESOLVABLE"),
    ("extract/speakers/features.py", "_TYPE_GROUP"),
    ("extract/speakers/__init__.py", "_CONFIDENCE"),
    # The persuasion techniques of the task (labels stored in the model file), never compared with text.
    ("extract/framing/techniques.py", "TECHNIQUES"),
    # Date grains ("day", "week", "month", "year") ranked: identifiers of our own date values.
    ("extract/dates/said_on.py", "_GRAIN_RANK"),
}


def _word_strings(node: ast.Set | ast.List | ast.Tuple | ast.Dict) -> list[str]:
    items = (
        [*(k for k in node.keys if k is not None), *node.values] if isinstance(node, ast.Dict) else node.elts
    )
    return [
        i.value
        for i in items
        if isinstance(i, ast.Constant) and isinstance(i.value, str) and _WORD.match(i.value)
    ]


def _word_block(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        found = node.value.split()
        if len(found) >= MIN_WORDS and all(_WORD.match(w) for w in found):
            return found
    return []


def _call_name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _statement_name(stmt: ast.stmt) -> str:
    if isinstance(stmt, ast.Assign | ast.AnnAssign):
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
        return target.id if isinstance(target, ast.Name) else ast.unparse(target)
    if isinstance(stmt, ast.ClassDef):
        return stmt.name
    return f"line {stmt.lineno}"


def word_lists(source: str) -> Iterator[tuple[str, list[str]]]:
    """(name of the top-level statement, its first words) for each word list in ``source``."""

    def walk(node: ast.AST) -> Iterator[list[str]]:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return  # code, not module data
        if isinstance(node, ast.Subscript):
            yield from walk(node.value)  # a type such as Literal["a", "b", …] is not data
            return
        if (
            isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict)
            and len(_word_strings(node)) >= MIN_WORDS
        ):
            yield _word_strings(node)
        if isinstance(node, ast.Call):
            if _call_name(node.func) in _LIST_CALLS:
                yield from filter(None, map(_word_block, node.args))
            if (
                isinstance(node.func, ast.Attribute)
                and node.func.attr == "split"
                and _word_block(node.func.value)
            ):
                yield _word_block(node.func.value)
        for child in ast.iter_child_nodes(node):
            yield from walk(child)

    for stmt in ast.parse(source).body:
        name = _statement_name(stmt)
        for found in walk(stmt):
            yield name, found[:MIN_WORDS]


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(SRC.rglob("*.py")):
        yield path.relative_to(SRC).as_posix(), path


def test_the_scan_finds_word_lists() -> None:
    source = '''
from typing import Literal
A = frozenset({"say", "tell", "add", "ask"})
B = words("""think believe feel hope""")
C = cues.hashes({"one", "two", "three", "four"})
D = "poll survey study report".split()
E = {"PERSON": 1, "ORG": 2, "GPE": 3, "LOC": 4}
Kind = Literal["person", "organization", "place", "group"]
__all__ = ["find", "load", "save", "Model"]
PATTERN = re.compile(r"one|two|three|four")
def f():
    return {"a", "b", "c", "d"}
'''
    assert [name for name, _ in word_lists(source)] == ["A", "B", "C", "D", "E", "__all__"]


def test_word_lists_live_in_the_lexicon() -> None:
    found = []
    for rel, path in _modules():
        if rel.startswith("lexicon/"):
            continue
        for name, first in word_lists(path.read_text(encoding="utf-8")):
            if _IDENTIFIER_NAME.fullmatch(name) or (rel, name) in NOT_WORD_LISTS:
                continue
            found.append(f"{rel}: {name} = {' '.join(first)} …")
    assert not found, "word lists outside presslens/lexicon/ (move them there):\n" + "\n".join(found)


# ---------------------------------------------------------------------------------------------
# Each list is clean
# ---------------------------------------------------------------------------------------------

LEXICON_MODULES = sorted(p.stem for p in LEXICON.glob("*.py") if p.stem != "__init__")


def _repeats(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({w for w in items if w in seen or seen.add(w)})


@pytest.mark.parametrize("module", LEXICON_MODULES)
def test_no_list_repeats_a_word(module: str) -> None:
    """Sets would hide a repeat; the source should not have one (a repeat is usually a misplaced word)."""
    tree = ast.parse((LEXICON / f"{module}.py").read_text(encoding="utf-8"))
    problems = []
    phrases = {
        id(k) for n in ast.walk(tree) if isinstance(n, ast.Dict) for k in n.keys if isinstance(k, ast.Tuple)
    }
    for node in ast.walk(tree):
        if id(node) in phrases:
            continue  # a phrase such as ("as", "many", "as") may repeat a word
        if isinstance(node, ast.Call) and _call_name(node.func) in _LIST_CALLS:
            for arg in node.args:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and _repeats(arg.value.split())
                ):
                    problems.append(f"line {arg.lineno}: {_repeats(arg.value.split())}")
        if isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            strings = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
            keys = [ast.unparse(k) for k in items if isinstance(k, ast.Tuple)]  # phrases as tuples
            if _repeats(strings) or _repeats(keys):
                problems.append(f"line {node.lineno}: {_repeats(strings) or _repeats(keys)}")
    assert not problems, f"lexicon/{module}.py repeats words: {problems}"


# Lists compared with text as spaCy writes its labels, in upper case; every other list is compared
# with lower-cased words or lemmas (``Token.lower_``, ``str.lower()``, ``lemma_.lower()``).
UPPER_CASE_LISTS = {("labels", "NAME_LABELS"), ("labels", "ENTITY_KINDS")}


def _compared_strings(value: object) -> Iterator[str]:
    """The strings the code looks up: members of sets and sequences, keys of dicts (values are results)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _compared_strings(key)
            if isinstance(item, set | frozenset | tuple | list):
                yield from _compared_strings(item)
    elif isinstance(value, set | frozenset | tuple | list):
        for item in value:
            yield from _compared_strings(item)


@pytest.mark.parametrize("module", LEXICON_MODULES)
def test_lists_are_lower_case(module: str) -> None:
    mod = importlib.import_module(f"presslens.lexicon.{module}")
    upper = []
    for name, value in vars(mod).items():
        if name.startswith("_") or (module, name) in UPPER_CASE_LISTS or isinstance(value, str):
            continue
        if not isinstance(value, set | frozenset | tuple | list | dict):
            continue
        upper += [f"{name}: {s!r}" for s in _compared_strings(value) if s != s.lower()]
    assert not upper, (
        f"lexicon/{module}.py has upper-case entries in lists compared with lower-cased text: {upper}"
    )


# ---------------------------------------------------------------------------------------------
# The corpus layer's name lists follow the extractors' (lexicon/corpus.py derives them from roles)
# ---------------------------------------------------------------------------------------------


def test_corpus_titles_are_the_roles_titles_less_the_named_name_words() -> None:
    titles_and_modifiers = roles.TITLES | roles.TITLE_MODIFIERS
    assert corpus.TITLES == titles_and_modifiers - corpus.NAME_WORD_TITLES
    # an exception names a word that is a title; otherwise it is stale and should go
    assert corpus.NAME_WORD_TITLES <= titles_and_modifiers
    assert corpus.GENERIC_TITLES <= roles.TITLE_MODIFIERS and not corpus.GENERIC_TITLES & roles.TITLES
    assert corpus.MALE_TITLES <= roles.MALE_WORDS and corpus.FEMALE_TITLES <= roles.FEMALE_WORDS
    assert {"mr", "congressman"} <= corpus.MALE_TITLES and {"mrs", "congresswoman"} <= corpus.FEMALE_TITLES


def test_corpus_group_words_are_the_roles_groups_plus_the_named_extras() -> None:
    assert corpus.GROUP_WORDS == roles.GROUP_NOUNS | roles.ORG_ROLE_NOUNS | corpus.EXTRA_GROUP_WORDS
    # a word added to roles is no longer an extra: remove it from EXTRA_GROUP_WORDS
    assert not corpus.EXTRA_GROUP_WORDS & (roles.GROUP_NOUNS | roles.ORG_ROLE_NOUNS)


def test_corpus_suffixes_are_the_generation_suffixes() -> None:
    assert corpus.SUFFIXES == {s.rstrip(".") for s in names.GENERATION_SUFFIXES}


# ---------------------------------------------------------------------------------------------
# Name labels: dates and quantities read one set; ORDINAL stays out of it
# ---------------------------------------------------------------------------------------------


def test_dates_read_a_day_labelled_ordinal(nlp) -> None:
    """spaCy can label the day of "3rd May" ORDINAL; were ORDINAL a name label, the date would be lost."""
    assert ORDINAL_LABEL not in NAME_LABELS
    for text, day, value in [
        ("He said on 3rd May that the plan was dead.", "3rd May", "2016-05-03"),
        ("The 9th April deadline passed.", "9th April", "2016-04-09"),
    ]:
        doc = nlp(text)
        ordinal = next(t for t in doc if t.text == day.split()[0])
        assert ordinal.ent_type_ == ORDINAL_LABEL  # the case this guards
        assert [(d.text, d.value) for d in find_dates(doc, "2016-05-10")] == [(day, value)]


def test_a_given_name_written_without_its_accents_is_a_name_but_takes_no_gender_from_them():
    from presslens.lexicon.names import FEMALE_NAMES
    from presslens.lexicon.speakers import GIVEN_NAMES

    # "Gábor" written "Gabor"; "árún" is a woman's name in Iceland, "Arun" a man's in India
    assert "gabor" in GIVEN_NAMES and "arun" in GIVEN_NAMES
    assert "árún" in FEMALE_NAMES and "arun" not in FEMALE_NAMES
