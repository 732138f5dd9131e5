"""digest: turn the news sources you follow into one daily email digest."""

__version__ = "0.1.0"
