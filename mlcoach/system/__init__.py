"""The machine the app runs on: per-user folders (`paths`), the injected clock, launch at
login (`autostart`) and the single-instance channel (`instance`).

May import `mlcoach.domain` only. Nothing here knows about the store or coaching.
"""
