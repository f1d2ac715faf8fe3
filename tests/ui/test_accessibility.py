"""Keyboard and screen-reader access in every window, and colours that stay readable.

Each window is walked page by page (tabs, wizard steps): every interactive widget must
have a name a screen reader can say and be reachable with Tab; it must look different
when it has the keyboard focus; accelerators (&) on one page must not clash, in English
and in Turkish; and text drawn in a colour of the app's own must keep 4.5:1 contrast in
a light and a dark palette.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from mlcoach.domain.model import ChangeKind, Kind, Outcome, Response, Size, Style
from mlcoach.store.core import Store
from mlcoach.store.vault import Opened
from tests.ui.conftest import NOW, TZ, today_at
from tests.ui.widget_tree import inside
from tests.ui.worker import drain

pytestmark = pytest.mark.gui


ROOT = Path(__file__).resolve().parents[2]
QM = ROOT / "resources" / "translations" / "mlcoach_tr.qm"
INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
               QAbstractSpinBox, QAbstractItemView, QTabBar)
# Widgets that are parts of another control (its arrow, its popup list, its scroll bar):
# the control they belong to is what gets the name and the focus.
INNER_OF = (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar, QCalendarWidget, QMenu)
# Windows that must never take the keyboard (they appear while you type elsewhere):
# their buttons are for the mouse; the same actions are in the tray menu.
NO_FOCUS_WINDOWS = {"PromptCard", "PrepCard"}


# -- the windows, page by page ---------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_person("Ana Lima", Style.FACTS, notes="Prefers written agendas")
    store.add_person("Bo Chen", Style.REASSURANCE)
    event = store.record_prompt_shown("recognition-01", "recognition", at=today_at(9))
    store.record_response(event.id, Response.DONE, at=today_at(9, 5))
    store.add_moment("Thanked Ana for the notes", Kind.RECOGNITION, person="Ana Lima",
                     created_at=today_at(10), prompt_event_id=event.id)
    store.add_moment("Asked Bo about the agenda", Kind.QUESTION, person="Bo Chen",
                     created_at=today_at(11), outcome=Outcome.FOLLOWED)
    for days in range(1, 15, 3):
        store.add_moment("Left on time", Kind.EXAMPLE, created_at=today_at(16, days_ago=days))
        store.save_reflection(NOW.date() - timedelta(days=days), energy=3,
                              went_well="Agenda", at=today_at(18, days_ago=days))
    store.add_suggestion(person="Bo Chen", style=Style.REASSURANCE, change="a written agenda",
                         action=ChangeKind.START, size=Size.SMALL, text="Try it once",
                         follow_up_on=NOW.date(), created_at=today_at(12))
    return store


def show_window(qtbot: Any, widget: QWidget) -> None:
    """Show a built window, closed (a dialog rejected) when the test ends."""
    if isinstance(widget, QDialog):
        qtbot.addWidget(widget, before_close_func=lambda d: d.done(0))
    else:
        qtbot.addWidget(widget)
    widget.show()


def _settle(qtbot: Any) -> None:
    from mlcoach.ui import ops

    def idle() -> bool:
        QApplication.processEvents()
        return ops.pool().activeThreadCount() == 0 and not ops._live
    qtbot.waitUntil(idle, timeout=10_000)


Pages = Iterator[str]  # yields a name for each page shown in turn
Built = tuple[QWidget, Callable[[], Pages]]


def _tabs(window: QWidget, tabs: QTabWidget, qtbot: Any) -> Pages:
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        _settle(qtbot)
        yield f"{type(window).__name__} tab {i}"


def capture(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.capture_window import CaptureWindow
    from mlcoach.ui.draft import DraftFile

    window = CaptureWindow(store, DraftFile(tmp_path / "draft.txt"))
    return window, lambda: iter(["capture"])


def reflection(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.reflection_dialog import ReflectionDialog

    dialog = ReflectionDialog(store, clock=lambda: NOW, tz=TZ)
    dialog.load_day()
    drain()  # the day is read on the store's worker
    return dialog, lambda: iter(["reflection"])


def settings(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.security.keys import OSKeyring
    from mlcoach.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(opened.store, opened, keys=OSKeyring())
    return dialog, lambda: _tabs(dialog, dialog.tabs, qtbot)


def welcome(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.welcome import WelcomeDialog

    dialog = WelcomeDialog(opened.store, opened)

    def steps() -> Pages:
        for i in range(dialog.steps()):
            dialog.stack.setCurrentIndex(i)
            dialog._update_buttons()
            yield f"welcome step {i + 1}"
    return dialog, steps


def coach(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.composer_dialog import ComposerDialog

    window = ComposerDialog(store, clock=lambda: NOW, tz=TZ)
    return window, lambda: _tabs(window, window.tabs, qtbot)


def history(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.history.window import HistoryWindow

    window = HistoryWindow(store, clock=lambda: NOW, tz=TZ)
    return window, lambda: _tabs(window, window.tabs, qtbot)


def people(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.people_panel import PeoplePanel

    panel = PeoplePanel(store, tz=TZ)
    return panel, lambda: iter(["people"])


def person_dialog(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.people_panel import PersonDialog

    return PersonDialog(lambda form: None, person=store.people()[0]), lambda: iter(["person"])


def moment_editor(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.store.timeline import Timeline, TimelineFilter
    from mlcoach.ui.history.moment_editor import MomentEditor

    entry = next(e for e in Timeline(store).page(TimelineFilter(), 0, 50) if e.moment_kind)
    return MomentEditor(entry), lambda: iter(["moment editor"])


def confirm_delete(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.privacy import ConfirmDeleteDialog

    return ConfirmDeleteDialog(), lambda: iter(["delete"])


def prompt_card(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.prompt_card import PromptCard

    card = PromptCard()
    card.show_prompt("Theme", "Prompt text", "Try text", "A note")
    return card, lambda: iter(["card"])


def prep_card(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.coaching.meeting_prep import Prep, PrepPerson
    from mlcoach.ui.prep_card import PrepCard

    card = PrepCard()
    people = tuple(PrepPerson(p, None, "") for p in store.people())
    card.show_prep(Prep("k", "Weekly sync", NOW + timedelta(minutes=10), NOW, people), NOW, TZ)
    return card, lambda: iter(["prep card"])


def main_window(qtbot: Any, store: Store, tmp_path: Path, opened: Opened) -> Built:
    from mlcoach.ui.tray import MainWindow, TrayMenu

    window = MainWindow(TrayMenu())
    window._menu.setParent(window)  # keep the menu alive exactly as long as the window
    return window, lambda: iter(["main window"])


WINDOWS = [capture, reflection, settings, welcome, coach, history, people, person_dialog,
           moment_editor, confirm_delete, prompt_card, prep_card, main_window]


@pytest.fixture(params=WINDOWS, ids=lambda f: f.__name__)
def window(request: pytest.FixtureRequest, qtbot: Any, filled: Store, opened: Opened,
           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    built: Built = request.param(qtbot, filled, tmp_path, opened)
    widget = built[0]
    show_window(qtbot, widget)
    qtbot.waitExposed(widget)
    _settle(qtbot)
    return built


# -- what counts ----------------------------------------------------------------------------------


def interactive(top: QWidget) -> list[QWidget]:
    """The controls on show that a person operates (not the inner parts of a control)."""
    found = []
    for w in top.findChildren(QWidget):
        ours = type(w).__module__.startswith("mlcoach") and bool(
            w.focusPolicy() & Qt.FocusPolicy.TabFocus)  # e.g. a chart walked with arrow keys
        if not (isinstance(w, INTERACTIVE) or ours) or isinstance(w, QHeaderView | QScrollBar):
            continue
        if not w.isVisibleTo(top) or inside(w, top, INNER_OF):
            continue
        found.append(w)
    return found


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for `widget` (its name, a buddy label or its own text)."""
    face = QAccessible.queryAccessibleInterface(widget)
    name = face.text(QAccessible.Text.Name) if face is not None else ""
    return name or widget.accessibleName()


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__}({widget.objectName() or text or widget.accessibleName()!r})"


