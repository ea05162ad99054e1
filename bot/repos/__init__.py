"""All SQL lives here: one module per aggregate, each returning small dataclasses."""
