"""Export and import from History's File menu and Settings: progress, preview, refusals."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from mlcoach.domain.model import Kind
from mlcoach.security.keys import OSKeyring
from mlcoach.store.core import Store
from mlcoach.transfer import exporting
from mlcoach.ui import ops
from mlcoach.ui.history.window import HistoryWindow
from mlcoach.ui.privacy import ExportFormat
from mlcoach.ui.settings_dialog import SettingsDialog
from mlcoach.ui.transfer import Transfer
from tests.ui.conftest import NOW, TZ, today_at

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _drain_worker() -> Iterator[None]:
    yield
    ops.pool().waitForDone(10_000)


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_moment("Thanked Ana for the release notes", Kind.RECOGNITION, person="Ana",
                     created_at=today_at(10))
    store.add_moment("Asked Bo how the agenda would work", Kind.QUESTION, person="Bo",
                     created_at=today_at(11))
    return store


@pytest.fixture
def window(qtbot, filled: Store) -> HistoryWindow:  # type: ignore[no-untyped-def]
    widget = HistoryWindow(filled, clock=lambda: NOW, tz=TZ)
    qtbot.addWidget(widget)
    widget.present()
    qtbot.waitExposed(widget)
    idle(qtbot, widget.transfer)
    return widget


def idle(qtbot, transfer: Transfer) -> None:  # type: ignore[no-untyped-def]
    """Wait until the worker is done and its results have arrived."""
    def done() -> bool:
        QApplication.processEvents()
        return ops.pool().activeThreadCount() == 0 and not ops._live
    qtbot.waitUntil(done, timeout=10_000)


def export_with_more(store: Store, path: Path) -> Path:
    """An export of `store` plus one new person and two new moments."""
    doc = exporting.export_document(store)
    doc["people"].append({"id": "p-cem", "name": "Cem", "style": "facts", "notes": "",
                          "archived": False, "created_at": "2025-06-01T08:00:00+00:00"})
    for i, text in enumerate(("Paired with Cem on the flaky test", "Asked Cem to run the demo")):
        doc["moments"].append({"id": f"new-{i}", "created_at": f"2025-06-0{i + 2}T09:00:00+00:00",
                               "text": text, "kind": "delegation", "person": "Cem",
                               "person_id": "p-cem", "tags": ["pairing"]})
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def choose_open(monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def wait_preview(qtbot, transfer: Transfer):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: transfer.preview_dialog() is not None
                    and transfer.preview_dialog().isVisible(), timeout=10_000)
    return transfer.preview_dialog()


def moment_texts(store: Store) -> list[str]:
    return sorted(m.text for m in store.moments())


# -- History: the File menu -----------------------------------------------------------------


def test_history_has_a_file_menu_with_export_formats_and_import(window: HistoryWindow) -> None:
    assert window.menu_bar.isVisible()
    titles = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert titles == ["&Export", "&Import…", "&Close"]
    assert [a.text() for a in window.export_menu.actions()] == [
        "JSON, complete and re-importable…", "CSV spreadsheet…", "Markdown journal…"]


def test_export_from_the_menu_writes_the_chosen_format(qtbot, window: HistoryWindow,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path, monkeypatch) -> None:
    asked: list[Any] = []

    def save_as(*args: Any, **kwargs: Any) -> tuple[str, str]:
        asked.append(args)
        return str(tmp_path / "journal"), args[-1]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    with qtbot.waitSignal(window.transfer.exported, timeout=10_000) as blocker:
        window.export_actions["csv"].trigger()
    assert asked[0][2].endswith(".csv")  # the suggested file name has the format's suffix
    written = blocker.args[0]
    assert written == tmp_path / "journal.csv"
    assert "Thanked Ana for the release notes" in written.read_text(encoding="utf-8")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert window.notice.isVisible() and str(written) in window.notice.text()
    assert window.import_action.isEnabled()


def test_a_long_export_shows_progress_keeps_the_window_alive_and_can_be_cancelled(
        qtbot, window: HistoryWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()

    def slow(store: Store, progress: Any = None) -> str:
        progress(1, 6)
        gate.wait(10)
        progress(6, 6)
        return "{}"

    transfer = window.transfer
    transfer.progress_delay_ms = 0
    target = tmp_path / "out.json"
    try:
        transfer.export_to(target, ExportFormat("json", "JSON", ".json", slow))
        qtbot.waitUntil(lambda: transfer.progress_dialog() is not None
                        and transfer.progress_dialog().isVisible()
                        and transfer.progress_dialog().value() >= 1, timeout=5000)
        bar = transfer.progress_dialog()
        assert bar.value() < bar.maximum()
        assert not window.import_action.isEnabled() and not window.export_menu.isEnabled()
        window.tabs.setCurrentWidget(window.insights)  # the window still answers
        assert window.tabs.currentWidget() is window.insights
        with qtbot.waitSignal(transfer.cancelled, timeout=10_000):
            cancel = bar.findChild(QPushButton)
            assert cancel.text() == "Cancel"
            cancel.click()
            gate.set()
    finally:
        gate.set()
    idle(qtbot, transfer)
    assert not target.exists()
    assert transfer.progress_dialog() is None and window.import_action.isEnabled()


def test_a_failed_export_says_why_in_one_line(qtbot, window: HistoryWindow,  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    with qtbot.waitSignal(window.transfer.failed, timeout=10_000):
        window.transfer.export_to(tmp_path / "missing" / "out.json",
                                  ExportFormat("json", "JSON", ".json",
                                               exporting.export_json))
    assert window.notice.text().startswith("Could not export: ")
    assert "\n" not in window.notice.text()


# -- History: import ---------------------------------------------------------------------------


def test_import_previews_then_adds_and_the_timeline_shows_it(qtbot, window: HistoryWindow,  # type: ignore[no-untyped-def]
                                                             filled: Store, tmp_path: Path,
                                                             monkeypatch) -> None:
    choose_open(monkeypatch, export_with_more(filled, tmp_path / "backup.json"))
    window.import_action.trigger()
    preview = wait_preview(qtbot, window.transfer)
    assert "backup.json" in preview.heading.text()
    assert preview.rows() == [("Moments", "2", "2"), ("People", "1", "2")]
    assert moment_texts(filled) == ["Asked Bo how the agenda would work",
                                    "Thanked Ana for the release notes"]  # nothing yet
    with qtbot.waitSignal(window.transfer.imported, timeout=10_000):
        preview.import_button.click()
    idle(qtbot, window.transfer)
    assert "Paired with Cem on the flaky test" in moment_texts(filled)
    assert window.notice.text() == "Imported 2 moments, 1 person."
    assert gc.isenabled() and gc.get_freeze_count() == 0  # collection back to normal
    qtbot.waitUntil(lambda: "Asked Cem to run the demo" in [
        e.text for e in window.timeline.model.entries()], timeout=10_000)


def test_cancelling_the_preview_changes_nothing(qtbot, window: HistoryWindow, filled: Store,  # type: ignore[no-untyped-def]
                                                tmp_path: Path, monkeypatch) -> None:
    before = exporting.export_document(filled)
    choose_open(monkeypatch, export_with_more(filled, tmp_path / "backup.json"))
    window.import_action.trigger()
    preview = wait_preview(qtbot, window.transfer)
    with qtbot.waitSignal(window.transfer.cancelled, timeout=5000):
        preview.reject()
    idle(qtbot, window.transfer)
    after = exporting.export_document(filled)
    assert after["moments"] == before["moments"] and after["people"] == before["people"]
    assert window.import_action.isEnabled()


@pytest.mark.parametrize(("content", "reason"), [
    (b"{ not json", "the file is not valid JSON"),
    (b'{"format": "mlcoach-export", "version": 1, "moments": [{"id": "x", "text": "t", '
     b'"created_at": "2025-06-01T09:00:00+00:00", "kind": "shouting"}]}', "moments[0]"),
])
def test_a_refused_file_shows_one_line_and_changes_nothing(qtbot, window: HistoryWindow,  # type: ignore[no-untyped-def]
                                                           filled: Store, tmp_path: Path,
                                                           monkeypatch, content: bytes,
                                                           reason: str) -> None:
    bad = tmp_path / "notes.json"
    bad.write_bytes(content)
    choose_open(monkeypatch, bad)
    before = moment_texts(filled)
    with qtbot.waitSignal(window.transfer.failed, timeout=10_000):
        window.import_action.trigger()
    idle(qtbot, window.transfer)
    assert window.transfer.preview_dialog() is None
    assert window.notice.text().startswith("Could not import “notes.json”: ")
    assert reason in window.notice.text() and "\n" not in window.notice.text()
    assert moment_texts(filled) == before


def test_importing_a_file_already_imported_offers_nothing(qtbot, window: HistoryWindow,  # type: ignore[no-untyped-def]
                                                          filled: Store, tmp_path: Path,
                                                          monkeypatch) -> None:
    path = tmp_path / "same.json"
    path.write_text(exporting.export_json(filled), encoding="utf-8")
    choose_open(monkeypatch, path)
    window.import_action.trigger()
    preview = wait_preview(qtbot, window.transfer)
    assert preview.import_button is None
    assert "already here" in preview.heading.text()
    assert preview.rows() == [("Moments", "0", "2"), ("People", "0", "2")]
    preview.reject()


# -- Settings: privacy page ------------------------------------------------------------------


@pytest.fixture
def settings(qtbot, opened, filled: Store, tmp_path: Path, monkeypatch) -> SettingsDialog:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dialog = SettingsDialog(filled, opened, keys=OSKeyring())
    qtbot.addWidget(dialog)
    dialog.present()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.privacy)
    return dialog


def test_settings_import_sits_beside_export_and_imports(qtbot, settings: SettingsDialog,  # type: ignore[no-untyped-def]
                                                        filled: Store, tmp_path: Path,
                                                        monkeypatch) -> None:
    page = settings.privacy
    assert page.import_button.isVisible()
    assert page.import_button.geometry().center().y() == page.export_button.geometry().center().y()
    assert page.import_button.x() > page.export_button.x()
    choose_open(monkeypatch, export_with_more(filled, tmp_path / "backup.json"))
    page.import_button.click()
    preview = wait_preview(qtbot, page.transfer)
    assert not page.import_button.isEnabled()  # one transfer at a time
    with qtbot.waitSignal(page.imported, timeout=10_000):
        preview.import_button.click()
    assert page.export_status.text() == "Imported 2 moments, 1 person."
    assert "Asked Cem to run the demo" in moment_texts(filled)
    assert page.import_button.isEnabled() and page.export_button.isEnabled()


def test_settings_refused_import_shows_the_error_inline(qtbot, settings: SettingsDialog,  # type: ignore[no-untyped-def]
                                                        filled: Store, tmp_path: Path,
                                                        monkeypatch) -> None:
    page = settings.privacy
    bad = tmp_path / "photo.json"
    bad.write_bytes(b"\xff\xd8\xff")
    choose_open(monkeypatch, bad)
    before = moment_texts(filled)
    page.import_button.click()
    qtbot.waitUntil(lambda: "Could not import" in page.export_error.text(), timeout=10_000)
    assert "not UTF-8" in page.export_error.text()
    assert not page.export_status.isVisible()
    assert moment_texts(filled) == before


# -- History: other journals ------------------------------------------------------------------


def test_history_imports_a_jrnl_journal_and_a_day_one_zip(qtbot, window: HistoryWindow,  # type: ignore[no-untyped-def]
                                                          filled: Store, tmp_path: Path,
                                                          monkeypatch) -> None:
    import zipfile

    from tests.test_journals import dayone_doc, dayone_entry, jrnl, write_jrnl_config

    home = tmp_path / "jrnl"
    home.mkdir()
    write_jrnl_config(home)
    jrnl(home, "2024-06-03 09:15: Thanked @ana for the release checklist. #release *")
    jrnl(home, "2024-06-04 10:00: Asked the team how the retro should go")
    exported = tmp_path / "journal.json"
    exported.write_text(jrnl(home, "--export", "json"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *a, **k: (str(exported), "jrnl journal, JSON export (*.json)")))
    window.import_action.trigger()
    preview = wait_preview(qtbot, window.transfer)
    assert preview.rows()[0] == ("Moments", "2", "0")
    with qtbot.waitSignal(window.transfer.imported, timeout=10_000):
        preview.import_button.click()
    idle(qtbot, window.transfer)
    (ana,) = [m for m in filled.moments() if "release checklist" in m.text]
    assert ana.person == "Ana" and set(ana.tags) == {"release", "starred"}
    # A Day One zip through "All files": recognised by its content.
    archive = tmp_path / "dayone.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Journal.json", json.dumps(dayone_doc([dayone_entry(n) for n in range(3)])))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *a, **k: (str(archive), "All files (*)")))
    window.import_action.trigger()
    preview = wait_preview(qtbot, window.transfer)
    assert preview.rows()[0] == ("Moments", "3", "0")
    with qtbot.waitSignal(window.transfer.imported, timeout=10_000):
        preview.import_button.click()
    idle(qtbot, window.transfer)
    assert window.notice.text() == "Imported 3 moments."
    window.import_action.trigger()  # twice: nothing new
    preview = wait_preview(qtbot, window.transfer)
    assert preview.rows()[0] == ("Moments", "0", "3")
    preview.reject()
