"""Errors the app reports to the user as one plain line."""


class MlcoachError(Exception):
    """A runtime error with a one-line, user-facing message (CLI exit code 1)."""


class UsageError(MlcoachError):
    """The user asked for something malformed (CLI exit code 2)."""


class StoreLockedError(MlcoachError):
    """The store exists but cannot be opened with the key at hand."""


class NotInitializedError(MlcoachError):
    """No store yet, and it cannot be created without the user's choice."""
