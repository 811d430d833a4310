"""One module per page; each defines the HTML page and its JSON twin over the same data function."""
