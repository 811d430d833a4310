"""A cheap check that a parsed text is English, the only language the model reads well."""

from __future__ import annotations

from spacy.tokens import Doc

MIN_WORDS = 20
# In English news about 40-50% of words are stop words; other languages score far lower.
MIN_STOPWORD_SHARE = 0.15


def english_warning(doc: Doc, sample: int = 2000) -> str | None:
    """A warning when ``doc`` does not look like English text, else None."""
    words = [t for t in doc[:sample] if t.is_alpha]
    if len(words) < MIN_WORDS:
        return None
    share = sum(t.is_stop for t in words) / len(words)
    non_latin = sum(not t.text.isascii() for t in words) / len(words)
    if share < MIN_STOPWORD_SHARE or non_latin > 0.5:
        return (
            f"text does not look like English ({share:.0%} English function words); "
            "analysed anyway, results may be poor"
        )
    return None
