"""Moving history in and out: the JSON, CSV and Markdown export formats and the all-or-nothing
import (`exporting`).

Reads and writes through `mlcoach.store`; never imports SQLAlchemy itself. May import
`domain`, `system` and `store`.
"""
