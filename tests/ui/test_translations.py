"""Every word a window shows goes through a translation; the Turkish catalogue is complete.

A pseudo-translator marks each string that the .ts knows (under the same context the
code asks with), and the core's catalogue is swapped for one that marks every lookup.
Each window is then walked: a visible text with letters outside the marks is a string
that no translator will ever see. The .ts must match what lupdate extracts from ui/,
have every entry finished with its placeholders and accelerators intact, and the .qm
must say the same as the .ts.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt, QTranslator
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QWidget,
)

from mlcoach.coaching.content import load_builtin, theme_names
from mlcoach.domain import i18n
from mlcoach.domain.model import ChangeKind, Kind, Outcome, Response, Size, Style
from mlcoach.influence.composer import guess_questions
from mlcoach.store.core import Store
from mlcoach.store.vault import Opened
from tests.ui.conftest import NOW, TZ, today_at
from tests.ui.worker import drain

pytestmark = pytest.mark.gui


ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
TS = FOLDER / "mlcoach_tr.ts"
QM = FOLDER / "mlcoach_tr.qm"
BIN = Path(sys.executable).parent

OPEN, CLOSE = "⟦", "⟧"
_MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Words that are the same in every language: names, and the languages' own names.
ALWAYS = ("mlcoach", "English", "Türkçe", "iCalendar", "JSON", "CSV", "Markdown")
# The people, moments and other things the test writes into the store.
PEOPLE = ("Ana Lima", "Bo Chen")


# -- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    comment: str
    translation: str
    finished: bool
    numerus: bool


def read_ts(path: Path) -> dict[tuple[str, str], Message]:
    """The messages of a .ts file by (context, source)."""
    found: dict[tuple[str, str], Message] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            element = message.find("translation")
            assert element is not None
            forms = [f.text or "" for f in element.iter("numerusform")]
            text = forms[0] if forms else (element.text or "")
            kind = element.get("type", "")
            found[(name, source)] = Message(name, source, message.findtext("comment") or "", text,
                                            kind not in ("unfinished", "vanished", "obsolete")
                                            and all(forms or [text]),
                                            message.get("numerus") == "yes")
    return found


class PseudoTranslator(QTranslator):
    """Marks what the catalogue knows (and Qt's own words); leaves the rest alone."""

    def __init__(self, known: set[tuple[str, str]]) -> None:
        super().__init__()
        self.known = known
        self.ours = {context for context, _ in known}

    def translate(self, context: str, source: str, disambiguation: Any = None,
                  n: int = -1) -> str | None:
        if (context, source) in self.known:
            return OPEN + source + CLOSE
        if context not in self.ours and context.startswith("Q"):  # Qt's own (qtbase)
            return OPEN + source + CLOSE
        return None  # a null string: Qt shows the source (an empty one would be shown)

    def isEmpty(self) -> bool:
        return False


class PseudoCatalogue(dict[str, str]):
    """The core's catalogue, marking every message it is asked for."""

    def get(self, key: str, default: Any = None) -> str:  # type: ignore[override]
        return OPEN + key + CLOSE


@pytest.fixture
def pseudo(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    translator = PseudoTranslator(set(read_ts(TS)))
    qapp.installTranslator(translator)
    monkeypatch.setattr(i18n, "catalogue", lambda language: PseudoCatalogue())
    try:
        yield
    finally:
        qapp.removeTranslator(translator)


# -- what a window shows ---------------------------------------------------------------------


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where + " menu", menu.title()
    for action in menu.actions():
        yield where + " action", action.text()
        yield where + " action tip", action.toolTip() if action.toolTip() != \
            action.text().replace("&", "") else ""
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), where)


