"""The influence coach: composing an approach to a colleague from their style, the change
wanted and its size (`composer`). Deterministic and offline.

May import `mlcoach.domain` (and `mlcoach.store` for what it reads of people).
"""
