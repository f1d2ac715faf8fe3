"""A child process for test_on_screen: the app's windows on two screens (Qt's offscreen
platform reads them from a file; one Qt application per process, so not in the suite's).

argv: the screens file, a data folder, what to do ("open": each window opened with the
pointer on the second screen; "reopen": each shown on the second screen, hidden, then
opened again after that screen's place fell into the void; "follow": the same with the
screen still there and the pointer on the first; "pages": each window and its smaller
dialogs opened on the second screen, page by page), optionally a language. Prints one
JSON object: window name (with its page: "coach/2") -> [its frame, the available area of
the screen it should be on, its size hint (its least size for "pages", the wrapped
words cut off, and the buttons not wholly in sight)].
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Iterator
from functools import partial

os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={sys.argv[1]}"

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import keyring
from PySide6.QtCore import QObject, QPoint, QRect, QSize
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QWidget

from mlcoach.security.keys import OSKeyring
from mlcoach.store.vault import Layout, open_store
from mlcoach.ui.widgets.on_screen import keep_on_screen
from tests.memkeyring import MemoryKeyring
from tests.ui.worker import drain

NOW = datetime(2025, 6, 12, 17, 20, tzinfo=ZoneInfo("Europe/Berlin"))  # as tests/ui


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def shown(window: QWidget) -> None:
    """As the app shows the welcome and the no-tray window."""
    keep_on_screen(window)
    window.show()


def windows(data: Path) -> dict[str, QWidget]:
    """Each of the app's reused windows, built as the app builds them."""
    from mlcoach.ui.capture_window import CaptureWindow
    from mlcoach.ui.composer_dialog import ComposerDialog
    from mlcoach.ui.draft import DraftFile
    from mlcoach.ui.history.stores import Stores
    from mlcoach.ui.history.window import HistoryWindow
    from mlcoach.ui.reflection_dialog import ReflectionDialog
    from mlcoach.ui.settings_dialog import SettingsDialog
    from mlcoach.ui.tray import MainWindow, TrayMenu
    from mlcoach.ui.welcome import WelcomeDialog

    keyring.set_keyring(MemoryKeyring())
    opened = open_store(Layout(data), keys=OSKeyring())
    store = opened.store
    reflection = ReflectionDialog(store, clock=lambda: NOW, tz=NOW.tzinfo)  # type: ignore[arg-type]
    reflection.load_day()
    drain()  # the day is read on the store's worker
    welcome = WelcomeDialog(store, opened)
    welcome.present = partial(shown, welcome)  # type: ignore[attr-defined]
    main = MainWindow(TrayMenu(QObject()))
    main.present = partial(shown, main)  # type: ignore[attr-defined]
    return {
        "main": main,
        "welcome": welcome,
        "capture": CaptureWindow(store, DraftFile(data / "draft.txt")),
        "coach": ComposerDialog(store, clock=lambda: NOW, tz=NOW.tzinfo),  # type: ignore[arg-type]
        "history": HistoryWindow(Stores(store, lambda: store), clock=lambda: NOW,
                                 tz=NOW.tzinfo),  # type: ignore[arg-type]
        "reflection": reflection,
        "settings": SettingsDialog(store, opened, keys=OSKeyring()),
    }