def _model_texts(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    for section in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            yield where + " header", str(model.headerData(section, Qt.Orientation.Horizontal,
                                                           role) or "")
    for row in range(min(model.rowCount(), 30)):
        for column in range(model.columnCount()):
            index = model.index(row, column, QModelIndex())
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.AccessibleTextRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield where + " item", value


def texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text `widget` and its children show or tell a screen reader."""
    for w in [widget, *widget.findChildren(QWidget)]:
        kind = type(w).__name__
        if w.isWindow():
            yield kind + " title", w.windowTitle()
        for what, text in (("tooltip", w.toolTip()), ("name", w.accessibleName()),
                           ("description", w.accessibleDescription()),
                           ("status tip", w.statusTip()), ("what's this", w.whatsThis())):
            yield f"{kind} {what}", text
        if isinstance(w, QLabel | QAbstractButton):
            yield kind, w.text()
        elif isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit):
            # Only the placeholder: the text is the user's, or composed from resources/coach.
            yield kind + " placeholder", w.placeholderText()
        if isinstance(w, QGroupBox):
            yield kind, w.title()
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield kind + " tab", w.tabText(i)
                yield kind + " tab tip", w.tabToolTip(i)
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                yield kind + " tab", w.tabText(i)
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield kind + " item", w.itemText(i)
        if isinstance(w, QSpinBox):
            yield kind + " suffix", w.suffix()
            yield kind + " prefix", w.prefix()
        if isinstance(w, QAbstractSpinBox):
            yield kind + " special", w.specialValueText()
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                yield kind + " item", w.item(i).text()
                yield kind + " item tip", w.item(i).toolTip()
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            for c in range(w.columnCount()):
                yield kind + " header", header.text(c)
            yield from _model_texts(w, kind)
        elif isinstance(w, QAbstractItemView):
            yield from _model_texts(w, kind)
        if isinstance(w, QToolButton) and w.menu() is not None:
            yield from _menu_texts(w.menu(), kind)
        for action in w.actions():
            if action.text() and not isinstance(w, QMenu):
                yield kind + " action", action.text()
        if isinstance(w, QMenu):
            yield from _menu_texts(w, kind)


def data_words() -> list[str]:
    """Text that is data, not the app's words: names, prompts, themes, locale names."""
    words = [*ALWAYS, *PEOPLE]
    for lang in ("en", "tr"):
        words += theme_names(lang).values()
        for prompt in load_builtin():
            text = prompt.text_for(lang)
            words += [text.text, text.try_this]
        for question in guess_questions(lang):  # the coach's own words, from resources/coach
            words += [question.text, *(option.text for option in question.options)]
    locale = QLocale()
    for fmt in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat,
                QLocale.FormatType.NarrowFormat):
        for i in range(1, 13):
            words += [locale.monthName(i, fmt), locale.standaloneMonthName(i, fmt)]
        for i in range(1, 8):
            words += [locale.dayName(i, fmt), locale.standaloneDayName(i, fmt)]
    words += [locale.amText(), locale.pmText()]
    return sorted({w for w in words if w}, key=len, reverse=True)


def unmarked(widget: QWidget, extra: tuple[str, ...] = ()) -> list[str]:
    """Texts of `widget` with words that did not pass through a translation."""
    data = [*extra, *data_words()]
    problems = []
    for where, text in texts_of(widget):
        if not text:
            continue
        rest = _plain(text)
        while True:  # marks nest: tr("A %1").replace("%1", tr("B"))
            inner = _MARKED.sub(" ", rest)
            if inner == rest:
                break
            rest = inner
        for word in data:
            rest = rest.replace(word, " ")
        if _WORD.search(rest):
            problems.append(f"{where}: {text!r}")
    return sorted(set(problems))


# -- the windows, filled -----------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    """A store with a bit of everything, so lists and charts have rows."""
    store.add_person(PEOPLE[0], Style.FACTS, notes="Prefers written agendas")
    store.add_person(PEOPLE[1], Style.REASSURANCE)
    event = store.record_prompt_shown("recognition-01", "recognition", at=today_at(9))
    store.record_response(event.id, Response.DONE, at=today_at(9, 5))
    store.add_moment("Thanked Ana for the notes", Kind.RECOGNITION, person=PEOPLE[0],
                     tags=["release"], created_at=today_at(10), prompt_event_id=event.id)
    store.add_moment("Asked Bo about the agenda", Kind.QUESTION, person=PEOPLE[1],
                     created_at=today_at(11), outcome=Outcome.FOLLOWED)
    for days in range(1, 20, 3):
        store.add_moment("Left on time", Kind.EXAMPLE, created_at=today_at(16, days_ago=days))
        store.save_reflection(NOW.date() - timedelta(days=days), energy=3 + days % 3,
                              went_well="Agenda", at=today_at(18, days_ago=days))
    store.add_suggestion(person=PEOPLE[1], style=Style.REASSURANCE, change="a written agenda",
                         action=ChangeKind.START, size=Size.SMALL, text="Try it once",
                         follow_up_on=NOW.date() - timedelta(days=1), created_at=today_at(12))
    return store


