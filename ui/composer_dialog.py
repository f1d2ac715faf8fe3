"""Influence coach window: compose a suggestion, copy or save it, follow up on saved ones.

The wording comes from `mlcoach.influence.composer`; this module only gathers the inputs, shows
the result and records outcomes. Composing is cheap, so it runs on the GUI thread after
a short typing pause; the realized/attempted figures run on the worker (`ops`).
"""

from __future__ import annotations

import contextlib
import html
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from functools import partial
from itertools import pairwise

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QBoxLayout,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.capture import renamed_with_ending, without_ending
from mlcoach.domain.errors import MlcoachError, PersonDeletedError
from mlcoach.domain.i18n import ui_language
from mlcoach.domain.model import ChangeKind, Moment, Outcome, Person, Size, Style, Suggestion
from mlcoach.domain.text import name_key, name_to_save
from mlcoach.influence.composer import (
    Composed,
    ComposerError,
    compose,
)
from mlcoach.store.core import Store
from mlcoach.store.edit_drafts import COACH
from mlcoach.store.people_insights import open_suggestions
from mlcoach.store.stats import Ratio, Stats, compute_stats
from mlcoach.ui import ops
from mlcoach.ui.colours import mute, muted_colour
from mlcoach.ui.composer_inputs import CoachInputs
from mlcoach.ui.edit_draft import EditDraft
from mlcoach.ui.follow_ups import FollowUps
from mlcoach.ui.i18n import as_sentence, error_message, qdate
from mlcoach.ui.people_panel import PeoplePanel
from mlcoach.ui.quiet_scroll import quiet_scroll_area
from mlcoach.ui.widgets.helpers import close_keys, shortcut, tab_keys
from mlcoach.ui.widgets.on_screen import keep_on_screen, opening_screen, room_on
from mlcoach.ui.widgets.page_tabs import resize_within_screen
from mlcoach.ui.widgets.plain_text import Label
from mlcoach.ui.widgets.style_combo import combo_style, set_combo_style

logger = logging.getLogger(__name__)

STATUS_MIN_WIDTH = 120  # the status line beside the buttons, at its narrowest
COMPOSE_DELAY_MS = 150  # typing pause before the suggestion is composed again
_DRAFT_FIELDS = ("who", "style", "change", "kind", "size", "example")
FOLLOW_UP_LIMIT = 100  # open suggestions listed; older ones stay in the store and CLI


# -- presentation helpers ---------------------------------------------------------------


def composed_sections(composed: Composed) -> list[tuple[str, list[str]]]:
    """(heading, lines) in display order; headings as in `as_text()`, so copy matches view."""
    blocks = composed.as_text().split("\n\n")
    headings = [block.split("\n", 1)[0] for block in blocks[1:]]
    opening = blocks[1].split("\n", 1)[1] if len(blocks) > 1 and "\n" in blocks[1] else ""
    bodies = [[opening or composed.opening], list(composed.tips)]
    if composed.question:
        bodies.append([composed.question])
    bodies += [[composed.avoid], [composed.next_step]]
    if len(headings) != len(bodies):  # as_text changed shape; keep showing something sane
        translate = QCoreApplication.translate
        headings = [translate("ComposerDialog", "Opening line"),
                    translate("ComposerDialog", "How to frame it")]
        if composed.question:
            headings.append(translate("ComposerDialog", "Supportive question"))
        headings += [translate("ComposerDialog", "Avoid"), translate("ComposerDialog", "Next step")]
    return list(zip(headings, bodies, strict=True))


def composed_html(composed: Composed, muted: str) -> str:
    """Rich text for the output view; every piece of user text is escaped."""
    esc = partial(html.escape, quote=False)
    header = composed.as_text().split("\n\n", 1)[0].split("\n")
    parts = [f'<p style="color:{muted}; font-size:small; margin:0 0 2px 0">'
             f'{"<br>".join(map(esc, header))}</p>']
    for index, (heading, lines) in enumerate(composed_sections(composed)):
        parts.append(f'<p style="margin:14px 0 4px 0"><b>{esc(heading)}</b></p>')
        if index == 0:
            parts.append(f'<p style="font-size:large; margin:0">{esc(lines[0])}</p>')
        elif len(lines) > 1:
            items = "".join(f'<li style="margin-bottom:3px">{esc(line)}</li>' for line in lines)
            parts.append(f'<ul style="margin:0; -qt-list-indent:1">{items}</ul>')
        else:
            parts.append(f'<p style="margin:0">{esc(lines[0])}</p>')
    return "".join(parts)