def dialogs(data: Path) -> dict[str, QWidget]:
    """The smaller dialogs and questions the app opens: a person, a moment, deleting
    everything, removing a person, putting two people together, dropping typed words, an
    import, its progress, the first start without a keyring, a passphrase, a restored
    store's notice, and the prompt card."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

    from mlcoach.domain.enums import Kind, Style
    from mlcoach.store.recovery import RecoveryNote
    from mlcoach.store.timeline import Timeline, TimelineFilter
    from mlcoach.transfer.exporting import ImportPreview
    from mlcoach.ui import person_merge, person_removal, unlock
    from mlcoach.ui.history.moment_editor import MomentEditor
    from mlcoach.ui.i18n import current_language
    from mlcoach.ui.people_panel import PersonDialog
    from mlcoach.ui.privacy import EXPORT_STEPS, ConfirmDeleteDialog, export_formats
    from mlcoach.ui.prompt_card import PromptCard
    from mlcoach.ui.transfer import ImportPreviewDialog, Transfer
    from mlcoach.ui.widgets import message_box

    opened = open_store(Layout(data), keys=OSKeyring())
    store = opened.store
    person = store.add_person("Ana Lima", Style.FACTS, notes="Prefers written agendas")
    store.add_moment("Asked Ana about the agenda before the planning meeting",
                     Kind.QUESTION, person="Ana Lima")
    entry = next(e for e in Timeline(store).page(TimelineFilter(), 0, 50) if e.moment_kind)
    buttons = QMessageBox.StandardButton
    # as the reflection asks through ui/widgets/discard.py (message_box.question builds
    # this box)
    words = partial(QApplication.translate, "ReflectionDialog")
    discard = message_box.standard(QMessageBox.Icon.Question, None, "mlcoach",
                                   f"<b>{words('Discard this reflection?')}</b><br>"
                                   f"{words('What you wrote has not been saved yet.')}",
                                   buttons.Discard | buttons.Cancel, buttons.Cancel)
    # as ui/unlock.py asks after a wrong passphrase
    passphrase = unlock.text_dialog(
        None, "mlcoach", unlock._message(_wrong_passphrase()) + "\n\n"
        + QApplication.translate("unlock", "Passphrase for your mlcoach data:"),
        QLineEdit.EchoMode.Password)
    parent = QWidget()
    importing, exporting = Transfer(store, parent), Transfer(store, parent)
    for transfer in (importing, exporting):
        # shown when measured, never by its own timer first (the app shows it after a
        # moment: on a loaded machine that came before the measuring, on the first screen)
        transfer.progress_delay_ms = 2_000_000_000
    importing._start(importing.tr("Importing “%1”…").replace(
        "%1", "mlcoach-export-2025-06-12.json"), 0, None)
    exporting._start(exporting.tr("Exporting your data…"), EXPORT_STEPS, threading.Event())
    progress, cancellable = importing.progress_dialog(), exporting.progress_dialog()
    assert progress is not None and cancellable is not None
    # as Transfer.export asks where to save (QFileDialog.getSaveFileName builds this
    # where the desktop offers no dialog of its own)
    formats = export_formats()
    save_as = QFileDialog(None, exporting.tr("Export all data"),
                          str(Path.home() / f"mlcoach-export-2025-06-12{formats[0].suffix}"),
                          ";;".join(f.filter for f in formats))
    save_as.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    preview = ImportPreview({"people": 12, "moments": 340, "reflections": 41},
                            {"people": 3, "moments": 12})
    # as the app tells, with no tray, that a damaged store was restored (its longest notice)
    note = RecoveryNote(at="2025-06-12T07:58:00+00:00", reason="damaged",
                        set_aside=("mlcoach.db.damaged-20250612-075800",),
                        restored_from="mlcoach-2025-06-11.db",
                        backup_taken_at="2025-06-11T08:00:00+00:00", carried=12)
    notice = message_box.notice(QMessageBox.Icon.Warning,
                                note.message(current_language(), NOW.tzinfo), None)
    card = PromptCard()
    found: dict[str, QWidget] = {
        "person": PersonDialog(lambda form: None, person=person),
        "moment": MomentEditor(entry),
        "delete": ConfirmDeleteDialog(),
        "removal": person_removal.removal_box(None, "Ana Lima", 3)[0],
        # the People panel's question when a rename meets a name on the list
        "merge": person_merge.merge_box(None, "Ana'ya", "Ana")[0],
        "discard": discard,
        "import": ImportPreviewDialog("mlcoach-export-2025-06-12.json", preview),
        "progress": progress,
        "export progress": cancellable,
        "save as": save_as,
        "no keyring": unlock.keyring_choice_box()[0],
        "notice": notice,
        "passphrase": passphrase,
        "card": card,
    }
    for window in found.values():
        window.present = partial(shown, window)  # type: ignore[attr-defined]
    card.present = partial(  # type: ignore[attr-defined]
        card.show_prompt, "Listening", "Ask one question in your next meeting and wait "
        "for the whole answer before you speak.", "Count to five in silence after they "
        "stop.", "Snoozed twice today",
        # by a tray icon at the top right of the second screen
        QRect(QApplication.screens()[1].geometry().topRight() - QPoint(40, 0), QSize(24, 24)))
    found["card"]._keep = (importing, exporting, parent)  # type: ignore[attr-defined]
    return found


def _wrong_passphrase() -> BaseException:
    from mlcoach.domain.errors import StoreLockedError

    return StoreLockedError("wrong passphrase: the store did not open (nothing was changed)")


def pages(window: QWidget) -> Iterator[str]:
    """Show each page of `window` in turn (its tabs, the welcome's steps), yielding its
    name while it is shown."""
    tabs = getattr(window, "tabs", None)
    if tabs is not None:
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            settle()
            yield str(i)
        return
    stack = getattr(window, "stack", None)
    if stack is not None and hasattr(window, "steps"):
        for i in range(window.steps()):  # type: ignore[attr-defined]
            stack.setCurrentIndex(i)
            window._update_buttons()  # type: ignore[attr-defined]
            settle()
            yield str(i)
        return
    yield ""


def cut_lines(window: QWidget) -> list[str]:
    """The shown word-wrapped labels lower than their lines need (the last ones cut)."""
    from PySide6.QtWidgets import QLabel

    return [label.text()[:40] for label in window.findChildren(QLabel)
            if label.isVisibleTo(window) and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]


def hidden_buttons(window: QWidget) -> list[str]:
    """The shown push buttons not whole in sight (cut by the window's edge, or squeezed
    under another part), but for those a scroll bar shown brings into sight."""
    from PySide6.QtWidgets import QPushButton

    return [button.text() for button in window.findChildren(QPushButton)
            if button.isVisibleTo(window) and not scrolled(button, window)
            and button.visibleRegion().boundingRect() != button.rect()]


def scrolled(widget: QWidget, window: QWidget) -> bool:
    """Whether `widget` is in a scroll area of `window` showing a scroll bar (the
    no-tray window is all in one, which scrolls only where it does not fit)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and (
                parent.verticalScrollBar().isVisible()
                or parent.horizontalScrollBar().isVisible()):
            return True
        parent = parent.parentWidget()
    return False


def settle() -> None:
    for _ in range(5):  # a layout's requests, then the window's resize, then its move
        QApplication.processEvents()


def each_page(data: Path) -> dict[str, list[list[int]]]:
    """Every window and dialog opened on the second screen, measured page by page."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    second = app.screens()[1]
    found: dict[str, list[list[int]]] = {}
    for name, window in {**windows(data), **dialogs(data.with_name("dialogs"))}.items():
        QCursor.setPos(second.geometry().center())
        window.present()  # type: ignore[attr-defined]
        settle()
        for page in pages(window):
            # painted, as on a screen: that sends the tabs not shown yet their first
            # (placeholder) sizes too, which the offscreen platform alone never does
            window.grab()
            settle()
            least = window.minimumSizeHint().expandedTo(window.minimumSize())
            found[f"{name}/{page}" if page else name] = [
                rect(window.frameGeometry()), rect(second.availableGeometry()),
                [least.width(), least.height()], cut_lines(window),
                hidden_buttons(window)]
        window.hide()
    return found


def main() -> None:
    data, what = Path(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    if len(sys.argv) > 4 and sys.argv[4]:  # a language: its words are longer (Turkish)
        from mlcoach.ui.i18n import install_translators

        install_translators(app, sys.argv[4])
    if len(sys.argv) > 5:  # the desktop's font this many times its usual 11 pt
        font = app.font()
        font.setPointSizeF(11 * float(sys.argv[5]))
        app.setFont(font)
    if what == "pages":
        print(json.dumps(each_page(data)))
        return
    first, second = app.screens()[:2]
    found: dict[str, list[list[int]]] = {}
    for name, window in windows(data).items():
        present = window.present  # type: ignore[attr-defined]
        where = second if what == "open" else first
        if what in ("reopen", "follow"):
            QCursor.setPos(second.geometry().center())
            present()
            app.processEvents()
            window.hide()
        if what == "reopen":
            # The second screen unplugged: Qt keeps a hidden window's place, now nowhere
            # (moved past the screens here, which this platform cannot unplug).
            window.move(window.pos() + second.geometry().bottomRight() * 2)
        if what == "follow" and name in ("coach", "history", "main", "welcome"):
            where = second  # a window opens again where it was; a dialog by the pointer
        QCursor.setPos((second if what == "open" else first).geometry().center())
        present()
        app.processEvents()
        found[name] = [rect(window.frameGeometry()), rect(where.availableGeometry()),
                       [window.sizeHint().width(), window.sizeHint().height()]]
        window.hide()
    print(json.dumps(found))


if __name__ == "__main__":
    main()