def _settle(qtbot: Any) -> None:
    from mlcoach.ui import ops

    def idle() -> bool:
        QApplication.processEvents()
        return ops.pool().activeThreadCount() == 0 and not ops._live
    qtbot.waitUntil(idle, timeout=10_000)
    QApplication.processEvents()


def _check(widget: QWidget, extra: tuple[str, ...] = ()) -> None:
    problems = unmarked(widget, extra)
    assert problems == [], "not translatable:\n" + "\n".join(problems)


def test_capture_window(qtbot: Any, pseudo: None, filled: Store, tmp_path: Path) -> None:
    from mlcoach.ui.capture_window import CaptureWindow
    from mlcoach.ui.draft import DraftFile

    window = CaptureWindow(filled, DraftFile(tmp_path / "draft.txt"))
    qtbot.addWidget(window)
    window.present()
    _check(window)
    window._save()  # nothing typed: the inline error
    _check(window)


def test_prompt_card_and_tray(qtbot: Any, pseudo: None) -> None:
    from mlcoach.ui.prompt_card import PromptCard
    from mlcoach.ui.tray import MainWindow, TrayMenu

    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt("Theme", "Prompt text", "Try text", "A note")
    _check(card, ("THEME", "Theme", "Prompt text", "Try text", "A note"))
    menu = TrayMenu()
    menu.set_lowered_pace(4)  # "Back to 4 prompts a day" shows while the count is lowered
    window = MainWindow(menu)
    qtbot.addWidget(window)
    _check(window)
    _check(menu.menu)


def test_pace_card(qtbot: Any, pseudo: None) -> None:
    from mlcoach.ui.pace_card import PaceCard

    card = PaceCard()
    qtbot.addWidget(card)
    card.show_offer("The coach's sentence", 4)
    _check(card, ("The coach's sentence",))


