"""The composer's inputs: the person, their style (or a guess from three questions), the change."""

from __future__ import annotations

import logging
from collections.abc import Hashable
from functools import partial

from PySide6.QtCore import (
    QMargins,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.capture import person_keys, renamed_with_ending, without_ending
from mlcoach.domain.model import ChangeKind, Person, Size, Style
from mlcoach.domain.text import name_key
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    guess_questions,
    guess_style,
)
from mlcoach.ui.colours import mute
from mlcoach.ui.names import style_name
from mlcoach.ui.widgets.helpers import bold, clear_layout, spacer
from mlcoach.ui.widgets.plain_text import Label
from mlcoach.ui.widgets.style_combo import combo_style, fill_style_combo, set_combo_style
from mlcoach.ui.widgets.wrapping_button import WrappingCheckBox, WrappingRadioButton

logger = logging.getLogger(__name__)


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
        self._rove()

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
            self._rove()
            self.changed.emit(value)

    def _rove(self) -> None:
        """Make the checked button (the first when none is) the row's one tab stop and
        its focus proxy: Tab lands on the choice made, the arrow keys move to the others
        (Qt lands on the group's first button otherwise, checked or not)."""
        buttons = self.buttons()
        if not buttons:
            return
        stop = next((b for b in buttons if b.isChecked()), buttons[0])
        for button in buttons:
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is stop
                                  else Qt.FocusPolicy.ClickFocus)
        self.setFocusProxy(stop)


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
        self._result = Label(self)
        self._result.setWordWrap(True)
        self._result.setAccessibleDescription(self.tr("Best guess"))
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
        clear_layout(self._questions)
        for group in self._groups:  # children of this box: kept, two more each switch
            group.deleteLater()
        self._groups, self._options = [], {}
        for number, question in enumerate(guess_questions(language)):
            if number:
                self._questions.addSpacing(6)
            label = bold(Label(question.text, self))
            label.setWordWrap(True)
            self._questions.addWidget(label)
            group = QButtonGroup(self)
            for option in question.options:
                button = WrappingRadioButton(option.text, self)
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
        person_gone(str): the saved person in "Who" was deleted elsewhere (their name);
            "Who" is emptied.
        remember_requested(object, object): keep the guessed Style as this saved
            Person's style.
    """

    changed = Signal()
    person_changed = Signal(object)
    person_gone = Signal(str)
    remember_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("What to compose"))
        self._people: dict[str, Person] = {}  # name_key -> person
        self._person: str | None = None  # the saved person whose style was applied
        self._person_id: str | None = None  # and their id: renamed elsewhere, still them
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
            # the saved person as saved; anyone else as typed, without a Turkish ending
            person=self._person or without_ending(self.who.currentText()) or None,
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

    def person_id(self) -> str | None:
        """The id of the saved person in "Who": what a save is held to, and what the
        coach's draft is about, written only while they are there (deleted unseen, by the
        command line, Who still names them; seen, Who is emptied)."""
        return self._person_id

    def has_change(self) -> bool:
        """Whether something is typed as the change."""
        return bool(self.change.text().strip())

    def completer(self) -> QCompleter:
        """What "Who" offers as it is typed in."""
        return self._completer

    def _offer_names(self, text: str) -> None:
        typed = name_key(text)
        found = [p.name for key, p in self._people.items() if typed and typed in key]
        self._matches.setStringList(found)
        popup = self._completer.popup()
        if found and popup is not None:
            self._completer.complete()
        elif popup is not None:
            popup.hide()

    def set_people(self, people: list[Person], now: Person | None = None) -> None:
        """Offer `people` in "Who", keeping what is typed there and any style picked.
        `now`: the saved person in Who as they are now, when not one of `people`: merged
        into another since (Who says that one), or archived (Who stays as typed)."""
        before = self._people.get(name_key(self._person)) if self._person else None
        self._people = {name_key(p.name): p for p in people}
        # By id: renamed elsewhere, Who says the new name (not an audience of no one's
        # under the old one, whom a save made a second person); merged, the one kept.
        held = next((p for p in people if p.id == self._person_id), None) \
            if self._person_id else None
        if held is None and now is not None and any(p.id == now.id for p in people):
            held, self._person_id = now, now.id  # merged: still them, the style set stays
        after = held or (self._people.get(name_key(self._person)) if self._person else None)
        text = self.who.currentText()
        if held is not None and self._person is not None and held.name != self._person:
            text = renamed_with_ending(text, self._person, held.name)  # "Dana'ya" stays so
        gone = self._person if self._person_id is not None and held is None \
            and now is None and self._saved_person(text) is None else None
        if gone is not None:  # deleted elsewhere: typed on, a save would bring them back
            text = ""
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
        if gone is not None:
            self.person_gone.emit(gone)

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

    def width_wanted(self) -> int:
        """Width that shows each answer to the style questions on one line (where the
        screen has the room; they wrap in a narrower column)."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        return max(self.width_needed(), self.guess.sizeHint().width()
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
        line = self.who.lineEdit()
        assert line is not None  # an editable combo has one
        line.setPlaceholderText(self.tr("A saved person, or anyone (optional)"))
        line.setAccessibleName(self.tr("Who"))
        line.setClearButtonEnabled(True)
        # Names matched as the store matches them, whichever Turkish I was typed ("ış"
        # finds "Işık"); Qt's own case folding does not know the Turkish pairs.
        # Driven here (not set on the line, whose own prefix matching would drop them).
        self.who.setCompleter(None)  # type: ignore[arg-type]  # Qt takes nullptr
        self._matches = QStringListModel(self)
        self._completer = QCompleter(self._matches, self.who)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(line)
        self._completer.activated[str].connect(  # type: ignore[index]
            lambda name: self.who.setEditText(name))
        line.textEdited.connect(self._offer_names)

        self.style_box = QComboBox(self)
        self.style_box.setAccessibleName(self.tr("Their style"))
        fill_style_combo(self.style_box)
        set_combo_style(self.style_box, None)
        self._style_hint = mute(Label(self))
        self._style_hint.setWordWrap(True)
        self._style_hint.setAccessibleDescription(self.tr("About this style"))
        self.guess = StyleGuess(self)

        self.change = QLineEdit(self)
        self.change.setAccessibleName(self.tr("The change you want"))
        self.change.setAccessibleDescription(self.tr(
            "In your own words; \"A instead of B\" gives the best question."))
        self.change.setPlaceholderText(self.tr("e.g. use the wiki instead of email"))
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
        self.by_example = WrappingCheckBox(self.tr("Lead by e&xample instead"), self)
        self.by_example.setAccessibleName(self.tr("Lead by example instead"))
        self.by_example.setAccessibleDescription(self.tr(
            "Do it yourself, visibly, and skip persuading anyone."))

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(4)
        for text, box in ((self.tr("&Who"), self.who), (self.tr("Their st&yle"), self.style_box)):
            label = Label(text, self)
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
            label = Label(text, self)
            label.setBuddy(buddy)
            form.addRow(spacer(6))
            form.addRow(label, field)
        form.addRow(spacer(8))
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
        person = self._saved_person(text)
        name = person.name if person else None
        self.guess.set_person(name)
        if name == self._person:
            self._person_id = person.id if person else None
            return False
        renamed = person is not None and person.id == self._person_id
        self._person, self._person_id = name, (person.id if person else None)
        if person is not None and not renamed:  # renamed elsewhere: the style set stays
            self.guess.clear()
            set_combo_style(self.style_box, person.style)
        self.person_changed.emit(name)
        return True

    def _saved_person(self, text: str) -> Person | None:
        """The saved person `text` names: "Ana'ya" is Ana unless someone is saved so."""
        own, bare = person_keys(text)
        return (self._people.get(own) or self._people.get(bare)) if text.strip() else None

    def _on_style_changed(self) -> None:
        style = combo_style(self.style_box)
        self.guess.setVisible(style is None)
        self._style_hint.setText(self._style_description(style))
        self.changed.emit()

    def _on_remember(self, style: Style | None) -> None:
        person = self._people.get(name_key(self._person)) if self._person else None
        if style is not None and person is not None:
            self.remember_requested.emit(person, style)

    def _style_description(self, style: Style | None) -> str:
        return {
            Style.FACTS: self.tr("Moved by evidence they can check, presented calmly."),
            Style.ENTHUSIASM: self.tr("Moved by energy and a picture of what becomes possible."),
            Style.REASSURANCE: self.tr("Needs the risk lowered: a small trial and a way back."),
            Style.CREDIBILITY: self.tr("Won over by expertise, precedent and sound technique."),
            None: self.tr("Answer two quick questions and the coach picks a style."),
        }[style]
