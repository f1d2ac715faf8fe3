"""Quick capture: typing, shortcuts, Enter/Esc, the draft file and @name completion."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from mlcoach.domain.errors import UsageError
from mlcoach.domain.model import Kind, Style
from mlcoach.ui.capture_window import CaptureWindow, mute
from mlcoach.ui.draft import Draft, DraftFile

pytestmark = pytest.mark.gui


def type_line(qtbot, window: CaptureWindow, text: str) -> None:
    qtbot.keyClicks(window.edit, text)


def test_typed_moment_with_kind_is_stored_and_the_window_hides(qtbot, capture, store,
                                                               draft_path):
    type_line(qtbot, capture, "Thanked @Ana for the demo #release")
    qtbot.keyClick(capture.edit, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert capture.kind_choice.value() is Kind.RECOGNITION

    with qtbot.waitSignal(capture.moment_saved, timeout=2000) as saved:
        qtbot.keyClick(capture.edit, Qt.Key.Key_Return)

    [moment] = store.moments()
    assert saved.args == [moment.id]
    assert (moment.text, moment.kind, moment.person, moment.tags) == (
        "Thanked Ana for the demo", Kind.RECOGNITION, "Ana", ("release",))
    assert capture.message() == "Saved"
    assert capture.edit.text() == ""
    assert capture.kind_choice.value() is None
    assert not draft_path.exists()
    qtbot.waitUntil(lambda: not capture.isVisible(), timeout=3000)


def test_audience_style_is_stored(qtbot, capture, store):
    type_line(qtbot, capture, "Showed Bo the numbers behind the rollout")
    qtbot.keyClick(capture.edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(capture.edit, Qt.Key.Key_Return)
    [moment] = store.moments()
    assert (moment.kind, moment.style) == (Kind.OTHER, Style.FACTS)


def test_shortcuts_pick_toggle_and_clear(qtbot, capture):
    alt, ctrl = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(capture.edit, Qt.Key.Key_2, alt)
    assert capture.kind_choice.value() is Kind.SUGGESTION
    qtbot.keyClick(capture.edit, Qt.Key.Key_6, alt)
    assert capture.kind_choice.value() is Kind.DELEGATION
    qtbot.keyClick(capture.edit, Qt.Key.Key_6, alt)  # the same key again unpicks it
    assert capture.kind_choice.value() is None
    qtbot.keyClick(capture.edit, Qt.Key.Key_4, ctrl)
    assert capture.style_choice.value() is Style.CREDIBILITY
    qtbot.keyClick(capture.edit, Qt.Key.Key_0, ctrl)
    assert capture.style_choice.value() is None
    assert capture.edit.text() == ""  # no digits leaked into the line


def test_escape_hides_keeps_the_draft_and_a_new_window_restores_it(qtbot, capture, store,
                                                                   draft_path):
    type_line(qtbot, capture, "Asked @Bo how the handover felt")
    qtbot.keyClick(capture.edit, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(capture.edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(capture.edit, Qt.Key.Key_Escape)

    assert not capture.isVisible()
    assert capture.edit.text() == "Asked @Bo how the handover felt"
    assert store.count_moments() == 0
    assert draft_path.exists()
    if os.name == "posix":
        assert stat.S_IMODE(draft_path.stat().st_mode) == 0o600
    expected = Draft("Asked @Bo how the handover felt", Kind.QUESTION, Style.REASSURANCE)
    assert DraftFile(draft_path).load() == expected

    # As after a crash or a restart: a fresh window on the same file.
    restarted = CaptureWindow(store, DraftFile(draft_path))
    qtbot.addWidget(restarted)
    assert restarted.draft() == expected
    assert restarted.edit.text() == expected.text


def test_draft_is_written_while_typing_without_hiding(qtbot, capture, draft_path):
    type_line(qtbot, capture, "Covered the review so Deniz could rest")
    qtbot.waitUntil(draft_path.exists, timeout=3000)
    assert DraftFile(draft_path).load() == Draft("Covered the review so Deniz could rest")


def test_present_keeps_the_draft_and_selects_nothing(qtbot, capture):
    type_line(qtbot, capture, "Half a thought")
    capture.hide()
    capture.present()
    assert capture.isVisible()
    assert capture.edit.text() == "Half a thought"
    assert not capture.edit.hasSelectedText()
    assert capture.edit.cursorPosition() == len("Half a thought")


@pytest.mark.parametrize("line", ["", "   ", "@Ana #release"])
def test_nothing_to_save_shows_an_inline_error(qtbot, capture, store, line):
    type_line(qtbot, capture, line)
    qtbot.keyClick(capture.edit, Qt.Key.Key_Return)
    assert store.count_moments() == 0
    assert "Write a few words" in capture.message()
    assert capture.isVisible()


def test_store_error_is_shown_inline_and_the_text_kept(qtbot, capture, monkeypatch):
    def refuse(*args, **kwargs):
        raise UsageError("moment text contains a NUL character")

    monkeypatch.setattr(capture._store, "add_moment", refuse)
    type_line(qtbot, capture, "Something odd")
    qtbot.keyClick(capture.edit, Qt.Key.Key_Return)
    assert capture.message() == "Not saved: moment text contains a NUL character"
    assert capture.edit.text() == "Something odd"
    assert capture.isVisible()


def test_typing_again_after_saving_keeps_the_window_open(qtbot, capture, store):
    type_line(qtbot, capture, "Paired with Bo on the flaky test")
    qtbot.keyClick(capture.edit, Qt.Key.Key_Return)
    type_line(qtbot, capture, "And")
    qtbot.wait(CaptureWindow.SAVED_MS + 200)
    assert capture.isVisible()
    assert capture.edit.text() == "And"


def test_completer_offers_saved_people_after_at(qtbot, capture, store):
    for name in ("Ana", "Bo", "Deniz"):
        store.add_person(name)
    capture.present()  # refreshes the names cheaply
    popup = capture.completer.popup()

    type_line(qtbot, capture, "Thanked @")
    assert popup.isVisible()
    offered = [capture.completer.completionModel().index(i, 0).data()
               for i in range(capture.completer.completionCount())]
    assert offered == ["Ana", "Bo", "Deniz"]

    type_line(qtbot, capture, "d")
    assert capture.completer.completionCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # Enter picks the name, it does not save
    assert capture.edit.text() == "Thanked @Deniz "
    assert not popup.isVisible()
    assert store.count_moments() == 0
    assert capture.isVisible()


def test_completer_finds_turkish_names_whichever_i_is_typed(qtbot, capture, store):
    """"@ı" offered neither "Işık" nor "İsmail", and "@is" not "İsmail" (Qt's case folding
    is not Turkish), while saving finds them: the list offers what the store would find."""
    for name in ("Işık", "İsmail", "Bo"):
        store.add_person(name)
    capture.present()

    def type_turkish(text: str) -> None:  # QTest types Latin-1 only
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication

        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(capture.edit, QKeyEvent(
                    kind, 0, Qt.KeyboardModifier.NoModifier, ch))

    def offered() -> list[str]:
        return [capture.completer.completionModel().index(i, 0).data()
                for i in range(capture.completer.completionCount())]

    type_line(qtbot, capture, "Thanked @")
    type_turkish("ı")
    assert capture.completer.popup().isVisible()
    assert sorted(offered()) == ["Işık", "İsmail"]
    type_turkish("ş")
    assert offered() == ["Işık"]
    capture.edit.clear()
    type_line(qtbot, capture, "Thanked @is")
    assert offered() == ["İsmail"]


def test_the_names_popup_is_made_with_the_first_mention(qtbot, capture, store):
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    def views() -> list[QWidget]:  # QCompleter's popup is a top-level widget
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QAbstractItemView)]

    store.add_person("Ana")
    capture.present()
    before = views()  # built ahead of time: no completer and no list view yet
    type_line(qtbot, capture, "Thanked Ana")
    assert views() == before
    type_line(qtbot, capture, " and @A")
    assert capture.completer.list.isVisible()
    assert capture.completer.list not in before
    assert capture.completer.list.accessibleName() == "People"


def test_the_window_is_built_and_shown_without_qts_namespace(tmp_path):
    """PySide6 builds all ~110 enums of `Qt` (~1 MB) on its first use; the idle app
    builds this window ahead of time and sets the tray's shortcut without it."""
    code = """if True:
        import sys
        from pathlib import Path
        import PySide6.QtCore
        if "Qt" in PySide6.QtCore.__dict__:
            sys.exit(3)  # this PySide6 loads its classes eagerly: nothing to check
        from PySide6.QtWidgets import QApplication
        from mlcoach.ui.capture_window import CaptureWindow
        from mlcoach.ui.draft import DraftFile
        from mlcoach.ui.tray import TrayMenu
        class Person:
            name = "Ana"
        class People:
            def people(self):
                return [Person()]
        app = QApplication([])
        TrayMenu()._set_shortcuts()
        window = CaptureWindow(People(), DraftFile(Path(sys.argv[1])))
        window.present()
        app.processEvents()
        sys.exit(1 if "Qt" in PySide6.QtCore.__dict__ else 0)
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "draft.txt")], env=env,
                          capture_output=True, text=True, timeout=60)
    if done.returncode == 3:
        pytest.skip("PySide6 loads its classes eagerly here")
    assert done.returncode == 0, done.stderr


def test_completer_escape_closes_the_popup_only(qtbot, capture, store):
    store.add_person("Ana")
    capture.present()
    type_line(qtbot, capture, "Asked @A")
    assert capture.completer.popup().isVisible()
    qtbot.keyClick(capture.completer.popup(), Qt.Key.Key_Escape)
    assert not capture.completer.popup().isVisible()
    assert capture.isVisible()


def test_no_popup_outside_a_mention(qtbot, capture, store):
    store.add_person("Ana")
    capture.present()
    type_line(qtbot, capture, "mail@Ana and #tag")
    assert not capture.completer.popup().isVisible()


def test_names_with_spaces_are_inserted_with_underscores(qtbot, capture, store):
    store.add_person("Ana Maria")
    capture.present()
    type_line(qtbot, capture, "Thanked @ana")
    qtbot.keyClick(capture.completer.popup(), Qt.Key.Key_Tab)
    assert capture.edit.text() == "Thanked @Ana_Maria "
    type_line(qtbot, capture, "for the notes")
    qtbot.keyClick(capture.edit, Qt.Key.Key_Return)
    assert store.moments()[0].person == "Ana Maria"


def test_every_control_has_an_accessible_name(capture):
    controls = [capture.edit, capture.kind_choice, capture.style_choice,
                *capture.kind_choice.buttons(), *capture.style_choice.buttons()]
    assert all(c.accessibleName() for c in controls)
    assert capture.windowTitle() == "Capture a moment"


# -- the draft file ------------------------------------------------------------------------


def test_draft_file_round_trip_and_clear(draft_path):
    drafts = DraftFile(draft_path)
    assert drafts.load() is None
    drafts.save(Draft("Gave Ana the lead on the retro", Kind.DELEGATION, Style.ENTHUSIASM))
    assert drafts.load() == Draft("Gave Ana the lead on the retro", Kind.DELEGATION,
                                  Style.ENTHUSIASM)
    drafts.save(Draft(""))  # nothing left to keep
    assert not draft_path.exists()
    drafts.save(Draft("x"))
    drafts.clear()
    assert not draft_path.exists()


@pytest.mark.parametrize("content", ["{not json", "[]", '{"text": 3}', "\udcff"])
def test_unreadable_draft_is_ignored(draft_path, content):
    draft_path.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert DraftFile(draft_path).load() is None


def test_unknown_kind_in_a_draft_keeps_the_text(draft_path):
    draft_path.write_text('{"text": "Kept", "kind": "bogus", "style": null}')
    assert DraftFile(draft_path).load() == Draft("Kept")


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def f(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * f(c.redF()) + 0.7152 * f(c.greenF()) + 0.0722 * f(c.blueF())
    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_muted_text_follows_the_palette_and_stays_readable(qtbot, qapp):
    parent = QWidget()
    qtbot.addWidget(parent)
    label = mute(QLabel("Alt+1–7", parent))
    before = qapp.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2e"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8ea"))
    try:
        for palette in (before, dark):
            qapp.setPalette(palette)
            qapp.processEvents()  # palette changes reach widgets through posted events
            shown = label.palette()
            text = shown.color(QPalette.ColorRole.WindowText)
            back = shown.color(QPalette.ColorRole.Window)
            assert back == palette.color(QPalette.ColorRole.Window)
            assert text != palette.color(QPalette.ColorRole.WindowText)  # muted
            assert _contrast(text, back) >= 4.5
    finally:
        qapp.setPalette(before)
        qapp.processEvents()


def test_the_prompt_cards_muted_lines_stay_readable_after_the_theme_turns_dark(qtbot, qapp):
    """The card is built at start; under a dark GTK theme its heading stayed #666666 on
    #323232 (2.2:1), and the 55/45 mix itself gives 4.3:1 on that background."""
    from mlcoach.ui.prompt_card import PromptCard

    before = qapp.palette()
    card = PromptCard()
    qtbot.addWidget(card)
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#323232"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8ea"))
    try:
        qapp.setPalette(dark)
        qtbot.wait(10)  # the posted palette events and the mix after them
        back = card.palette().color(QPalette.ColorRole.Window)
        for label in (card.theme, card.note):
            text = label.palette().color(QPalette.ColorRole.WindowText)
            assert text != dark.color(QPalette.ColorRole.WindowText)  # still muted
            assert _contrast(text, back) >= 4.5, (text.name(), back.name())
    finally:
        qapp.setPalette(before)
        qapp.processEvents()


