"""Word lists as data, one module per concern (see ``speakers``)."""
