"""End-of-day reflection: today at a glance, energy, three short questions, streak.

Opening it costs a handful of indexed queries (`load_day_data`), run on the store's
worker (`mlcoach.ui.ops`) before the window comes up; the streak and small-win count come
from `compute_stats`, which reads more, and fill in when ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

import shiboken6
from PySide6.QtCore import QDate, QEvent, QLocale, QMargins, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mlcoach.coaching.on_this_day import Echo, on_this_day
from mlcoach.coaching.reflection_questions import question_for
from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import Kind, Moment, Outcome, Reflection, Response
from mlcoach.domain.timestamps import local_day_bounds
from mlcoach.store.core import Store
from mlcoach.store.stats import Stats, compute_stats
from mlcoach.ui import ops
from mlcoach.ui.colours import mute
from mlcoach.ui.i18n import current_language, error_message
from mlcoach.ui.names import kind_words
from mlcoach.ui.quiet_scroll import quiet_scroll_area
from mlcoach.ui.reflection_draft import KEY as DRAFT_KEY
from mlcoach.ui.reflection_draft import Answers, ReflectionDraft, from_json
from mlcoach.ui.widgets.choice_row import ChoiceRow
from mlcoach.ui.widgets.discard import discard_confirmed
from mlcoach.ui.widgets.elided_label import ElidedLabel
from mlcoach.ui.widgets.helpers import clear_layout, close_keys
from mlcoach.ui.widgets.on_screen import keep_on_screen
from mlcoach.ui.widgets.outcome_row import OutcomeRow
from mlcoach.ui.widgets.page_tabs import resize_within_screen, screen_room
from mlcoach.ui.widgets.plain_text import Label

logger = logging.getLogger(__name__)

MAX_MOMENTS = 50  # a day rarely has more; the list stays short and the query bounded
# Today's rows scroll on their own beyond this height: 240 px at the usual font, more
# lines' worth at a larger one, but never more than half the screen.
_GLANCE_MAX_HEIGHT = 240
_GLANCE_MAX_LINES = 14


_NO_ANSWERS: Answers = (None, "", "", "")


@dataclass(frozen=True, slots=True)
class DayData:
    """Everything the dialog shows for one local day except the streak."""

    day: date
    prompts_shown: int
    prompts_acted: int
    moments: list[Moment]
    follow_ups: list[Moment]
    reflection: Reflection | None
    echoes: list[Echo]  # the same date a month and a year ago


def load_day_data(store: Store, now: datetime, tz: tzinfo) -> DayData:
    """Read one day with a few indexed queries (never the whole history)."""
    day = now.astimezone(tz).date()
    start, end = local_day_bounds(day, tz)
    events = store.prompt_events(since=start)
    moments = store.moments(since=start, until=end, limit=MAX_MOMENTS, newest_first=False)
    shown_ids = {m.id for m in moments}
    follow_ups = [m for m in store.follow_ups_due(day) if m.id not in shown_ids]
    return DayData(
        day=day,
        prompts_shown=sum(1 for e in events if e.shown_at < end),
        prompts_acted=sum(1 for e in events if e.shown_at < end and e.response is Response.DONE),
        moments=moments,
        follow_ups=follow_ups,
        reflection=store.reflection(day),
        echoes=on_this_day(store, day, tz),
    )


def _read_draft(store: Store) -> object:
    """On the worker: the reflection draft kept in the store (None when unreadable)."""
    try:
        return store.get_state(DRAFT_KEY)
    except MlcoachError as exc:
        logger.warning("could not read the reflection draft: %s", exc)
        return None


class ReflectionDialog(QDialog):
    """The end-of-day reflection; `load_day(then=show)` to show it. The app builds it once
    its ORM store is open (on the worker), so it comes up whole.

    Signals:
        reflection_saved(): the reflection was written to the store.
    """

    reflection_saved = Signal()

    DRAFT_DELAY_MS = 800  # typing pause before what was typed is kept in the store

    def __init__(self, store: Store, *, clock: Callable[[], datetime], tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._tz = tz
        self._day = clock().astimezone(tz).date()
        self._loaded: Answers = (None, "", "", "")
        self._loaded_at: datetime | None = None  # when the shown reflection was saved
        self._draft_kept = False  # whether the store may hold a draft of this dialog's
        self._saving = False  # a save is on its way to the store
        self._stats_request = 0
        self._day_request = 0  # each load_day asks anew; an older read's outcome is dropped
        self._day_shown = 0  # the last load_day whose read is on show
        self._glance_request = 0
        self._fitted = False  # sized to the body at the first show
        self.setWindowTitle(self.tr("Reflect on today"))
        self.setAccessibleName(self.tr("Reflect on today"))
        # 620 px wide to begin with, not as a minimum: a portrait monitor at 200 % (540 px)
        # is narrower, and its right part was past the screen's edge.
        self.resize(620, self.height())

        self._title = Label(self)
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._stats = mute(Label(self))
        self._stats.setAccessibleDescription(self.tr("Streak and small wins"))
        self._prompts = mute(Label(self))
        self._prompts.setAccessibleDescription(self.tr("Prompts today"))

        self._moments_box = QVBoxLayout()
        self._follow_box = QVBoxLayout()
        self._follow_title = self._section(self.tr("Follow-ups due"))
        self._glance = self._build_glance()
        # On this day: one quiet line each for a month and a year ago.
        self._echoes = [mute(ElidedLabel("", self)) for _ in range(2)]
        for label in self._echoes:
            label.hide()

        self.energy = ChoiceRow(
            [(n, str(n), self.tr("Energy {n} of 5").format(n=n)) for n in range(1, 6)],
            name=self.tr("Energy"), parent=self,
        )
        for button in self.energy.buttons():
            button.setMinimumWidth(button.sizeHint().height() + 12)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.went_well = self._text_box(self.tr("What went well"))
        self.differently = self._text_box(self.tr("What I would do differently"))
        self.intention = QLineEdit(self)
        self.intention.setAccessibleName(self.tr("One small intention for tomorrow"))
        self.intention.setPlaceholderText(self.tr("Tomorrow I will…"))

        self._restored = mute(Label(self.tr(
            "Brought back what you typed before mlcoach closed. It is not saved yet."), self))
        self._restored.setWordWrap(True)
        self._restored.hide()
        self._error = Label(self)
        self._error.setAccessibleDescription(self.tr("Problem"))
        self._error.setWordWrap(True)
        self._error.hide()
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self)
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(
            self.tr("Save the reflection"))
        self._buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            self.tr("Close"))
        self._buttons.accepted.connect(self.save)
        self._buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        close_keys(self, self.reject)  # as Esc: asks before typed text is lost

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(self.DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        for signal in (self.energy.changed, self.went_well.textChanged,
                       self.differently.textChanged, self.intention.textChanged):
            signal.connect(self._draft_timer.start)

        self._build_layout()

    # -- public -----------------------------------------------------------------------

    def load_day(self, then: Callable[[], None] | None = None) -> None:
        """Read today's glance, reflection and draft on the store's worker (a handful of
        queries, ~25 ms on a year's store: never on the GUI thread), fill them in, then
        `then()` (show the window: it comes up whole); the streak follows. A read that a
        newer one overtook, or that finds words typed meanwhile, leaves them as they are."""
        now = self._clock()
        self._day_request += 1
        self._glance_request += 1  # a glance read before this is of the day left
        request, typed = self._day_request, self._current()
        store, tz = self._store, self._tz

        def read() -> tuple[DayData, object]:
            return load_day_data(store, now, tz), _read_draft(store)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self) or request != self._day_request:
                return
            if not isinstance(exc, MlcoachError):
                logger.error("today could not be read", exc_info=exc)
            self._show_error(self.tr("Could not load today: {reason}").format(
                reason=error_message(exc)))
            if then is not None:
                then()

        ops.run(read, lambda got: self._day_read(request, now, typed, *got, then), failed,
                left_at_quit=True)

    def loading(self) -> bool:
        """Whether a day's read is still on its way (the window shows the last one)."""
        return self._day_request != self._day_shown

    def _day_read(self, request: int, now: datetime, typed: Answers, data: DayData,
                  draft: object, then: Callable[[], None] | None) -> None:
        if not shiboken6.isValid(self) or request != self._day_request:
            return  # closed, or a newer read on its way: that one fills the window
        self._day_shown = request
        if self._current() != typed:  # typed into meanwhile: those words stay where they are
            if data.day == self._day:
                self._show_glance(data)
            if then is not None:
                then()
            return
        self._day = data.day
        self._error.hide()
        self._title.setText(QLocale().toString(_qdate(data.day),
                                               QLocale.FormatType.LongFormat))
        self._show_glance(data)
        self._fill_reflection(data.reflection)
        self._restore_draft(draft)
        self._ask_question(data.day)
        self._load_stats(now)
        if then is not None:
            then()

    def _show_glance(self, data: DayData) -> None:
        self._prompts.setText(self._prompts_text(data))
        self._fill_glance(data)
        self._fill_echoes(data.echoes)

    def refresh_glance(self) -> None:
        """Read the day shown again, on the store's worker, for its glance and "on this
        day" lines, leaving the answers as typed: a moment edited or deleted elsewhere
        (History) is not shown with the words that went."""
        self._glance_request += 1
        request, day, store, tz = self._glance_request, self._day, self._store, self._tz
        noon = datetime.combine(day, time(12), tzinfo=tz)

        def read() -> DayData:
            return load_day_data(store, noon, tz)

        def failed(exc: BaseException) -> None:
            logger.info("today's glance was not read again: %s", exc)

        ops.run(read, lambda data: self._glance_read(request, data), failed,
                left_at_quit=True)

    def _glance_read(self, request: int, data: DayData) -> None:
        if not shiboken6.isValid(self) or request != self._glance_request \
                or data.day != self._day:
            return  # closed, read again since, or another day shown now
        self._show_glance(data)
        if data.reflection is None and self._loaded != _NO_ANSWERS:
            self._loaded_deleted()

    def _loaded_deleted(self) -> None:
        """The reflection shown was deleted elsewhere (History): the answers still as
        they were loaded go from the fields; what was typed since stays, to save."""
        was, self._loaded, self._loaded_at = self._loaded, _NO_ANSWERS, None
        energy, went_well, differently, intention = self._current()
        if energy == was[0]:
            self.energy.set_value(None)
        for field, now, then in ((self.went_well, went_well, was[1]),
                                 (self.differently, differently, was[2])):
            if now == then.strip():
                field.setPlainText("")
        if intention == was[3].strip():
            self.intention.setText("")

    def shows_another_day(self) -> bool:
        """Whether the day shown is not today (left open overnight)."""
        return self._clock().astimezone(self._tz).date() != self._day

    def offer(self) -> None:
        """Show the dialog the schedule offers (once `load_day()` has read it), without taking
        the keyboard: the user may be typing elsewhere, and clicks into it when ready."""
        if not self.isVisible():
            keep_on_screen(self, recentre=True)  # a dialog: by the pointer, as Qt does
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        try:
            self.show()
        finally:
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)

    def showEvent(self, event: QShowEvent) -> None:
        """At the first show, open as tall as the body needs, as far as the screen allows
        (a scroll area's own size hint stops at a few lines)."""
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.fit_to_screen()
            keep_on_screen(self, recentre=True)  # grown to fit: in the middle again

    def fit_to_screen(self, *, grow_only: bool = False) -> None:
        """Size the dialog to show the whole body without scrolling, within its screen:
        as wide as its widest row needs (today's moments scroll on their own, so theirs
        is asked for too), then as tall as the body is at that width.

        Args:
            grow_only: never make it smaller (it is on show, perhaps sized by the user).
        """
        layout = self.layout()
        if layout is not None:
            layout.activate()
        viewport = self._scroll.viewport().size()
        around = self.width() - viewport.width()  # margins, and the scroll bar when shown
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        body_layout, glance = self._body.layout(), self._glance.widget()
        margins = body_layout.contentsMargins() if body_layout is not None else QMargins()
        stats = self._stats.fontMetrics().horizontalAdvance(self._stats.text()) + 2
        beside = self._title.sizeHint().width() + self._header.spacing() + stats \
            + margins.left() + margins.right()
        fits_beside = beside + around + bar <= screen_room(self).width()
        self._header.setDirection(QBoxLayout.Direction.LeftToRight if fits_beside
                                  else QBoxLayout.Direction.TopToBottom)
        self._stats.setWordWrap(not fits_beside)  # one line beside, the width under it
        if body_layout is not None:  # a text just set (the streak) counts already
            body_layout.invalidate()
            body_layout.activate()  # invalidates its inner layouts too
        widest = max(self._body.minimumSizeHint().width(), margins.left() + margins.right()
                     + (glance.minimumSizeHint().width() if glance is not None else 0),
                     beside if fits_beside else 0)
        width = min(max(self.width(), widest + around + bar), screen_room(self).width())
        self._fit_glance(width - around - bar - margins.left() - margins.right())
        need = self._body.heightForWidth(width - around - bar)
        if need < 0:
            need = self._body.sizeHint().height()
        height = self.height() + need - viewport.height()
        if grow_only:
            height = max(height, self.height())
        resize_within_screen(self, width, height)

    def present(self) -> None:
        """Show, raise and focus the dialog (once `load_day()` has read it)."""
        if not self.isVisible():
            keep_on_screen(self, recentre=True)
        self.show()
        self.raise_()
        self.activateWindow()
        self.went_well.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self.went_well.moveCursor(QTextCursor.MoveOperation.End)

    def save(self) -> None:
        """Write the reflection for the loaded day, then close (`reflection_saved` says
        when). The write runs on the worker thread: a store held by an import in another
        process makes it wait there, never the window or the tray."""
        answers = self._current()
        energy, went_well, differently, intention = answers
        if energy is None and not (went_well or differently or intention):
            self._show_error(self.tr("Pick your energy or write a line first."))
            return
        if self._saving:
            return
        self._saving = True
        self._buttons.setEnabled(False)
        self._error.hide()
        # `base`: an answer left as loaded keeps what is stored, should a command have
        # saved this day's reflection while the window was open.
        store, day, at, base = self._store, self._day, self._clock(), self._loaded
        ops.run(lambda: store.save_reflection(day, energy=energy, went_well=went_well,
                                              differently=differently, intention=intention,
                                              at=at, base=base),
                lambda saved: self._saved(answers) if saved is not None
                else self._gone_meanwhile(), self._not_saved)

    def _saved(self, answers: Answers) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._buttons.setEnabled(True)
        self._loaded = answers
        self._restored.hide()
        self.reflection_saved.emit()
        if self._current() != answers:  # typed on while it was written: keep those words
            self._draft_timer.start()
            return
        self._forget_draft()
        self.accept()

    def _gone_meanwhile(self) -> None:
        """Nothing was written: every answer was left as loaded, and the reflection they
        came from was deleted elsewhere (a command, History) since. Its words go from the
        fields, as when History's delete is heard of; the window stays open."""
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._buttons.setEnabled(True)
        self._loaded_deleted()
        self._show_error(self.tr("Nothing saved: this reflection was deleted elsewhere. "
                                 "Write a line or pick your energy to save a new one."))

    def _not_saved(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._buttons.setEnabled(True)
        if not isinstance(exc, MlcoachError):  # a fault of ours: its trace goes to the log
            logger.error("the reflection could not be saved", exc_info=exc)
        self._show_error(self.tr("Not saved: {reason}").format(reason=error_message(exc)))

    def keep_unsaved(self) -> bool:
        """Save what was typed and not yet saved, as the day's reflection, without closing:
        for the app quitting with the dialog open (Quit in the menu, the session ending),
        where the words would otherwise be lost. The write goes to the store's worker (the
        quit waits for it there, the GUI thread does not). True when something was to
        be written."""
        energy, went_well, differently, intention = self._current()
        if not self.has_unsaved_changes() or (
                energy is None and not (went_well or differently or intention)):
            return False
        store, day, at, base = self._store, self._day, self._clock(), self._loaded
        ops.keep(lambda: store.save_reflection(day, energy=energy, went_well=went_well,
                                               differently=differently, intention=intention,
                                               at=at, base=base),
                 f"the unsaved reflection for {day}")
        self._loaded = (energy, went_well, differently, intention)
        self._draft_timer.stop()  # the draft left behind is older than this: ignored later
        return True

    def has_unsaved_changes(self) -> bool:
        """True when the energy or an answer differs from what was loaded."""
        return self._current() != self._loaded

    def reject(self) -> None:
        """Close; ask first when typed text would be lost."""
        if self.has_unsaved_changes():
            if not discard_confirmed(self, self.tr("Discard this reflection?"),
                                     self.tr("What you wrote has not been saved yet.")):
                return
            self._show_answers(self._loaded)
            self._forget_draft()
        super().reject()

    def done(self, result: int) -> None:
        """Close; a pending draft write is dropped (save and discard have dealt with it)."""
        self._draft_timer.stop()
        self._restored.hide()
        super().done(result)

    def flush_draft(self) -> None:
        """Keep what is typed in the store now (also done a moment after typing pauses),
        on the worker thread: a long import holding the store never stalls the typing."""
        self._draft_timer.stop()
        answers = self._current()
        store = self._store
        if answers == self._loaded or answers == (None, "", "", ""):
            self._forget_draft()
            return
        draft = ReflectionDraft(self._day, answers, self._clock())
        self._draft_kept = True
        ops.run(lambda: store.set_state(DRAFT_KEY, draft.to_json()), lambda _: None,
                lambda exc: logger.warning("could not keep the reflection draft: %s", exc))

    def restored_text(self) -> str:
        """The line saying typed words were brought back, or "" when none were."""
        return self._restored.text() if not self._restored.isHidden() else ""

    # -- building -----------------------------------------------------------------------

    def _section(self, text: str) -> QLabel:
        label = Label(text, self)
        label.setWordWrap(True)  # a long question at a large font takes two lines
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        return label

    def _text_box(self, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)
        margins = box.contentsMargins()
        lines = box.fontMetrics().lineSpacing() * 3
        box.setFixedHeight(round(lines + 2 * box.document().documentMargin() + margins.top()
                                 + margins.bottom() + 4))
        return box

    def _build_glance(self) -> QScrollArea:
        content = QWidget()
        content.setAccessibleName(self.tr("Today at a glance"))
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self._section(self.tr("Moments today")))
        layout.addLayout(self._moments_box)
        layout.addSpacing(6)
        layout.addWidget(self._follow_title)
        layout.addLayout(self._follow_box)
        layout.addStretch(1)
        # The rows' outcome buttons take the keyboard; the area itself is no tab stop.
        area = quiet_scroll_area(content, self, focus_inside=True)
        area.installEventFilter(self)  # a new width wraps the rows anew: see _fit_glance
        return area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is getattr(self, "_glance", None):
            self._fit_glance()
        return super().eventFilter(watched, event)

    def _fit_glance(self, width: int | None = None) -> None:
        """Make today's rows' area as tall as they are at `width` (the area's own by
        default: a row's text wraps, its toggles go under it when narrow), up to a cap
        beyond which they scroll."""
        content = self._glance.widget()
        if content is None:
            return
        width = self._glance.width() if width is None else width
        if content.hasHeightForWidth():
            need = content.heightForWidth(width)
        else:
            need = content.sizeHint().height()
        lines = self.fontMetrics().lineSpacing() * _GLANCE_MAX_LINES
        cap = max(_GLANCE_MAX_HEIGHT, min(lines, screen_room(self).height() // 2))
        self._glance.setFixedHeight(min(need, cap))

    def _build_layout(self) -> None:
        # The streak beside the date; under it when a large font leaves no room beside.
        self._header = header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        header.addWidget(self._title, 1)
        header.addWidget(self._stats, 0, Qt.AlignmentFlag.AlignBottom)

        energy = QHBoxLayout()
        energy.setSpacing(12)
        energy.addWidget(self.energy)
        scale = mute(Label(self.tr("1 is drained, 5 is full of energy"), self))
        scale.setWordWrap(True)
        energy.addWidget(scale, 1)

        # The body scrolls when the screen is too short for it (a 768-px laptop, a large
        # font); the buttons and what they report stay in view below it.
        self._body = QWidget(self)
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(20, 16, 20, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self._prompts)
        layout.addSpacing(8)
        layout.addWidget(self._glance)
        echoes = QVBoxLayout()
        echoes.setSpacing(0)
        for echo in self._echoes:
            echoes.addWidget(echo)
        layout.addLayout(echoes)
        layout.addSpacing(10)
        for text, field in (
            (self.tr("&Energy"), energy),
            (self.tr("What went &well?"), self.went_well),
            (self.tr("What would you do &differently?"), self.differently),
            (self.tr("One small &intention for tomorrow"), self.intention),
        ):
            label = self._section(text)
            if field is self.went_well:
                self._question = label  # the day's rotating question, set in load_day()
            label.setBuddy(field if isinstance(field, QWidget) else self.energy.buttons()[0])
            layout.addSpacing(4)
            layout.addWidget(label)
            if isinstance(field, QWidget):
                layout.addWidget(field)
            else:
                layout.addLayout(field)
        layout.addStretch(1)
        self._scroll = quiet_scroll_area(self._body, self, focus_inside=True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 14)
        outer.setSpacing(6)
        outer.addWidget(self._scroll, 1)
        foot = QVBoxLayout()
        foot.setContentsMargins(20, 0, 20, 0)
        foot.addWidget(self._restored)
        foot.addWidget(self._error)
        foot.addWidget(self._buttons)
        outer.addLayout(foot)

    # -- filling ------------------------------------------------------------------------

    def _prompts_text(self, data: DayData) -> str:
        if not data.prompts_shown:
            return self.tr("No prompts today.")
        return self.tr("Prompts today: {shown} shown, {acted} acted on.").format(
            shown=data.prompts_shown, acted=data.prompts_acted)

    def _fill_glance(self, data: DayData) -> None:
        clear_layout(self._moments_box)
        clear_layout(self._follow_box)
        for moment in data.moments:
            self._moments_box.addWidget(self._row(moment, self._moment_detail(moment)))
        if not data.moments:
            self._moments_box.addWidget(mute(Label(
                self.tr("No moments captured today. Quiet days count too."), self)))
        for moment in data.follow_ups:
            self._follow_box.addWidget(self._row(moment, self._follow_up_detail(moment)))
        self._follow_title.setVisible(bool(data.follow_ups))
        content = self._glance.widget()
        assert content is not None  # quiet_scroll_area set it
        layout = content.layout()
        if layout is not None:
            layout.activate()
        self._fit_glance()

    def _row(self, moment: Moment, detail: str) -> OutcomeRow:
        row = OutcomeRow(moment.id, moment.text, detail, outcome=moment.outcome, parent=self)
        row.outcome_changed.connect(self._set_outcome)
        return row

    def _moment_detail(self, moment: Moment) -> str:
        when = QLocale().toString(_qtime(moment.created_at.astimezone(self._tz)),
                                  QLocale.FormatType.ShortFormat)
        return " · ".join([when, *self._who_and_kind(moment)])

    def _follow_up_detail(self, moment: Moment) -> str:
        due = moment.follow_up_on or self._day
        when = (self.tr("due today") if due >= self._day else self.tr("due since {date}").format(
            date=QLocale().toString(_qdate(due), self.tr("ddd d MMM", "date format"))))
        return " · ".join([when, *self._who_and_kind(moment)])

    def _who_and_kind(self, moment: Moment) -> list[str]:
        parts = [moment.person] if moment.person else []
        if moment.kind is not Kind.OTHER:
            parts.append(kind_words()[moment.kind])
        return parts

    def _fill_echoes(self, echoes: list[Echo]) -> None:
        for label, echo in zip(self._echoes, [*echoes, None, None], strict=False):
            if echo is None:
                label.set_full_text("")
                label.hide()
                continue
            lead = self.tr("A year ago today") if echo.years else self.tr("A month ago today")
            label.set_full_text(self.tr("{when}: {text}").format(
                when=lead, text=" ".join(echo.moment.text.split())))
            label.show()

    def _ask_question(self, day: date) -> None:
        """Put the day's rotating question (from the product's ideas) over the first box."""
        question = question_for(day, current_language())
        self._question.setText(with_mnemonic(question.text, taken=_TAKEN_MNEMONICS))
        self.went_well.setAccessibleName(question.text)

    def _fill_reflection(self, reflection: Reflection | None) -> None:
        if reflection is None:
            self._loaded, self._loaded_at = (None, "", "", ""), None
        else:
            self._loaded = (reflection.energy, reflection.went_well, reflection.differently,
                            reflection.intention)
            self._loaded_at = reflection.updated_at
        self._show_answers(self._loaded)
        self._draft_timer.stop()  # nothing typed yet

    def _restore_draft(self, raw: object) -> None:
        """Bring back words typed before a crash (`raw`, as read with the day): into the
        fields when they are for the day shown, as their own day's reflection otherwise
        (what quitting would have done)."""
        self._restored.hide()
        draft = from_json(raw)
        if draft is None:
            return
        if draft.day != self._day:
            self._keep_for_its_day(draft, raw)
            return
        self._draft_kept = True
        if draft.answers != self._loaded and draft.newer_than(self._loaded_at):
            self._show_answers(draft.answers)
            self._draft_timer.stop()  # nothing new to write
            self._restored.show()
            return
        self._forget_draft()

    def _keep_for_its_day(self, draft: ReflectionDraft, raw: object) -> None:
        """Save words typed on another day as that day's reflection, on the store's
        worker (another process's write holds it there, never the window), then forget
        the draft if it is still that one (the store's writes run in order: a draft of
        this day typed since comes after and stays). Not saved: it stays for next time."""
        store = self._store
        energy, went_well, differently, intention = draft.answers

        def keep() -> None:
            saved = store.reflection(draft.day)
            if saved is None or draft.newer_than(saved.updated_at):
                store.save_reflection(draft.day, energy=energy, went_well=went_well,
                                      differently=differently, intention=intention,
                                      at=draft.at)
            if store.get_state(DRAFT_KEY) == raw:
                store.set_state(DRAFT_KEY, None)

        ops.run(keep, lambda _: logger.info(
                    "kept the reflection typed for %s before mlcoach closed", draft.day),
                lambda exc: logger.warning("could not keep the reflection typed for %s: %s",
                                           draft.day, exc))

    def _forget_draft(self) -> None:
        self._draft_timer.stop()
        if not self._draft_kept:
            return
        self._draft_kept = False
        store = self._store
        ops.run(lambda: store.set_state(DRAFT_KEY, None), lambda _: None,
                lambda exc: logger.warning("could not clear the reflection draft: %s", exc))

    def _show_answers(self, answers: Answers) -> None:
        energy, went_well, differently, intention = answers
        self.energy.set_value(energy)
        self.went_well.setPlainText(went_well)
        self.differently.setPlainText(differently)
        self.intention.setText(intention)

    def _load_stats(self, now: datetime) -> None:
        self._stats_request += 1
        request = self._stats_request
        store = self._store
        ops.run(lambda: compute_stats(store, now, self._tz),
                lambda stats: self._show_stats(request, stats),
                lambda exc: logger.warning("could not compute the streak: %s", exc),
                left_at_quit=True)

    def _show_stats(self, request: int, stats: Stats) -> None:
        if request != self._stats_request:
            return  # an older load finished after a newer one started
        parts = []
        if stats.streak:
            parts.append(self.tr("%n-day streak", "", stats.streak))
        parts.append(self.tr("Small wins this week: {n}").format(n=stats.small_wins_this_week))
        # A wrapped line breaks between the parts or words, never before the lone number.
        self._stats.setText(" · ".join("\u00a0".join(p.rsplit(" ", 1)) for p in parts))
        if self._fitted and self.isVisible():
            self.fit_to_screen(grow_only=True)  # the header may need more width now

    def stats_text(self) -> str:
        """The streak line as shown (empty until the background load finishes)."""
        return self._stats.text()

    def prompts_text(self) -> str:
        """The prompts line as shown."""
        return self._prompts.text()

    def echo_texts(self) -> list[str]:
        """The "on this day" lines on show, nearest first."""
        return [label.full_text() for label in self._echoes if not label.isHidden()]

    def error_text(self) -> str:
        """The inline problem line, or "" when there is none."""
        return self._error.text() if not self._error.isHidden() else ""

    def moment_rows(self) -> list[OutcomeRow]:
        """Rows for the moments captured today."""
        return _rows(self._moments_box)

    def follow_up_rows(self) -> list[OutcomeRow]:
        """Rows for the follow-ups due."""
        return _rows(self._follow_box)

    # -- actions --------------------------------------------------------------------------

    def _set_outcome(self, moment_id: str, outcome: Outcome | None) -> None:
        """Written on the store's worker, in the order clicked: another process's write
        (an import) holds it there, never the window."""
        store, at = self._store, self._clock()
        ops.run(lambda: store.set_moment_outcome(moment_id, outcome, at=at), _nothing,
                self._outcome_not_saved)

    def _outcome_not_saved(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if not isinstance(exc, MlcoachError):
            logger.error("an outcome could not be saved", exc_info=exc)
        self._show_error(self.tr("Not saved: {reason}").format(reason=error_message(exc)))

    def _current(self) -> Answers:
        energy = self.energy.value()
        return (energy if isinstance(energy, int) else None,
                self.went_well.toPlainText().strip(), self.differently.toPlainText().strip(),
                self.intention.text().strip())

    def _show_error(self, message: str) -> None:
        self._error.setText(message)
        self._error.show()


def _nothing(_: object) -> None:
    pass


def _rows(layout: QVBoxLayout) -> list[OutcomeRow]:
    items = (layout.itemAt(i) for i in range(layout.count()))
    return [w for item in items if item and isinstance(w := item.widget(), OutcomeRow)]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(moment: datetime) -> QTime:
    return QTime(moment.hour, moment.minute)


_TAKEN_MNEMONICS = "edi"  # the letters the dialog's other fields use as Alt+ keys


def with_mnemonic(text: str, taken: str) -> str:
    """`text` with "&" before its first letter not already used as a mnemonic in `taken`."""
    text = text.replace("&", "&&")
    for i, ch in enumerate(text):
        if ch.isalpha() and ch.lower() not in taken:
            return text[:i] + "&" + text[i:]
    return text
