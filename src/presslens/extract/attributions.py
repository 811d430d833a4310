"""Old import path of ``presslens.extract.attribution``, kept for one release; import from there."""

from presslens.extract.attribution import Quote, find_attributions, find_quotes

__all__ = ["Quote", "find_attributions", "find_quotes"]
