"""Errors the app reports to the user as one plain line."""

from __future__ import annotations

from mlcoach.domain.i18n import N_


class MlcoachError(Exception):
    """A runtime error with a one-line, user-facing message (CLI exit code 1).

    Args:
        message: English text; ``{name}`` fields are filled from `params`. The UI shows
            it in the user's language through `mlcoach.domain.i18n.error_text`.
    """

    def __init__(self, message: str = "", /, **params: object) -> None:
        super().__init__(message.format(**params) if params else message)
        self.template = message
        self.params = params

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.template, self.params))


def _rebuild(cls: type[MlcoachError], template: str, params: dict[str, object]) -> MlcoachError:
    return cls(template, **params)


class UsageError(MlcoachError):
    """The user asked for something malformed (CLI exit code 2)."""


class StoreLockedError(MlcoachError):
    """The store exists but cannot be opened with the key at hand."""


class NotInitializedError(MlcoachError):
    """No store yet, and it cannot be created without the user's choice."""


class MomentDeletedError(MlcoachError):
    """A capture sent again (a hand-over whose answer was lost, a retry) whose moment the
    user deleted meanwhile: it stays deleted. Raised with MOMENT_DELETED."""


MOMENT_DELETED = N_("the moment {id} was stored and has since been deleted; it is not "
                    "stored again")


class PersonDeletedError(MlcoachError):
    """A window's save for someone picked there whom the user deleted meanwhile
    (History's People tab, `people delete`): nothing is saved and they stay deleted.
    Raised with PERSON_DELETED."""


PERSON_DELETED = N_("{name} was deleted meanwhile, so nothing was saved for them")

#: A window's save for someone merged into another meanwhile (their editor's).
PERSON_MERGED = N_("{name} was merged into {into} meanwhile, so nothing was saved for "
                   "them; edit {into} instead")


class StoreUnavailableError(MlcoachError):
    """The data file could not be read or written just now (busy, being restored, damaged).

    The store raises it in place of its database library's errors, so nothing outside
    `mlcoach.store` needs to know that library; `__cause__` keeps the original.
    """


class StoreBusyError(StoreUnavailableError):
    """Another writer held the store for longer than this write would wait."""