# -- names and the focus chain -------------------------------------------------------------------


def tab_stop(widget: QWidget) -> bool:
    """Whether Tab reaches `widget`, or (a radio button of an exclusive group, one tab
    stop on its checked button) the group it is in, where the arrow keys reach it."""
    def stop(w: QWidget) -> bool:
        return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    group = widget.group() if isinstance(widget, QRadioButton) else None
    if group is not None and group.exclusive():
        return any(stop(b) for b in group.buttons())
    return stop(widget)


def test_every_control_is_named_and_reachable_by_keyboard(window: Any) -> None:
    top, pages = window
    problems = []
    for page in pages():
        for w in interactive(top):
            if not spoken_name(w).strip():
                problems.append(f"{page}: {describe(w)} has no accessible name")
            exempt = type(top).__name__ in NO_FOCUS_WINDOWS
            if not exempt and not tab_stop(w):
                problems.append(f"{page}: {describe(w)} cannot be reached with Tab")
    assert sorted(set(problems)) == []


def test_every_field_has_a_name_of_its_own(window: Any) -> None:
    """A combo box's spoken name on Linux is its current value ("Any kind"): Qt leaves its
    name to the label that is its buddy. Every combo box has such a label, and every spin
    box and line edit a name that is not its value."""
    top, pages = window
    problems = []
    for page in pages():
        for w in interactive(top):
            if not isinstance(w, QComboBox | QAbstractSpinBox | QLineEdit):
                continue
            face = QAccessible.queryAccessibleInterface(w)
            labels = [r[0].text(QAccessible.Text.Name).strip()
                      for r in face.relations(QAccessible.RelationFlag.Label)]
            value = face.text(QAccessible.Text.Value)
            name = face.text(QAccessible.Text.Name).strip()
            if isinstance(w, QComboBox):
                if not any(labels):
                    problems.append(f"{page}: {describe(w)} has no label")
            elif not any(labels) and (not name or name == value):
                problems.append(f"{page}: {describe(w)} is named by its value {value!r}")
    assert sorted(set(problems)) == []


