"""Influence coach window: compose a suggestion, copy or save it, follow up on saved ones.

The wording comes from `mlcoach.influence.composer`; this module only gathers the inputs, shows
the result and records outcomes. Composing is cheap, so it runs on the GUI thread after
a short typing pause; the realized/attempted figures run on the worker (`ops`).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Hashable
from datetime import date, datetime, timedelta, tzinfo
from functools import partial
from itertools import pairwise

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QMargins,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.i18n import ui_language
from mlcoach.domain.model import ChangeKind, Outcome, Person, Size, Style, Suggestion
from mlcoach.domain.text import name_key
from mlcoach.influence.composer import (
    MAX_CHANGE_CHARS,
    Composed,
    ComposerError,
    SuggestionRequest,
    compose,
    guess_questions,
    guess_style,
)
from mlcoach.store.core import Store
from mlcoach.store.people_insights import open_suggestions
from mlcoach.store.stats import Ratio, Stats, compute_stats
from mlcoach.ui import ops
from mlcoach.ui.capture_window import ChoiceRow
from mlcoach.ui.colours import mute, muted_colour
from mlcoach.ui.i18n import error_message
from mlcoach.ui.people_panel import (
    PeoplePanel,
    combo_style,
    fill_style_combo,
    set_combo_style,
    style_name,
)
from mlcoach.ui.quiet_scroll import quiet_scroll_area

logger = logging.getLogger(__name__)

COMPOSE_DELAY_MS = 150  # typing pause before the suggestion is composed again
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


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _muted(label: QLabel) -> QLabel:
    return mute(label)  # readable (4.5:1), unlike the PlaceholderText role


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _shortcut(parent: QWidget, keys: str, slot: Callable[[], object]) -> QShortcut:
    shortcut = QShortcut(QKeySequence(keys), parent)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(slot)
    return shortcut


# -- widgets ------------------------------------------------------------------------------


class RadioRow(QWidget):
    """A row of exclusive radio buttons for one enum value; one tab stop, arrows move.

    Signals:
        changed(object): the picked value.
    """

    changed = Signal(object)

    def __init__(self, choices: list[tuple[Hashable, str]], *, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._group = QButtonGroup(self)
        self._buttons: dict[Hashable, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        for value, text in choices:
            button = QRadioButton(text, self)
            button.setAccessibleName(text.replace("&", ""))
            self._group.addButton(button)
            self._buttons[value] = button
            layout.addWidget(button)
            button.toggled.connect(partial(self._on_toggled, value))
        layout.addStretch(1)

    def value(self) -> Hashable | None:
        """The picked value."""
        return next((v for v, b in self._buttons.items() if b.isChecked()), None)

    def set_value(self, value: Hashable) -> None:
        """Pick `value`."""
        self._buttons[value].setChecked(True)

    def button(self, value: Hashable) -> QRadioButton:
        """The radio button for `value`."""
        return self._buttons[value]

    def buttons(self) -> list[QRadioButton]:
        """The radio buttons in order."""
        return list(self._buttons.values())

    def _on_toggled(self, value: Hashable, on: bool) -> None:
        if on:
            self.changed.emit(value)


class StyleGuess(QGroupBox):
    """The two-question style guess, shown when the user is not sure of the style.

    Signals:
        changed(object): the guessed Style, or None when the answers do not tell.
        remember_requested(object): the user wants to keep the guess as the person's style.
    """

    changed = Signal(object)
    remember_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Two quick questions to guess their style"))
        self._language = ""
        self._person: str | None = None
        self._groups: list[QButtonGroup] = []
        self._options: dict[str, QRadioButton] = {}
        self._questions = QVBoxLayout()
        self._questions.setSpacing(2)
        self._result = QLabel(self)
        self._result.setWordWrap(True)
        self._result.setAccessibleName(self.tr("Best guess"))
        self.remember = QPushButton(self)
        self.remember.clicked.connect(lambda: self.remember_requested.emit(self.guess()))
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addLayout(self._questions)
        layout.addWidget(self._result)
        layout.addWidget(self.remember, 0, Qt.AlignmentFlag.AlignLeft)
        self.set_language("en")

    def set_language(self, language: str) -> None:
        """Ask the questions in `language`; answers are kept."""
        if language == self._language:
            return
        answers = self.answers()
        self._language = language
        while self._questions.count():
            item = self._questions.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._groups, self._options = [], {}
        for number, question in enumerate(guess_questions(language)):
            if number:
                self._questions.addSpacing(6)
            label = _bold(QLabel(question.text, self))
            label.setWordWrap(True)
            self._questions.addWidget(label)
            group = QButtonGroup(self)
            for option in question.options:
                button = QRadioButton(option.text, self)
                button.setAccessibleName(option.text)
                button.setAccessibleDescription(question.text)
                button.setChecked(option.id in answers)
                group.addButton(button)
                self._options[option.id] = button
                self._questions.addWidget(button)
            group.buttonToggled.connect(self._on_answer)
            self._groups.append(group)
            label.setBuddy(group.buttons()[0])
        self._show_result()

    def set_person(self, name: str | None) -> None:
        """The saved person the guess could be remembered for (None: nobody)."""
        self._person = name
        self._show_result()

    def option(self, option_id: str) -> QRadioButton:
        """The radio button for one answer id (for example "pushback.risk")."""
        return self._options[option_id]

    def radio_buttons(self) -> list[QRadioButton]:
        """Every answer button, in order."""
        return list(self._options.values())

    def answers(self) -> list[str]:
        """Ids of the picked answers, first question first."""
        return [oid for oid, button in self._options.items() if button.isChecked()]

    def guess(self) -> Style | None:
        """The style the answers point to, or None."""
        try:
            return guess_style(self.answers())
        except ComposerError:
            return None

    def clear(self) -> None:
        """Unpick every answer."""
        for group in self._groups:
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self._show_result()

    def _on_answer(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._show_result()
            self.changed.emit(self.guess())

    def _show_result(self) -> None:
        guess = self.guess()
        if guess is None:
            text = (self.tr("Answer what you can; until then the suggestion mixes approaches.")
                    if not self.answers() else
                    self.tr("Not enough to tell yet; the suggestion mixes approaches."))
            self._result.setText(text)
        else:
            self._result.setText(self.tr("Best guess: {style}. The suggestion uses it.")
                                 .format(style=style_name(guess)))
        if self._person:
            self.remember.setText(self.tr("Remember as {name}'s style").format(name=self._person))
            self.remember.setAccessibleName(self.remember.text())
        self.remember.setVisible(guess is not None and bool(self._person))


class CoachInputs(QWidget):
    """Who, their style (or the two-question guess), the change, its kind and size.

    Signals:
        changed(): any input changed; compose again after a pause.
        person_changed(object): the saved person now in "Who" (name), or None.
        remember_requested(str, object): keep the guessed Style as this person's style.
    """

    changed = Signal()
    person_changed = Signal(object)
    remember_requested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("What to compose"))
        self._people: dict[str, Person] = {}  # name_key -> person
        self._person: str | None = None  # the saved person whose style was applied
        self._build_fields()
        self._build_layout()
        self.who.editTextChanged.connect(self._on_who_changed)
        self.style_box.currentIndexChanged.connect(self._on_style_changed)
        self.guess.changed.connect(self.changed)
        self.guess.remember_requested.connect(self._on_remember)
        self.change.textChanged.connect(self.changed)
        self.kind_choice.changed.connect(self.changed)
        self.size_choice.changed.connect(self.changed)
        self.by_example.toggled.connect(self.changed)
        self._on_style_changed()

    # -- public -------------------------------------------------------------------------

    def request(self, language: str) -> SuggestionRequest:
        """What to ask the composer for, in `language`."""
        kind, size = self.kind_choice.value(), self.size_choice.value()
        return SuggestionRequest(
            change=self.change.text(),
            style=self.effective_style(),
            action=kind if isinstance(kind, ChangeKind) else ChangeKind.DIFFERENTLY,
            size=size if isinstance(size, Size) else Size.MEDIUM,
            person=self.who.currentText().strip() or None,
            by_example=self.by_example.isChecked(),
            language=language,
        )

    def effective_style(self) -> Style | None:
        """The style picked, or the guess when "Not sure yet"."""
        style = combo_style(self.style_box)
        return style if style is not None else self.guess.guess()

    def person(self) -> str | None:
        """The saved person in "Who", or None for an ad-hoc audience or nobody."""
        return self._person

    def has_change(self) -> bool:
        """Whether something is typed as the change."""
        return bool(self.change.text().strip())

    def set_people(self, people: list[Person]) -> None:
        """Offer `people` in "Who", keeping what is typed there and any style picked."""
        before = self._people.get(name_key(self._person)) if self._person else None
        self._people = {name_key(p.name): p for p in people}
        after = self._people.get(name_key(self._person)) if self._person else None
        text = self.who.currentText()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItems([p.name for p in people])
        self.who.setCurrentIndex(-1)
        self.who.setEditText(text)
        self.who.blockSignals(False)
        if before is not None and after is not None and before.style != after.style:
            set_combo_style(self.style_box, after.style)  # edited elsewhere: show the new style
        if self._apply_who(text):
            self.changed.emit()

    def set_person(self, name: str) -> None:
        """Put `name` in "Who"; a saved person's style is filled in."""
        self.who.setEditText(name)

    def set_language(self, language: str) -> None:
        """Ask the style questions in `language` and fit the column to them."""
        self.guess.set_language(language)

    def focus_first(self) -> None:
        """Focus "Who" when empty, else the change."""
        target = self.change if self.who.currentText() else self.who
        target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def tab_chain(self) -> list[QWidget]:
        """The inputs in keyboard order."""
        return [self.who, self.style_box, *self.guess.radio_buttons(), self.guess.remember,
                self.change, *self.kind_choice.buttons(), *self.size_choice.buttons(),
                self.by_example]

    def width_needed(self) -> int:
        """Width that shows every input, the style questions included, without clipping."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        return max(self.minimumSizeHint().width(), self.guess.minimumSizeHint().width()
                   + margins.left() + margins.right())

    # -- building -------------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.who = QComboBox(self)
        self.who.setEditable(True)
        self.who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.who.setAccessibleName(self.tr("Who"))
        self.who.setAccessibleDescription(self.tr(
            "A saved person, or anyone: a name, a team, an audience. Optional."))
        self.who.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line, completer = self.who.lineEdit(), self.who.completer()
        assert line is not None and completer is not None  # an editable combo has both
        line.setPlaceholderText(self.tr("A saved person, or anyone (optional)"))
        line.setAccessibleName(self.tr("Who"))
        line.setClearButtonEnabled(True)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)

        self.style_box = QComboBox(self)
        self.style_box.setAccessibleName(self.tr("Their style"))
        fill_style_combo(self.style_box)
        set_combo_style(self.style_box, None)
        self._style_hint = _muted(QLabel(self))
        self._style_hint.setWordWrap(True)
        self._style_hint.setAccessibleName(self.tr("About this style"))
        self.guess = StyleGuess(self)

        self.change = QLineEdit(self)
        self.change.setAccessibleName(self.tr("The change you want"))
        self.change.setAccessibleDescription(self.tr(
            "In your own words; \"A instead of B\" gives the best question."))
        self.change.setPlaceholderText(self.tr("e.g. use the wiki instead of email"))
        self.change.setMaxLength(MAX_CHANGE_CHARS)
        self.change.setClearButtonEnabled(True)
        self.kind_choice = RadioRow([(ChangeKind.START, self.tr("Start")),
                              (ChangeKind.STOP, self.tr("Stop")),
                              (ChangeKind.DIFFERENTLY, self.tr("Do differently"))],
                             name=self.tr("Kind of change"), parent=self)
        self.kind_choice.set_value(ChangeKind.DIFFERENTLY)
        self.size_choice = RadioRow([(Size.SMALL, self.tr("Small")),
                                     (Size.MEDIUM, self.tr("Medium")),
                                     (Size.LARGE, self.tr("Large"))],
                                    name=self.tr("Size of the change"), parent=self)
        self.size_choice.set_value(Size.MEDIUM)
        self.by_example = QCheckBox(self.tr("Lead by e&xample instead"), self)
        self.by_example.setAccessibleName(self.tr("Lead by example instead"))
        self.by_example.setAccessibleDescription(self.tr(
            "Do it yourself, visibly, and skip persuading anyone."))

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(4)
        for text, box in ((self.tr("&Who"), self.who), (self.tr("Their st&yle"), self.style_box)):
            label = QLabel(text, self)
            label.setBuddy(box)
            form.addRow(label, box)
        form.addRow(self._style_hint)
        form.addRow(self.guess)
        rows: list[tuple[str, QWidget, QWidget]] = [
            (self.tr("The &change you want"), self.change, self.change),
            (self.tr("&Kind of change"), self.kind_choice,
             self.kind_choice.button(ChangeKind.DIFFERENTLY)),
            (self.tr("Si&ze for them"), self.size_choice, self.size_choice.button(Size.MEDIUM)),
        ]
        for text, field, buddy in rows:
            label = QLabel(text, self)
            label.setBuddy(buddy)
            form.addRow(_spacer(6))
            form.addRow(label, field)
        form.addRow(_spacer(8))
        form.addRow(self.by_example)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        column.addLayout(form)
        column.addStretch(1)

    # -- reacting -------------------------------------------------------------------------

    def _on_who_changed(self, text: str) -> None:
        self._apply_who(text)
        self.changed.emit()

    def _apply_who(self, text: str) -> bool:
        """Fill the style when `text` names another saved person; True if the person changed."""
        person = self._people.get(name_key(text)) if text.strip() else None
        name = person.name if person else None
        self.guess.set_person(name)
        if name == self._person:
            return False
        self._person = name
        if person is not None:
            self.guess.clear()
            set_combo_style(self.style_box, person.style)
        self.person_changed.emit(name)
        return True

    def _on_style_changed(self) -> None:
        style = combo_style(self.style_box)
        self.guess.setVisible(style is None)
        self._style_hint.setText(self._style_description(style))
        self.changed.emit()

    def _on_remember(self, style: Style | None) -> None:
        if style is not None and self._person is not None:
            self.remember_requested.emit(self._person, style)

    def _style_description(self, style: Style | None) -> str:
        return {
            Style.FACTS: self.tr("Moved by evidence they can check, presented calmly."),
            Style.ENTHUSIASM: self.tr("Moved by energy and a picture of what becomes possible."),
            Style.REASSURANCE: self.tr("Needs the risk lowered: a small trial and a way back."),
            Style.CREDIBILITY: self.tr("Won over by expertise, precedent and sound technique."),
            None: self.tr("Answer two quick questions and the coach picks a style."),
        }[style]


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
        self.status = _muted(QLabel(self))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 12, 12, 12)
        layout.addWidget(self.output, 1)
        layout.addLayout(buttons)

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


class FollowUpRow(QWidget):
    """One saved suggestion with followed / not yet / declined toggles.

    Signals:
        outcome_changed(str, object): suggestion id and the new Outcome (or None).
    """

    outcome_changed = Signal(str, object)

    def __init__(self, suggestion: Suggestion, detail: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        self.setAccessibleName(suggestion.change)
        text = QLabel(suggestion.change, self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        meta = _muted(QLabel(detail, self))
        meta.setWordWrap(True)
        self.outcome = ChoiceRow(
            [(Outcome.FOLLOWED, self.tr("Followed"), self.tr("Followed")),
             (Outcome.NOT_YET, self.tr("Not yet"), self.tr("Not yet")),
             (Outcome.DECLINED, self.tr("Declined"), self.tr("Declined"))],
            name=self.tr("Outcome for: {change}").format(change=suggestion.change), parent=self,
        )
        self.outcome.set_value(suggestion.outcome)
        self.outcome.changed.connect(
            lambda value: self.outcome_changed.emit(self.suggestion.id, value))
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(text)
        words.addWidget(meta)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(12)
        layout.addLayout(words, 1)
        layout.addWidget(self.outcome, 0, Qt.AlignmentFlag.AlignVCenter)


class FollowUps(QWidget):
    """Open suggestions to follow up on, and realized vs attempted figures.

    Rows stay after an outcome is set until the next `load`, so a slip can be undone.

    Signals:
        outcome_changed(str, object): suggestion id and the new Outcome (or None).
    """

    outcome_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Follow-ups"))
        self.ratio = QLabel(self)
        self.ratio.setWordWrap(True)
        self.ratio.setAccessibleName(self.tr("Realized versus attempted"))
        self._intro = _muted(QLabel(self.tr(
            "Suggestions you saved and have not closed yet. Mark how each one went: "
            "leadership is realized when someone follows."), self))
        self._intro.setWordWrap(True)
        self._empty = _muted(QLabel(self.tr(
            "Nothing to follow up on. Save a suggestion and it appears here."), self))
        self._empty.setWordWrap(True)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(0)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.addLayout(self._rows)
        column.addWidget(self._empty)
        column.addStretch(1)
        area = quiet_scroll_area(content, self, name=self.tr("Open suggestions"),
                                 focus_inside=True)  # the toggles inside take focus
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(_bold(self.ratio))
        layout.addWidget(self._intro)
        layout.addSpacing(6)
        layout.addWidget(area, 1)

    def load(self, suggestions: list[Suggestion], today: date) -> None:
        """Show `suggestions` (already open and ordered), due dates relative to `today`."""
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for suggestion in suggestions:
            row = FollowUpRow(suggestion, self._detail(suggestion, today), self)
            row.outcome_changed.connect(self.outcome_changed)
            self._rows.addWidget(row)
        self._empty.setVisible(not suggestions)

    def rows(self) -> list[FollowUpRow]:
        """The rows shown, top to bottom."""
        items = (self._rows.itemAt(i) for i in range(self._rows.count()))
        return [w for item in items if item and isinstance(w := item.widget(), FollowUpRow)]

    def row_for(self, suggestion_id: str) -> FollowUpRow:
        """The row of one suggestion."""
        return next(r for r in self.rows() if r.suggestion.id == suggestion_id)

    def _detail(self, suggestion: Suggestion, today: date) -> str:
        parts = [suggestion.person] if suggestion.person else []
        due = suggestion.follow_up_on
        if due is None:
            parts.append(self.tr("no follow-up date"))
        elif due == today:
            parts.append(self.tr("follow up today"))
        else:
            when = QLocale().toString(_qdate(due), self.tr("ddd d MMM", "date format"))
            parts.append(self.tr("follow up on {date}").format(date=when) if due > today
                         else self.tr("follow-up was due {date}").format(date=when))
        if suggestion.outcome is Outcome.NOT_YET:
            parts.append(self.tr("not yet"))
        return " · ".join(parts)


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
        self._stats: Stats | None = None
        self._stats_request = 0
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

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMPOSE_DELAY_MS)
        self._timer.timeout.connect(self.refresh_output)
        self._connect()
        self._load_language()
        self._load_people()
        self.refresh_output()
        self.resize(980, 680)

    # -- public -------------------------------------------------------------------------

    def present(self) -> None:
        """Show, raise and focus the window with fresh people, follow-ups and figures."""
        self._load_language()
        self._load_people()
        self.people.reload()
        self._load_follow_ups()
        self._load_stats()
        self.refresh_output()
        self.show()
        self.raise_()
        self.activateWindow()
        if self.tabs.currentIndex() == 0:
            self.inputs.focus_first()

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
        try:
            self._composed = compose(self.inputs.request(self._language))
        except ComposerError as exc:
            self._composed = None
            self.view.show_hint(error_message(exc) if self.inputs.has_change() else self.tr(
                "Describe the change you want, and a suggestion appears here."))
        else:
            self.view.show_composed(self._composed)
        fresh = self._composed != self._saved
        self.copy_button.setEnabled(self._composed is not None)
        self.save_button.setEnabled(self._composed is not None and fresh)
        if fresh:
            self.view.status.clear()

    def copy(self) -> None:
        """Put the suggestion as plain text on the clipboard."""
        if self._timer.isActive():
            self.refresh_output()
        if self._composed is None:
            return
        QGuiApplication.clipboard().setText(self._composed.as_text())
        self.view.status.setText(self.tr("Copied to the clipboard."))

    def save(self) -> Suggestion | None:
        """Save the suggestion with a planned moment to follow up on; returns it."""
        if self._timer.isActive():
            self.refresh_output()
        composed = self._composed
        if composed is None or composed == self._saved:
            return None
        now = self._clock()
        follow_up = now.astimezone(self._tz).date() + timedelta(days=composed.follow_up_days)
        try:
            suggestion, _moment = self._store.add_suggestion(
                style=None if composed.by_example else composed.style, change=composed.change,
                action=composed.action, size=composed.size, text=composed.as_text(),
                person=composed.person, follow_up_on=follow_up, created_at=now,
            )
        except MlcoachError as exc:
            logger.info("suggestion not saved: %s", exc)
            self.view.status.setText(self.tr("Not saved: {reason}").format(
                reason=error_message(exc)))
            return None
        self._saved = composed
        self.save_button.setEnabled(False)
        when = QLocale().toString(_qdate(follow_up), self.tr("dddd d MMMM", "date format"))
        self.view.status.setText(self.tr("Saved as a planned moment. Follow up on {date}; "
                                         "it is listed under Follow-ups.").format(date=when))
        self._load_people()
        self.people.reload()
        self._load_follow_ups()
        self._load_stats()
        self.suggestion_saved.emit(suggestion.id)
        return suggestion

    # -- building -------------------------------------------------------------------------

    def _suggest_page(self) -> QWidget:
        scroll = quiet_scroll_area(self.inputs, self, name=self.tr("What to compose"),
                                   focus_inside=True)  # the inputs inside take focus
        self._inputs_scroll = scroll
        page = QWidget(self)
        page.setAccessibleName(self.tr("Suggest"))
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll)
        layout.addWidget(self.view, 1)
        return page

    def _connect(self) -> None:
        self.inputs.changed.connect(self._schedule)
        self.inputs.person_changed.connect(lambda _name: self._show_ratio())
        self.inputs.remember_requested.connect(self._remember_style)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        self.follow_ups.outcome_changed.connect(self._set_outcome)
        self.people.people_changed.connect(self._load_people)
        self.people.coach_requested.connect(self.set_person)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            _shortcut(self, keys, self._save_from_keyboard)
        _shortcut(self, "Ctrl+Shift+C", self._copy_from_keyboard)
        _shortcut(self, "Escape", self.close)

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
        self.save_button.setEnabled(pending)

    def _remember_style(self, name: str, style: Style) -> None:
        try:
            self._store.edit_person(name, style=style)
        except MlcoachError as exc:
            self.view.status.setText(self.tr("Not saved: {reason}").format(
                reason=error_message(exc)))
            return
        self._load_people()
        self.people.reload()

    def _save_from_keyboard(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.save()

    def _copy_from_keyboard(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.copy()

    def _set_outcome(self, suggestion_id: str, outcome: Outcome | None) -> None:
        try:
            self._store.set_suggestion_outcome(suggestion_id, outcome, at=self._clock())
        except MlcoachError as exc:
            logger.warning("outcome not saved: %s", exc)
            self.follow_ups.ratio.setText(self.tr("Not saved: {reason}").format(
                reason=error_message(exc)))
            return
        self._update_tab_count()
        self._load_stats()

    # -- loading and showing ----------------------------------------------------------------

    def _load_language(self) -> None:
        try:
            setting = self._store.settings().language
        except MlcoachError as exc:
            logger.warning("could not read the language setting: %s", exc)
            setting = ""
        self._language = ui_language(setting)
        self.inputs.set_language(self._language)
        self._fix_tab_order()
        bar = self._inputs_scroll.verticalScrollBar().sizeHint().width()
        self._inputs_scroll.setFixedWidth(max(360, self.inputs.width_needed() + bar))

    def _load_people(self) -> None:
        try:
            self.inputs.set_people(self._store.people())
        except MlcoachError as exc:
            logger.warning("could not load people: %s", exc)

    def _load_follow_ups(self) -> None:
        try:
            suggestions = open_suggestions(self._store)[:FOLLOW_UP_LIMIT]
        except MlcoachError as exc:
            logger.warning("could not load follow-ups: %s", exc)
            return
        self.follow_ups.load(suggestions, self._clock().astimezone(self._tz).date())
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
                lambda exc: logger.warning("could not compute realized vs attempted: %s", exc))

    def _on_stats(self, request: int, stats: Stats) -> None:
        if request != self._stats_request:
            return  # a newer load is on its way
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


def _spacer(height: int) -> QWidget:
    """A fixed vertical gap usable as a form row."""
    gap = QWidget()
    gap.setFixedHeight(height)
    return gap