def test_reflection_dialog(qtbot: Any, pseudo: None, filled: Store) -> None:
    from mlcoach.coaching.reflection_questions import question_for
    from mlcoach.ui.reflection_dialog import ReflectionDialog

    dialog = ReflectionDialog(filled, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.load_day()
    drain()  # the day is read on the store's worker
    dialog.present()
    _settle(qtbot)
    # The day's rotating question is core data with its own Turkish (resources/reflection).
    from mlcoach.ui.i18n import current_language
    from mlcoach.ui.reflection_dialog import with_mnemonic

    question = question_for(NOW.astimezone(TZ).date(), current_language()).text
    _check(dialog, ("Thanked Ana for the notes", "Asked Bo about the agenda",
                    "a written agenda", question, with_mnemonic(question, taken="edi")))


def test_settings_dialog(qtbot: Any, pseudo: None, opened: Opened, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    from mlcoach.security.keys import OSKeyring
    from mlcoach.ui.settings_dialog import SettingsDialog

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dialog = SettingsDialog(opened.store, opened, keys=OSKeyring())
    qtbot.addWidget(dialog)
    dialog.present()
    for i in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(i)
        _settle(qtbot)
    _check(dialog, (str(tmp_path),))


def test_welcome(qtbot: Any, pseudo: None, opened: Opened) -> None:
    from mlcoach.ui.welcome import WelcomeDialog

    dialog = WelcomeDialog(opened.store, opened)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(dialog.steps()):
        _check(dialog)
        dialog.next()


def test_influence_coach_and_people(qtbot: Any, pseudo: None, filled: Store) -> None:
    from mlcoach.ui.composer_dialog import ComposerDialog

    window = ComposerDialog(filled, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(window)
    window.present()
    qtbot.keyClicks(window.change, "share the agenda the day before")
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        _settle(qtbot)
    _check(window, ("share the agenda the day before", "a written agenda",
                    "Prefers written agendas", "Thanked Ana for the notes",
                    "Asked Bo about the agenda", "Left on time"))


def test_history(qtbot: Any, pseudo: None, filled: Store) -> None:
    from mlcoach.ui.history.window import HistoryWindow

    window = HistoryWindow(filled, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(window)
    window.present()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        _settle(qtbot)
    _check(window, ("Thanked Ana for the notes", "Asked Bo about the agenda", "Left on time",
                    "a written agenda", "Try it once", "Agenda", "#release", "release",
                    "Prefers written agendas"))


def test_dialogs_opened_from_the_windows(qtbot: Any, pseudo: None, filled: Store) -> None:
    from mlcoach.ui.people_panel import PersonDialog
    from mlcoach.ui.privacy import ConfirmDeleteDialog, RecoveryKeyView

    [ana] = [p for p in filled.people() if p.name == PEOPLE[0]]
    for dialog in (PersonDialog(lambda form: None), PersonDialog(lambda form: None, person=ana),
                   ConfirmDeleteDialog()):
        qtbot.addWidget(dialog)
        dialog.show()
        _check(dialog, ("Prefers written agendas",))
    view = RecoveryKeyView()
    qtbot.addWidget(view)
    view.set_key("ABCD-EFGH")
    _check(view, ("ABCD", "EFGH"))


def test_meeting_preparation_card(qtbot: Any, pseudo: None, filled: Store) -> None:
    from mlcoach.coaching.meeting_prep import Prep, PrepPerson
    from mlcoach.ui.prep_card import PrepCard

    people = tuple(PrepPerson(p, s[0] if (s := filled.suggestions(p.name)) else None,
                              "How would it work for you?") for p in filled.people())
    card = PrepCard()
    qtbot.addWidget(card)
    start = NOW + timedelta(minutes=10)
    card.show_prep(Prep("k", "Weekly sync", start, NOW, people * 3), NOW, TZ)
    _check(card, ("Weekly sync", "How would it work for you?", "a written agenda"))


# -- strings that only show in message boxes and file dialogs ---------------------------------

# Calls whose string arguments a person reads.
TEXT_CALLS = {
    "setText", "setWindowTitle", "setPlaceholderText", "setToolTip", "setAccessibleName",
    "setAccessibleDescription", "addItem", "addItems", "insertItem", "setItemText", "addTab",
    "setTabText", "setTabToolTip", "setTitle", "showMessage", "warning", "information",
    "question", "critical", "about", "setStatusTip", "setWhatsThis", "setHeaderLabels",
    "setHorizontalHeaderLabels", "QLabel", "QPushButton", "QCheckBox", "QRadioButton",
    "QGroupBox", "QAction", "QToolButton", "addAction", "addMenu", "addButton", "addRow",
    "setSuffix", "setPrefix", "setSpecialValueText", "setInformativeText", "setDetailedText",
    "setLabelText", "setCancelButtonText", "setHtml", "setPlainText", "getText", "getItem",
    "getSaveFileName", "getOpenFileName", "getExistingDirectory", "setNameFilter",
    "QMessageBox", "QProgressDialog", "hint_label", "heading", "paragraph", "show_error",
    "show_hint", "show_saved",
}
MESSAGE_BOX = {"warning", "information", "question", "critical", "about"}
DATA_AFTER_TEXT = {"addItem", "insertItem"}  # (text, user data)
# Literal words that are the same in every language.
LITERAL_OK = {"mlcoach", "English", "Türkçe"}


def _untranslated_literals(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in TEXT_CALLS:
            continue
        owner = func.value if isinstance(func, ast.Attribute) else None
        if name in MESSAGE_BOX and not (isinstance(owner, ast.Name) and owner.id == "QMessageBox"):
            continue  # logger.warning(...) and the like
        args = node.args[:1] if name in DATA_AFTER_TEXT else node.args
        for arg in [*args, *(k.value for k in node.keywords if k.arg != "userData")]:
            translated = any(
                isinstance(sub, ast.Call) and (getattr(sub.func, "attr", "") in ("tr", "translate")
                                               or getattr(sub.func, "id", "") == "translate")
                for sub in ast.walk(arg))
            if translated:
                continue
            parts = {id(v) for f in ast.walk(arg) if isinstance(f, ast.JoinedStr)
                     for v in f.values}
            for sub in ast.walk(arg):
                if id(sub) in parts:
                    continue
                if isinstance(sub, ast.JoinedStr):
                    words = "".join(v.value if isinstance(v, ast.Constant) else "{}"
                                    for v in sub.values)
                else:
                    words = sub.value if isinstance(sub, ast.Constant) and isinstance(
                        sub.value, str) else ""
                words = re.sub(r"<[^>]*>|&\w+;", " ", words)  # markup is not words
                if _WORD.search(words) and words.strip() not in LITERAL_OK:
                    yield f"{path.relative_to(ROOT)}:{node.lineno}: {name}({ast.unparse(sub)[:70]})"


def test_no_literal_words_reach_the_screen_untranslated() -> None:
    found = [hit for path in sorted((ROOT / "ui").rglob("*.py"))
             for hit in _untranslated_literals(path)]
    assert found == [], "wrap these in self.tr() / QCoreApplication.translate():\n" + \
        "\n".join(found)


# -- the catalogue itself -----------------------------------------------------------------------


def _lupdate(into: Path) -> dict[tuple[str, str], Message]:
    """What lupdate makes of the committed .ts and today's ui/ (as `make translations` does)."""
    tool = BIN / "pyside6-lupdate"
    if not tool.exists():
        pytest.skip("pyside6-lupdate is not installed")
    copy = into / TS.name
    copy.write_bytes(TS.read_bytes())
    subprocess.run([str(tool), "-no-obsolete", "-locations", "none",
                    *sorted(str(p) for p in (ROOT / "ui").rglob("*.py")), "-ts", str(copy)],
                   check=True, capture_output=True, timeout=120)
    return read_ts(copy)


def test_the_ts_has_every_string_of_the_ui_and_nothing_else(tmp_path: Path) -> None:
    fresh, committed = _lupdate(tmp_path), read_ts(TS)
    assert sorted(set(fresh) - set(committed)) == [], "new strings: run make translations"
    assert sorted(set(committed) - set(fresh)) == [], "stale strings: run make translations"


# Placeholders that must survive translation: %1, %n, %Ln, {name}, {0}.
_PLACEHOLDER = re.compile(r"%L?n|%\d|\{\w*\}")
_TAG = re.compile(r"</?(\w+)")


def _accelerators(text: str) -> int:
    return len(re.findall(r"(?<!&)&(?!&)(?=\S)", text.replace("&&", "")))


def test_every_entry_is_translated_with_placeholders_and_keys_intact() -> None:
    messages = read_ts(TS).values()
    assert len(messages) > 500
    for m in messages:
        where = f"{m.context}: {m.source!r}"
        assert m.finished and m.translation.strip(), "unfinished: " + where
        assert sorted(_PLACEHOLDER.findall(m.translation)) == \
            sorted(_PLACEHOLDER.findall(m.source)), "placeholders: " + where
        assert _accelerators(m.translation) == _accelerators(m.source), "accelerator: " + where
        assert sorted(_TAG.findall(m.translation)) == sorted(_TAG.findall(m.source)), \
            "markup: " + where
        assert m.source.endswith("…") == m.translation.endswith("…"), "ellipsis: " + where
        assert ";;" not in m.source or m.translation.count(";;") == m.source.count(";;"), where


def test_the_qm_says_what_the_ts_says() -> None:
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} is missing: run make translations"
    for m in read_ts(TS).values():
        got = translator.translate(m.context, m.source, m.comment or None, 2 if m.numerus else -1)
        assert got == m.translation, f"{m.context}: {m.source!r}: run make translations"


# -- choosing the language ---------------------------------------------------------------------


def test_the_language_comes_from_the_setting_or_the_environment(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QCoreApplication

    from mlcoach.ui.i18n import current_language, install_translators

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "tr_TR.UTF-8")
    try:
        assert install_translators(qapp) == "tr" == current_language()
        assert QCoreApplication.translate("TrayMenu", "Quit") == "Çık"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "İptal"  # Qt's own
        assert install_translators(qapp, "en") == "en"
        assert QCoreApplication.translate("TrayMenu", "Quit") == "Quit"
        assert install_translators(qapp, "tr") == "tr"
        assert QLocale().language() == QLocale.Language.Turkish
        assert QLocale().toString(3.5, "f", 1) == "3,5"
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(QLocale.system())


def test_the_coach_names_the_outcome_buttons_as_they_read() -> None:
    """The Turkish next step said "mark it «izlendi»" (also "was watched") while the
    buttons read «Karşılık buldu»: the user was sent to a button that does not exist."""
    import tomllib

    buttons = {m.translation for (_, source), m in read_ts(TS).items()
               if source in ("Followed", "Not yet", "Declined")}
    assert "Karşılık buldu" in buttons
    coach = (ROOT / "resources" / "coach" / "tr.toml").read_text(encoding="utf-8")
    tomllib.loads(coach)
    named = set(re.findall(r"«([^»]+)» (?:ya da|veya|olarak)", coach))
    marked = set(re.findall(r"«([^»]+)» olarak işaretleyin", coach))
    assert marked and (named | marked) <= buttons
