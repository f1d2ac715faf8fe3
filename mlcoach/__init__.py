"""mlcoach: practise micro-leadership, one small act at a time. Core package (no Qt)."""

__version__ = "0.2.0"