def test_tab_walks_through_every_control(window: Any, qtbot: Any) -> None:
    top, pages = window
    if type(top).__name__ in NO_FOCUS_WINDOWS:
        pytest.skip("never takes the keyboard")
    problems = []
    for page in pages():
        wanted = [w for w in interactive(top) if w.isEnabled()
                  and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        chain, w = set(), top.nextInFocusChain()
        while w is not top and len(chain) < 5000:
            chain.add(w)
            w = w.nextInFocusChain()
        problems += [f"{page}: {describe(w)}" for w in wanted if w not in chain]
    assert problems == []


def _backwards_in_a_row(top: QWidget, page: str) -> list[str]:
    """Tab stops that Tab reaches right after a control to their right on the same row."""
    stops = [w for w in interactive(top) if w.isVisible() and w.isEnabled()
             and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    chain, w = [], top.nextInFocusChain()
    while w is not top and len(chain) < 5000:
        if w in stops and w not in chain:
            chain.append(w)
        w = w.nextInFocusChain()
    problems = []
    for a, b in pairwise(chain):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue  # a tab widget and its own tab bar
        ra = a.rect().translated(a.mapTo(top, a.rect().topLeft()))
        rb = b.rect().translated(b.mapTo(top, b.rect().topLeft()))
        shared = min(ra.bottom(), rb.bottom()) - max(ra.top(), rb.top())
        if shared > min(ra.height(), rb.height()) / 2 and rb.center().x() < ra.center().x():
            problems.append(f"{page}: {describe(a)} -> {describe(b)}")
    return problems


def test_tab_follows_the_reading_order_of_a_row(window: Any) -> None:
    """In a row of controls Tab goes left to right, as the row is read (the weekly
    review's buttons went right to left)."""
    top, pages = window
    assert [p for page in pages() for p in _backwards_in_a_row(top, page)] == []


def test_turkish_tab_follows_the_reading_order_of_a_row(turkish: None, window: Any) -> None:
    top, pages = window
    assert [p for page in pages() for p in _backwards_in_a_row(top, page)] == []


def _grab(widget: QWidget) -> bytes:
    image = widget.grab().toImage()
    return bytes(image.constBits())  # type: ignore[arg-type]


def test_the_focused_control_looks_focused(window: Any, qtbot: Any) -> None:
    top, pages = window
    if type(top).__name__ in NO_FOCUS_WINDOWS:
        pytest.skip("never takes the keyboard")
    top.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is top, timeout=2000)
    problems = []
    for page in pages():
        controls = [w for w in interactive(top)
                    if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        for w in controls:
            if isinstance(w, QAbstractItemView) and w.model() is not None and \
                    w.model().rowCount() == 0:
                continue  # an empty list shows its focus on its first row
            if isinstance(w, QPushButton) and w.isDefault():
                # Styles draw a dialog's default button with the focus outline whether
                # or not it has the focus; the control the focus leaves shows the move.
                continue
            others = [o for o in controls if o is not w]
            away = next((o for o in others if isinstance(o, QAbstractButton)), None) or (
                others[0] if others else top)
            away.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            top.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
            before = _grab(w)
            w.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            # As after a Tab key press: styles draw the focus frame only then.
            top.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
            if not w.hasFocus():
                continue  # focus went to a child (e.g. a line edit inside a combo box)
            if _grab(w) == before:
                problems.append(f"{page}: {describe(w)}")
    assert problems == [], "no visible focus: " + ", ".join(problems)


# -- accelerators -------------------------------------------------------------------------------


def _accelerator(text: str) -> str | None:
    match = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return QLocale().toLower(match.group(1)) if match else None


def clashes(top: QWidget, page: str) -> list[str]:
    """Accelerators used twice among the controls on show."""
    seen: dict[str, list[str]] = {}
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top):
            continue
        texts = []
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None):
            texts.append(w.text())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count()) if w.isTabVisible(i)]
        elif isinstance(w, QMenuBar):
            texts += [a.text() for a in w.actions() if a.isVisible()]
        for text in texts:
            key = _accelerator(text)
            if key:
                seen.setdefault(key, []).append(text)
    return [f"{page}: &{k} in {v}" for k, v in seen.items() if len(v) > 1]


