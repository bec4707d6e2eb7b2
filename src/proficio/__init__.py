"""Proficio: a self-hostable mastery-learning platform."""

__version__ = "0.1.0"