WIDE_MARGINS = (4, 12, 12, 12)
COMPACT_MARGINS = (4, 6, 4, 4)  # under the inputs: the page's own margins are around it


class SuggestionView(QWidget):
    """The composed suggestion (read-only, selectable), a status line, Copy and Save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._composed: Composed | None = None
        self._hint = ""
        self.output = QTextBrowser(self)
        self.output.setAccessibleName(self.tr("Suggestion"))
        self.output.setOpenLinks(False)
        self.output.setTabChangesFocus(True)
        self.output.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.output.document().setDocumentMargin(14)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the suggestion"))
        self.copy_button.setToolTip(self.tr("Copy the suggestion as text (Ctrl+Shift+C)"))
        self.save_button = QPushButton(self.tr("Save as planned moment"), self)
        self.save_button.setAccessibleName(self.tr("Save as planned moment"))
        self.save_button.setToolTip(self.tr("Save it with a follow-up reminder (Ctrl+Enter)"))
        self.save_button.setDefault(True)
        self.status = mute(Label(self))
        self.status.setWordWrap(True)
        self.status.setAccessibleDescription(self.tr("Status"))
        # The status beside the buttons; narrower (a large font, 400 px wide at 200 %)
        # the status above Copy and Save side by side, and narrower still all three one
        # under the other: each row is height a 300 px high screen cannot spare.
        self._pair = pair = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        pair.addWidget(self.copy_button)
        pair.addWidget(self.save_button)
        self._buttons = buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        buttons.addWidget(self.status, 1)
        buttons.addLayout(pair)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*WIDE_MARGINS)
        layout.addWidget(self.output, 1)
        layout.addLayout(buttons)

    def _side_by_side_width(self) -> int:
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        return (STATUS_MIN_WIDTH + self.copy_button.sizeHint().width()
                + self.save_button.sizeHint().width() + 2 * self._buttons.spacing()
                + margins.left() + margins.right())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest button: the buttons go one under the other there."""
        hint = super().minimumSizeHint()
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        widest = max(self.copy_button.sizeHint().width(), self.save_button.sizeHint().width(),
                     STATUS_MIN_WIDTH)
        return QSize(widest + margins.left() + margins.right(), hint.height())

    def _pair_width(self) -> int:
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        return (self.copy_button.sizeHint().width() + self.save_button.sizeHint().width()
                + self._pair.spacing() + margins.left() + margins.right())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        across, down = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom
        width = event.size().width()
        row = across if width >= self._side_by_side_width() else down
        pair = across if width >= self._pair_width() else down
        if self._buttons.direction() != row:
            self._buttons.setDirection(row)
        if self._pair.direction() != pair:
            self._pair.setDirection(pair)

    def set_compact(self, compact: bool) -> None:
        """Under the inputs (a narrow screen), with less room above and below."""
        self.layout().setContentsMargins(  # type: ignore[union-attr]
            *(COMPACT_MARGINS if compact else WIDE_MARGINS))

    def show_composed(self, composed: Composed) -> None:
        """Show a suggestion."""
        self._composed, self._hint = composed, ""
        self._render()

    def show_hint(self, message: str) -> None:
        """Show a quiet hint instead of a suggestion."""
        self._composed, self._hint = None, message
        self._render()

    def text(self) -> str:
        """What is shown, as plain text."""
        return self.output.toPlainText()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()  # the muted colour comes from the palette

    def _render(self) -> None:
        muted = muted_colour(self.palette()).name()
        if self._composed is not None:
            self.output.setHtml(composed_html(self._composed, muted))
        else:
            hint = html.escape(self._hint, quote=False)
            self.output.setHtml(f'<p style="color:{muted}">{hint}</p>')