@pytest.fixture
def turkish(qapp: QApplication) -> Iterator[None]:
    """Windows built after this are in Turkish."""
    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    QLocale.setDefault(QLocale("tr_TR"))
    yield
    qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())


def test_accelerators_do_not_clash(window: Any) -> None:
    top, pages = window
    assert [c for page in pages() for c in clashes(top, page)] == []


def test_turkish_accelerators_do_not_clash(turkish: None, window: Any) -> None:
    top, pages = window
    assert [c for page in pages() for c in clashes(top, page)] == []


# -- contrast -------------------------------------------------------------------------------------


def luminance(c: QColor) -> float:
    def f(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * f(c.redF()) + 0.7152 * f(c.greenF()) + 0.0722 * f(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(fg: QColor, bg: QColor) -> QColor:
    """`fg` drawn over `bg` (its alpha blended)."""
    a = fg.alphaF()
    return QColor.fromRgbF(fg.redF() * a + bg.redF() * (1 - a),
                           fg.greenF() * a + bg.greenF() * (1 - a),
                           fg.blueF() * a + bg.blueF() * (1 - a))


def dark_palette() -> QPalette:
    p = QPalette()
    for role, colour in {
        QPalette.ColorRole.Window: "#2b2e33", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f2125", QPalette.ColorRole.AlternateBase: "#2b2e33",
        QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#363a40",
        QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.Highlight: "#3d8fd1",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#363a40",
        QPalette.ColorRole.ToolTipText: "#e8e8e8", QPalette.ColorRole.PlaceholderText: "#a0a4aa",
    }.items():
        p.setColor(role, QColor(colour))
    return p


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    chosen = before if request.param == "light" else dark_palette()
    qapp.setPalette(chosen)
    qapp.processEvents()
    yield chosen
    qapp.setPalette(before)
    qapp.processEvents()


def test_text_in_the_apps_own_colours_is_readable(window: Any, palette: QPalette) -> None:
    top, pages = window
    QApplication.processEvents()
    problems = []
    for page in pages():
        for label in top.findChildren(QLabel):
            if not label.isVisibleTo(top) or not label.text().strip():
                continue
            pal = label.palette()
            role = label.foregroundRole()
            fg = pal.color(QPalette.ColorGroup.Active, role)
            bg = pal.color(QPalette.ColorGroup.Active, label.backgroundRole())
            if role == QPalette.ColorRole.WindowText and fg == palette.color(role):
                continue  # the theme's own text colour
            ratio = contrast(over(fg, bg), bg)
            if ratio < 4.5:
                problems.append(f"{page}: {label.text()[:40]!r} at {ratio:.2f}:1")
    assert sorted(set(problems)) == []


def test_chart_and_hint_colours_are_readable(qtbot: Any, palette: QPalette) -> None:
    from mlcoach.ui.charts.base import Chart, series_colour
    from mlcoach.ui.widgets.forms import Hint

    back = palette.color(QPalette.ColorRole.Window)
    chart = Chart("t")
    qtbot.addWidget(chart)
    hint = Hint("hint")
    qtbot.addWidget(hint)
    QApplication.processEvents()
    assert contrast(chart.muted(), back) >= 4.5  # axis labels and secondary words
    assert contrast(hint.palette().color(QPalette.ColorRole.WindowText), back) >= 4.5
    for i in range(7):  # series: 3:1 against the background (WCAG non-text contrast)
        assert contrast(series_colour(palette, i), back) >= 3.0


def test_a_checked_workday_reads_as_well_as_it_looks(qtbot: Any, palette: QPalette) -> None:
    """The day's name stays readable on the colour Fusion actually paints a checked day."""
    from collections import Counter

    from mlcoach.ui.widgets.schedule_fields import WorkdayPicker

    picker = WorkdayPicker()
    qtbot.addWidget(picker)
    picker.set_days((0,))
    picker.show()
    QApplication.processEvents()
    button = picker.buttons[0]
    image = button.grab().toImage()
    # The fill is the most common colour inside the button (the text covers far less).
    fill = Counter(image.pixel(x, y) for x in range(4, image.width() - 4)
                   for y in range(4, image.height() - 4)).most_common(1)[0][0]
    text = button.palette().color(QPalette.ColorRole.ButtonText)
    assert contrast(text, QColor.fromRgb(fill)) >= 4.5

def test_charts_do_not_rely_on_colour_alone() -> None:
    from mlcoach.ui.charts.base import MARKERS, PATTERNS

    assert len(set(PATTERNS)) == len(PATTERNS) >= 7  # bar series: hatching differs
    assert len(set(MARKERS)) == len(MARKERS) >= 2  # line series: marker shape differs


# -- Turkish fits ----------------------------------------------------------------------------------


def test_turkish_words_fit_their_controls(turkish: None, window: Any) -> None:
    """Turkish runs longer than English: no button, tab or one-line label is cut off."""
    top, pages = window
    problems = []
    for page in pages():
        QApplication.processEvents()
        for w in top.findChildren(QWidget):
            if not w.isVisibleTo(top) or type(w).__name__ == "ElidedLabel":
                continue
            button = isinstance(w, QAbstractButton) and bool(w.text())
            line = isinstance(w, QLabel) and not w.wordWrap() and bool(w.text()) and \
                w.textFormat() != Qt.TextFormat.RichText and "<" not in w.text()
            if (button or line) and w.width() < w.minimumSizeHint().width():
                problems.append(f"{page}: {describe(w)} {w.width()} < "
                                f"{w.minimumSizeHint().width()}")
    assert problems == []


def test_turkish_wrapped_text_is_shown_whole(turkish: None, window: Any) -> None:
    """Wrapped text gets the lines its Turkish needs at its real width: none is cut, and
    no hint is sized for another width (a hole under it, its neighbours squeezed)."""
    from mlcoach.ui.widgets.forms import Hint

    top, pages = window
    problems = []
    for page in pages():
        QApplication.processEvents()
        for label in top.findChildren(QLabel):
            if not label.isVisibleTo(top) or not label.wordWrap() or not label.text():
                continue
            need = label.heightForWidth(label.width())
            if label.height() < need or (isinstance(label, Hint) and label.height() > need):
                problems.append(f"{page}: {label.text()[:40]!r} {label.height()} != {need}")
    assert problems == []

# -- the prompt card's keyboard route -------------------------------------------------------------


def test_a_waiting_prompt_can_be_answered_from_the_menu(qtbot: Any, opened: Opened,
                                                        tmp_path: Path) -> None:
    """The card never takes the keyboard; the tray menu (and fallback window) answer it."""
    from datetime import UTC

    from mlcoach.domain.model import Settings
    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer
    from mlcoach.ui.tray import Action

    opened.store.set_state("welcome_done", True)
    opened.store.save_settings(Settings(prompts_per_day=4))
    now = NOW.replace(hour=10)
    ctl = AppController(QApplication.instance(), opened.layout.root,  # type: ignore[arg-type]
                        InstanceServer(opened.layout.root), clock=lambda: now.astimezone(UTC),
                        tz=lambda: TZ, busy=lambda: False)
    ctl.start("show", opened=opened)
    try:
        answer = ctl.menu.actions[Action.SKIP]
        assert not answer.isVisible()
        ctl.show_prompt(manual=True)
        assert answer.isVisible() and ctl.card.isVisible()
        assert ctl.main_window is not None  # offscreen: no tray, the fallback window
        button = ctl.main_window.buttons[Action.SKIP]
        assert button.isVisibleTo(ctl.main_window) and button.accessibleName()
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert not ctl.card.isVisible() and not answer.isVisible()
        (event,) = opened.store.prompt_events()
        assert event.response is Response.SKIPPED
    finally:
        ctl.stop()
        ctl.card.hide()
        ctl.main_window.close() if ctl.main_window is not None else None


# -- what a screen reader reads -------------------------------------------------------------------


def test_a_screen_reader_reads_the_words_of_every_label(window: Any) -> None:
    """A label's accessible name is what a screen reader says for it: a name such as
    "Prompt" in place of the prompt's words leaves the reader with the name alone."""
    from PySide6.QtGui import QTextDocumentFragment

    top, pages = window
    problems = []
    for page in pages():
        QApplication.processEvents()
        for label in top.findChildren(QLabel):
            if not label.isVisibleTo(top) or not label.text().strip() or label.buddy():
                continue
            words = QTextDocumentFragment.fromHtml(label.text()).toPlainText() \
                if label.textFormat() == Qt.TextFormat.RichText else label.text()
            words = " ".join(words.replace("&", "").split())
            said = " ".join(spoken_name(label).split())
            if words.casefold() not in said.casefold():
                problems.append(f"{page}: {said!r} for {words[:40]!r}")
    assert sorted(set(problems)) == []


def test_tab_is_never_kept_inside_a_list_or_table(window: Any) -> None:
    """Tab leaves a list or table for the next control (arrow keys move inside it)."""
    top, pages = window
    trapping = [f"{page}: {describe(view)}" for page in pages()
                for view in top.findChildren(QAbstractItemView) if view.tabKeyNavigation()]
    assert sorted(set(trapping)) == []


def test_a_screen_reader_reads_an_inline_error(qtbot: Any) -> None:
    """The error next to a control is read by its words, not as "Problem"."""
    from mlcoach.ui.widgets.forms import InlineError

    error = InlineError()
    qtbot.addWidget(error)
    error.show_error("The end of the working day is before its start.")
    assert "before its start" in spoken_name(error.label)
