"""Readers that turn inputs into Articles."""
