"""The words of the product: what a moment, person, suggestion, prompt and reflection are.

Frozen dataclasses (`model`), their enums (`enums`), ids, the error types the whole core
raises (`errors`), the rules for user text (`text`), the quick-capture parser (`capture`)
and the translation table for core messages (`i18n`). It is the bottom layer: it imports
nothing else from mlcoach, and its modules stay light, because `mlcoach capture` loads
`enums`, `ids` and `text` on its fast path.
"""
