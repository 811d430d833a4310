"""Scorers for the evaluation data sets in ``../shared/data``."""
