"""wirecoder: raw news articles in, coded events out: who did what to whom, where and when."""

__version__ = "0.1.0"