# -- another process writing (an import, say): Enter waits its turn, the GUI does not ------


@pytest.fixture
def light_capture(qtbot, opened, draft_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The app's capture window (on the raw store), trying again every few ms."""
    from mlcoach.store.light import LightStore
    from mlcoach.ui.draft import DraftFile

    for name, value in (("SAVE_WAIT_MS", 0), ("RETRY_MS", 5), ("RETRY_WAIT_MS", 0)):
        monkeypatch.setattr(CaptureWindow, name, value)
    store = LightStore(opened.layout.db, opened.secret)
    tries: list[str] = []
    add = store.add_moment

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        tries.append(args[0])
        return add(*args, **kwargs)

    monkeypatch.setattr(store, "add_moment", counted)
    window = CaptureWindow(store, DraftFile(draft_path))
    window.tries = tries  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.present()
    return window


@pytest.fixture
def writer(opened):  # type: ignore[no-untyped-def]
    """Another process's write transaction, holding the store's write lock."""
    from mlcoach.store.db import connect_raw

    conn = connect_raw(opened.layout.db, opened.secret)
    conn.execute("BEGIN IMMEDIATE")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


WAITING = "Another mlcoach is writing; this is saved as soon as it is done…"


def test_while_another_writer_holds_the_store_the_capture_waits_its_turn(
        qtbot, light_capture, writer, opened, draft_path):
    type_line(qtbot, light_capture, "Covered the on-call for @Deniz tonight #support")
    qtbot.keyClick(light_capture.edit, Qt.Key.Key_Return)
    assert light_capture.message() == WAITING
    assert light_capture.edit.text() == "Covered the on-call for @Deniz tonight #support"
    assert DraftFile(draft_path).load() == Draft("Covered the on-call for @Deniz tonight #support")
    qtbot.waitUntil(lambda: len(light_capture.tries) >= 3, timeout=5000)  # still held
    assert opened.store.count_moments() == 0
    assert light_capture.message() == WAITING

    with qtbot.waitSignal(light_capture.moment_saved, timeout=5000) as saved:
        writer.execute("ROLLBACK")  # the import is done
    [moment] = opened.store.moments()
    assert saved.args == [moment.id]
    assert (moment.text, moment.person, moment.tags) == ("Covered the on-call for Deniz tonight",
                                                         "Deniz", ("support",))
    assert light_capture.message() == "Saved"
    assert light_capture.edit.text() == ""
    assert not draft_path.exists()


def test_a_capture_that_waits_too_long_says_so_and_keeps_the_words(
        qtbot, light_capture, writer, opened, draft_path, monkeypatch):
    monkeypatch.setattr(light_capture, "RETRIES", 2)
    type_line(qtbot, light_capture, "Asked Bo to lead the retro")
    qtbot.keyClick(light_capture.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: light_capture.message().startswith("Not saved"), timeout=5000)
    assert len(light_capture.tries) == 3  # Enter and two more tries, then it stops
    assert "another mlcoach is still writing" in light_capture.message()
    assert light_capture.edit.text() == "Asked Bo to lead the retro"
    assert DraftFile(draft_path).load() == Draft("Asked Bo to lead the retro")
    writer.execute("ROLLBACK")
    qtbot.keyClick(light_capture.edit, Qt.Key.Key_Return)  # try again: now it saves
    assert [m.text for m in opened.store.moments()] == ["Asked Bo to lead the retro"]


def test_editing_a_waiting_capture_takes_it_back_until_enter(qtbot, light_capture, writer,
                                                             opened):
    type_line(qtbot, light_capture, "Thanked Ana")
    qtbot.keyClick(light_capture.edit, Qt.Key.Key_Return)
    assert light_capture.message() == WAITING
    type_line(qtbot, light_capture, " for the demo")
    writer.execute("ROLLBACK")
    qtbot.waitUntil(lambda: not light_capture._retry_timer.isActive(), timeout=5000)
    assert opened.store.count_moments() == 0  # the retry found the store free: no save
    qtbot.keyClick(light_capture.edit, Qt.Key.Key_Return)
    assert [m.text for m in opened.store.moments()] == ["Thanked Ana for the demo"]


def test_a_long_error_wraps_and_the_window_grows_to_show_it(qtbot, capture, monkeypatch):
    reason = "another mlcoach is still writing (a long import?) and did not finish " * 2

    def refuse(*args, **kwargs):
        raise UsageError(reason)

    monkeypatch.setattr(capture._store, "add_moment", refuse)
    width = capture.width()
    buttons = capture.kind_choice.buttons() + capture.style_choice.buttons()
    type_line(qtbot, capture, "Something odd")
    qtbot.keyClick(capture.edit, Qt.Key.Key_Return)
    assert capture.message() == f"Not saved: {reason}"

    footer = capture.footer

    def whole() -> bool:  # no row squeezed, the message inside the window
        return (all(b.height() >= b.sizeHint().height() for b in buttons)
                and footer.geometry().bottom() < capture.height()
                and footer.height() >= footer.heightForWidth(footer.width()))

    qtbot.waitUntil(whole, timeout=3000)
    assert capture.width() == width  # wrapped, not widened off the screen


def test_on_wayland_the_window_leaves_its_place_to_the_compositor(qtbot, store, draft_path,
                                                                  monkeypatch):
    from mlcoach.ui.widgets import on_screen

    window = CaptureWindow(store, DraftFile(draft_path))
    qtbot.addWidget(window)
    moved: list[object] = []
    monkeypatch.setattr(window, "move", lambda *args: moved.append(args))
    monkeypatch.setattr(on_screen, "placed_by_compositor", lambda: True)
    window.present()
    assert window.isVisible() and moved == []
    window.hide()
    monkeypatch.setattr(on_screen, "placed_by_compositor", lambda: False)
    window.present()  # X11, macOS, Windows: centred on the screen with the pointer
    assert len(moved) == 1


def test_wayland_is_recognised_by_its_platform_name(monkeypatch):
    from PySide6.QtGui import QGuiApplication

    from mlcoach.ui.wayland_frames import placed_by_compositor

    for name, placed in (("wayland", True), ("wayland-egl", True), ("xcb", False),
                         ("offscreen", False)):
        monkeypatch.setattr(QGuiApplication, "platformName", lambda n=name: n)
        assert placed_by_compositor() is placed



def test_the_window_gives_back_the_height_a_long_error_took(qtbot, capture, monkeypatch):
    """A two-line error grows the window; once the one-line hint is back, the window is
    as tall as before, with no blank band under the hint."""
    reason = "another mlcoach is still writing (a long import?) and did not finish " * 2

    def refuse(*args, **kwargs):
        raise UsageError(reason)

    monkeypatch.setattr(capture._store, "add_moment", refuse)
    type_line(qtbot, capture, "Something odd")
    qtbot.waitUntil(lambda: capture.isVisible())
    before = capture.height()
    qtbot.keyClick(capture.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: capture.height() > before, timeout=3000)
    hint = capture.message()
    qtbot.keyClick(capture.edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: capture.message() != hint, timeout=3000)
    qtbot.waitUntil(lambda: capture.height() == before, timeout=3000)
