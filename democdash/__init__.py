"""democdash: a sourced dashboard of democracy under pressure."""

__version__ = "0.1.0"