class ComposerDialog(QWidget):
    """The influence coach window: suggest, follow up, and the people list in three tabs.

    Signals:
        suggestion_saved(str): the id of the suggestion just saved.
    """

    suggestion_saved = Signal(str)

    def __init__(self, store: Store, *, clock: Callable[[], datetime], tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._store, self._clock, self._tz = store, clock, tz
        self._language = "en"
        self._composed: Composed | None = None
        self._saved: Composed | None = None
        self._saving = False  # a save is on its way to the store
        self._saving_inputs: dict[str, str] | None = None  # the inputs it saves
        self._save_landed = threading.Event()  # set on the worker once it is written
        self._stats: Stats | None = None
        self._stats_request = 0
        self._follow_ups_request = 0
        self._people_request = 0  # each read of Who's people asks anew; the newest wins
        self._language_request = 0
        self._follow_ups_pending = False  # a read of the follow-ups is on its way
        # Outcomes clicked while it is: the rows it reads have them as they were before.
        self._outcomes_meanwhile: dict[str, Outcome | None] = {}
        self.setWindowTitle(self.tr("Influence coach"))
        self.setAccessibleName(self.tr("Influence coach"))

        self.inputs = CoachInputs()
        self.view = SuggestionView(self)
        self.follow_ups = FollowUps(self)
        self.people = PeoplePanel(store, tz=tz, parent=self)
        # Short names for the inputs and buttons (tests and the app use them).
        self.who, self.style_box = self.inputs.who, self.inputs.style_box
        self.guess, self.change = self.inputs.guess, self.inputs.change
        self.kind_choice, self.size_choice = self.inputs.kind_choice, self.inputs.size_choice
        self.by_example = self.inputs.by_example
        self.copy_button, self.save_button = self.view.copy_button, self.view.save_button

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Influence coach sections"))
        self.tabs.addTab(self._suggest_page(), self.tr("&Suggest"))
        self.tabs.addTab(self.follow_ups, self.tr("&Follow-ups"))
        self.tabs.addTab(self.people, self.tr("&People"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.tabs)
        tab_keys(self, self.tabs)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMPOSE_DELAY_MS)
        self._timer.timeout.connect(self.refresh_output)
        self._connect()
        self._load_language()
        self._load_people_now()  # built whole: the draft brought back below names them
        # What is typed is kept in the store while it is typed (ui/edit_draft.py), and
        # brought back here if the app was gone before it was saved.
        self._saved_inputs: dict[str, str] | None = None  # as they were at the last Save
        # Held to the person picked in Who: none is written once they are deleted.
        self.draft = EditDraft(store, COACH, _DRAFT_FIELDS, self._to_keep, self.inputs,
                               held=self.inputs.person_id)
        column = self.inputs.layout()
        if isinstance(column, QBoxLayout):
            column.insertWidget(0, self.draft.line)
        self._restore_draft()
        self.draft.watch(self.inputs.changed, self.who.editTextChanged,
                         self.style_box.currentIndexChanged)
        self.refresh_output()
        resize_within_screen(self, 980, 680)

    # -- public -------------------------------------------------------------------------

    def present(self) -> None:
        """Show, raise and focus the window with fresh people, follow-ups and figures
        (each read on the store's worker, filling in when read)."""
        self._reload_language()
        self._load_people()
        self.people.reload()
        self._load_follow_ups()
        self._load_stats()
        self.refresh_output()
        if not self.isVisible():
            keep_on_screen(self)
        self.show()
        self.raise_()
        self.activateWindow()
        if self.tabs.currentIndex() == 0:
            self.inputs.focus_first()

    def history_changed(self) -> None:
        """A moment or a person was edited or deleted elsewhere (History): the people,
        follow-ups and figures are read again, never the inputs being typed."""
        self._load_people()
        self.people.reload()
        self._load_follow_ups()
        self._load_stats()

    def set_person(self, name: str) -> None:
        """Put `name` in "Who" (filling their style) and show the suggest page."""
        self.inputs.set_person(name)
        self.tabs.setCurrentIndex(0)
        self.change.setFocus()

    def composed(self) -> Composed | None:
        """The suggestion shown now, or None when the inputs cannot be composed."""
        return self._composed

    def effective_style(self) -> Style | None:
        """The style used: the one picked, or the guess when "Not sure yet"."""
        return self.inputs.effective_style()

    def output_text(self) -> str:
        """The output as plain text (the suggestion, or the hint shown instead)."""
        return self.view.text()

    def status_text(self) -> str:
        """The line under the output (saved, copied, problems)."""
        return self.view.status.text()

    def ratio_text(self) -> str:
        """The realized vs attempted line in Follow-ups ("" until the figures load)."""
        return self.follow_ups.ratio.text()

    def refresh_output(self) -> None:
        """Compose from the current inputs now (normally after a short typing pause)."""
        self._timer.stop()
        before = self._composed
        try:
            self._composed = compose(self.inputs.request(self._language))
        except ComposerError as exc:
            self._composed = None
            empty = self.tr("Describe the change you want, and a suggestion appears here.")
            self.view.show_hint(as_sentence(error_message(exc)) if self.inputs.has_change()
                                else empty)
        except Exception as exc:  # a fault in the wording: the window goes on
            logger.error("could not compose (%s)", type(exc).__name__)  # not the words
            self._composed = None
            self.view.show_hint(self.tr("The coach could not word this change. Try saying "
                                        "it another way."))
        else:
            self.view.show_composed(self._composed)
        fresh = self._composed != self._saved
        self.copy_button.setEnabled(self._composed is not None)
        self.save_button.setEnabled(self._composed is not None and fresh
                                    and not self._saving)
        if fresh and not self._saving and self._composed != before:
            self.view.status.clear()  # about another suggestion (the same one: it stands)

    def copy(self) -> None:
        """Put the suggestion as plain text on the clipboard, kept by no clipboard manager."""
        if self._timer.isActive():
            self.refresh_output()
        if self._composed is None:
            return
        from mlcoach.ui.secret_clipboard import about_person, copy_private

        person = self._composed.person  # deleting them takes it back ("With Priya")
        copy_private(self._composed.as_text(), [about_person(person)] if person else [])
        self.view.status.setText(self.tr("Copied to the clipboard."))

    def save(self) -> None:
        """Save the suggestion with a planned moment to follow up on (`suggestion_saved`
        says when). Written on the store's worker: another process's write (an import)
        holds it there, never the window; the button stays locked until it is written,
        so a second press saves nothing twice."""
        if self._timer.isActive():
            self.refresh_output()
        composed = self._composed
        if composed is None or composed == self._saved or self._saving:
            return
        # held to who was picked in Who (renamed meanwhile, still them)
        held = self.inputs.person_id() if composed.person == self.inputs.person() else None
        who = composed.person or self.who.currentText().strip()
        if who and held is None:
            try:  # someone new: "---" in Who names no one, and is not saved unasked for no one
                name_to_save(who)
            except MlcoachError as exc:
                self.view.status.setText(self.tr("Not saved: {reason}").format(
                    reason=error_message(exc)))
                return
        self._saving = True
        self.save_button.setEnabled(False)
        store, now = self._store, self._clock()
        follow_up = now.astimezone(self._tz).date() + timedelta(days=composed.follow_up_days)
        landed = self._save_landed = threading.Event()
        self._saving_inputs = self._inputs_now()

        from mlcoach.influence.reworded import reworded

        def write() -> tuple[Suggestion, Moment | None]:
            written = store.add_suggestion(
                style=None if composed.by_example else composed.style,
                change=composed.change, action=composed.action, size=composed.size,
                text=composed.as_text(), person=composed.person,
                follow_up_on=follow_up, created_at=now, held=held, reword=reworded)
            # Saved: its draft goes here, not only once the window hears (a quit may
            # come first, and the change came back to be saved twice).
            landed.set()
            try:  # saved whatever this says: never "Not saved", for a second Save
                store.forget_state(COACH)
            except MlcoachError as exc:  # the window's forget tries again once it hears
                logger.warning("could not clear the coach's draft: %s", exc)
            return written

        ops.run(write, lambda written: self._saved_as(composed, follow_up, *written),
                self._not_saved)

    def _saved_as(self, composed: Composed, follow_up: date, suggestion: Suggestion,
                  planned: Moment | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._saved = composed
        self._saved_inputs = self._inputs_now()
        self.draft.forget()  # saved: nothing to bring back
        from mlcoach.ui.secret_clipboard import about_moment, about_suggestion, also_about

        # copied before it was saved: deleting the planned moment takes the copy back too
        also_about(composed.as_text(), [about_suggestion(suggestion.id)]
                   + ([about_moment(planned.id)] if planned is not None else []))
        # Inputs changed while it was written: their suggestion may be saved next.
        self.save_button.setEnabled(self._composed is not None
                                    and self._composed != self._saved)
        when = QLocale().toString(qdate(follow_up), self.tr("dddd d MMMM", "date format"))
        self.view.status.setText(self.tr("Saved as a planned moment. Follow up on {date}; "
                                         "it is listed under Follow-ups.").format(date=when))
        self._load_people()
        self.people.reload()
        self._load_follow_ups()
        self._load_stats()
        self.suggestion_saved.emit(suggestion.id)

    def _not_saved(self, exc: BaseException) -> None:
        """One sentence under the output; the inputs stay as typed, to save again."""
        if not shiboken6.isValid(self):
            return
        self._saving = False
        if isinstance(exc, MlcoachError):
            logger.info("suggestion not saved: %s", exc)
        else:  # a fault of ours: its trace goes to the log
            logger.error("the suggestion could not be saved", exc_info=exc)
        self.save_button.setEnabled(self._composed is not None)
        said = self.tr("Not saved: {reason}").format(reason=error_message(exc))
        if isinstance(exc, PersonDeletedError):  # Who empties; this line says why
            self._load_people(then=lambda: self.view.status.setText(said))
            self.people.reload()
        self.view.status.setText(said)

    def keep_unsaved(self) -> None:
        """The app is quitting: what is typed here, and in the People tab's open editor,
        is kept as the draft (on the store's worker the quit waits for), not saved."""
        # A save of these very inputs on its way: kept only if it fails.
        landed = self._save_landed if self._saving and \
            self._inputs_now() == self._saving_inputs else None
        self.draft.keep_now(unless=landed.is_set if landed is not None else None)
        self.people.keep_unsaved()

    # -- the draft ------------------------------------------------------------------------

    def _inputs_now(self) -> dict[str, str]:
        style, kind, size = combo_style(self.style_box), self.kind_choice.value(), \
            self.size_choice.value()
        return {"who": self.who.currentText(), "style": style.value if style else "",
                "change": self.change.text(),
                "kind": kind.value if isinstance(kind, ChangeKind) else "",
                "size": size.value if isinstance(size, Size) else "",
                "example": "yes" if self.by_example.isChecked() else ""}

    def _to_keep(self) -> dict[str, str] | None:
        """The inputs, while a change is typed that is not saved yet."""
        now = self._inputs_now()
        return now if self.inputs.has_change() and now != self._saved_inputs else None

    def _restore_draft(self) -> None:
        values = self.draft.brought_back()
        if values is not None:
            who, style, change, kind, size, example = (values[f] for f in _DRAFT_FIELDS)
            self.inputs.set_person(self._who_now(who))  # a saved person's style too
            with contextlib.suppress(ValueError):  # one this version does not know: stays
                if style:
                    set_combo_style(self.style_box, Style(style))
            with contextlib.suppress(ValueError):
                self.kind_choice.set_value(ChangeKind(kind))
            with contextlib.suppress(ValueError):
                self.size_choice.set_value(Size(size))
            self.by_example.setChecked(bool(example))
            self.change.setText(change)
        self.draft.settled()

    def _who_now(self, who: str) -> str:
        """Who as the draft brought back says it, with the name the person it was about
        has now (renamed or merged since it was written: "Ana'ya" for Ana renamed Ana
        Kaya is "Ana Kaya'ya"); one small row, read at once as the draft is."""
        held = self.draft.held_then
        try:
            now = self._store.person_now(held) if held is not None else None
        except MlcoachError as exc:
            logger.warning("could not read who the coach's draft was about: %s", exc)
            now = None
        typed = without_ending(who)
        if now is None or name_key(typed) == name_key(now.name):
            return who
        return renamed_with_ending(who.strip().lstrip("@"), typed, now.name)

    # -- building -------------------------------------------------------------------------

    def _suggest_page(self) -> QWidget:
        scroll = quiet_scroll_area(self.inputs, self, name=self.tr("What to compose"),
                                   focus_inside=True)  # the inputs inside take focus
        self._inputs_scroll = scroll
        page = QWidget(self)
        page.setAccessibleName(self.tr("Suggest"))
        layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll)
        layout.addWidget(self.view, 1)
        self._suggest_layout, self._suggest = layout, page
        return page

    def arrange_for(self, screen: QScreen) -> None:
        """The inputs beside the suggestion, or above it on a screen too narrow for both
        (a portrait monitor at 200 %: the suggestion was past the right edge).
        keep_on_screen calls it for the screen the window goes on."""
        bar = self._inputs_scroll.verticalScrollBar().sizeHint().width()
        inputs = max(360, self.inputs.width_needed() + bar)
        page = self._suggest
        outer = max(0, self.minimumSizeHint().width() - page.minimumSizeHint().width())
        others = self.view.minimumSizeHint().width() + outer
        beside = inputs + others <= room_on(screen).width()
        wanted = max(inputs, self.inputs.width_wanted() + bar)
        if wanted + others <= room_on(screen).width():
            inputs = wanted  # the style questions' answers on one line each
        self._suggest_layout.setDirection(QBoxLayout.Direction.LeftToRight if beside
                                          else QBoxLayout.Direction.TopToBottom)
        self.view.set_compact(not beside)
        if beside:
            self._inputs_scroll.setFixedWidth(inputs)
        else:  # as wide as the page, the suggestion under it
            self._inputs_scroll.setMinimumWidth(0)
            self._inputs_scroll.setMaximumWidth((1 << 24) - 1)  # QWIDGETSIZE_MAX
        # The page's new minimum, and each level's up to the window's own, now (a layout
        # keeps its items' sizes until they say they changed): the window is bounded to
        # the screen next, and took the old minimum back when shown.
        self._suggest_layout.invalidate()
        widget: QWidget | None = page
        while widget is not None and widget is not self:
            widget.updateGeometry()
            widget = widget.parentWidget()
        layout = self.layout()
        if layout is not None:
            layout.invalidate()
            layout.activate()

    def _connect(self) -> None:
        self.inputs.changed.connect(self._schedule)
        self.inputs.person_changed.connect(lambda _name: self._show_ratio())
        self.inputs.person_gone.connect(self._person_gone)
        self.inputs.remember_requested.connect(self._remember_style)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        self.follow_ups.outcome_changed.connect(self._set_outcome)
        self.people.people_changed.connect(self._load_people)
        self.people.coach_requested.connect(self.set_person)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(self, keys, self._save_from_keyboard)
        shortcut(self, "Ctrl+Shift+C", self._copy_from_keyboard)
        shortcut(self, "Escape", self.close)
        close_keys(self, self.close)

    def _fix_tab_order(self) -> None:
        chain = [*self.inputs.tab_chain(), self.view.output, self.copy_button, self.save_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- reacting -------------------------------------------------------------------------

    def _schedule(self) -> None:
        """Compose after a short pause; the buttons work at once (they compose first)."""
        self._timer.start()
        pending = self.inputs.has_change()
        self.copy_button.setEnabled(pending)
        self.save_button.setEnabled(pending and not self._saving)

    def _person_gone(self, name: str) -> None:
        """The person in Who was deleted elsewhere: Who is empty (a save would have made
        them again), the change and style stay, and one line says why."""
        self.refresh_output()  # composed for no one now; clears the line, so first
        self.view.status.setText(self.tr(
            "{name} was deleted, so Who is empty now; the change is as you typed it.")
            .format(name=name))

    def _remember_style(self, person: Person, style: Style) -> None:
        """Written on the store's worker (another process's write holds it there, never
        the window); the lists follow once it is written. To the person shown (by id):
        renamed elsewhere meanwhile, still them; merged, the one kept; deleted, no one."""
        store = self._store

        def remember() -> object:
            now = store.person_now(person.id)  # None: deleted, and edit_person says so
            held = now if now is not None else person
            return store.edit_person(held.name, style=style, held=held.id)

        def kept(_: object) -> None:
            if shiboken6.isValid(self):
                self._load_people()
                self.people.reload()

        def not_kept(exc: BaseException) -> None:
            logger.warning("style not saved: %s", exc)
            if shiboken6.isValid(self):
                self.view.status.setText(self.tr("Not saved: {reason}").format(
                    reason=error_message(exc)))

        ops.run(remember, kept, not_kept)

    def _save_from_keyboard(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.save()

    def _copy_from_keyboard(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.copy()

    def _set_outcome(self, suggestion_id: str, outcome: Outcome | None) -> None:
        """Written on the store's worker, in the order clicked: another process's write
        (an import) holds it there, never the window; the counts follow once written."""
        store, at = self._store, self._clock()

        def written(_: object) -> None:
            if shiboken6.isValid(self):
                self._update_tab_count()
                self._load_stats()

        def not_written(exc: BaseException) -> None:
            logger.warning("outcome not saved: %s", exc)
            if shiboken6.isValid(self):
                self.follow_ups.ratio.setText(self.tr("Not saved: {reason}").format(
                    reason=error_message(exc)))

        ops.run(lambda: store.set_suggestion_outcome(suggestion_id, outcome, at=at),
                written, not_written)
        if self._follow_ups_pending:  # read before this write: its rows would undo the click
            self._outcomes_meanwhile[suggestion_id] = outcome

    # -- loading and showing ----------------------------------------------------------------

    def _reload_language(self) -> None:
        """Read the language setting on the store's worker; a new one is used once read
        (the suggestion composed again in it)."""
        self._language_request += 1
        request, store = self._language_request, self._store
        ops.run(lambda: store.settings().language,
                lambda setting: self._language_read(request, setting),
                lambda exc: logger.warning("could not read the language setting: %s", exc),
                left_at_quit=True)

    def _language_read(self, request: int, setting: str) -> None:
        if not shiboken6.isValid(self) or request != self._language_request:
            return
        if ui_language(setting) != self._language:
            self._use_language(setting)
            self.refresh_output()

    def _load_language(self) -> None:
        try:
            setting = self._store.settings().language
        except MlcoachError as exc:
            logger.warning("could not read the language setting: %s", exc)
            setting = ""
        self._use_language(setting)

    def _use_language(self, setting: str) -> None:
        self._language = ui_language(setting)
        self.inputs.set_language(self._language)
        self._fix_tab_order()
        self.arrange_for(self.screen() if self.isVisible() else opening_screen(self))

    def _load_people_now(self) -> None:
        try:
            people, held = self._store.people(), self.inputs.person_id()
            now = self._store.person_now(held) \
                if held is not None and all(p.id != held for p in people) else None
            self.inputs.set_people(people, now)
        except MlcoachError as exc:
            logger.warning("could not load people: %s", exc)

    def _load_people(self, then: Callable[[], None] | None = None) -> None:
        """Read the people Who offers on the store's worker (at each opening, save and
        change elsewhere), then `then()`; what is typed in Who and the style picked stay
        as they are."""
        self._people_request += 1
        request, store = self._people_request, self._store
        held = self.inputs.person_id()  # who is in Who, by id: taken here, read there

        def read() -> tuple[list[Person], Person | None]:
            people = store.people()
            # merged or archived since: as they are now, so Who says the one kept (or
            # stays as typed) instead of emptying as for someone deleted
            now = store.person_now(held) \
                if held is not None and all(p.id != held for p in people) else None
            return people, now

        ops.run(read, lambda found: self._people_read(request, *found, then),
                lambda exc: logger.warning("could not load people: %s", exc),
                left_at_quit=True)

    def _people_read(self, request: int, people: list[Person], now: Person | None,
                     then: Callable[[], None] | None) -> None:
        if not shiboken6.isValid(self) or request != self._people_request:
            return  # closed, or read again since: that read fills Who
        self.inputs.set_people(people, now)
        if then is not None:
            then()

    def _load_follow_ups(self) -> None:
        """Read on the store's worker (~60 ms of the GUI thread for ten years of
        suggestions); the list fills in when read, the newest ask winning."""
        self._follow_ups_request += 1
        request, store = self._follow_ups_request, self._store
        today = self._clock().astimezone(self._tz).date()
        self._follow_ups_pending = True
        self._outcomes_meanwhile = {}  # read after the writes of those: as they are
        ops.run(lambda: open_suggestions(store)[:FOLLOW_UP_LIMIT],
                lambda found: self._show_follow_ups(request, found, today),
                lambda exc: logger.warning("could not load follow-ups: %s", exc),
                left_at_quit=True)

    def _show_follow_ups(self, request: int, suggestions: list[Suggestion],
                         today: date) -> None:
        if not shiboken6.isValid(self) or request != self._follow_ups_request:
            return  # gone, or a newer read is on its way
        self._follow_ups_pending = False
        clicked, self._outcomes_meanwhile = self._outcomes_meanwhile, {}
        self.follow_ups.load([replace(s, outcome=clicked[s.id]) if s.id in clicked else s
                              for s in suggestions], today)
        self._update_tab_count()

    def _update_tab_count(self) -> None:
        still_open = sum(1 for row in self.follow_ups.rows()
                         if row.outcome.value() in (None, Outcome.NOT_YET))
        title = (self.tr("&Follow-ups ({n})").format(n=still_open) if still_open
                 else self.tr("&Follow-ups"))
        self.tabs.setTabText(self.tabs.indexOf(self.follow_ups), title)

    def _load_stats(self) -> None:
        self._stats_request += 1
        request, now, store, tz = self._stats_request, self._clock(), self._store, self._tz
        ops.run(lambda: compute_stats(store, now, tz),
                lambda stats: self._on_stats(request, stats),
                lambda exc: logger.warning("could not compute realized vs attempted: %s", exc),
                left_at_quit=True)

    def _on_stats(self, request: int, stats: Stats) -> None:
        if not shiboken6.isValid(self) or request != self._stats_request:
            return  # closed, or a newer load is on its way
        self._stats = stats
        self._show_ratio()

    def _show_ratio(self) -> None:
        if self._stats is None:
            return
        text = _ratio_line(self.tr("Realized {r} of {a} attempted ({p})"),
                           self.tr("No outcomes recorded yet."), self._stats.overall)
        name = self.inputs.person()
        if name is not None:
            ratio = next((r for n, r in self._stats.by_person.items()
                          if name_key(n) == name_key(name)), Ratio())
            text += "\n" + _ratio_line(self.tr("With {name}: {r} of {a} ({p})"),
                                       self.tr("With {name}: no outcomes yet."), ratio, name)
        self.follow_ups.ratio.setText(text)


def _ratio_line(template: str, empty: str, ratio: Ratio, name: str = "") -> str:
    """Fill a realized/attempted template, or return `empty` when nothing was attempted."""
    if ratio.ratio is None:
        return empty.format(name=name)
    percent = QCoreApplication.translate("ComposerDialog", "%1%").replace(
        "%1", QLocale().toString(round(ratio.ratio * 100)))  # Turkish puts % first
    return template.format(r=ratio.realized, a=ratio.attempted, p=percent, name=name)
