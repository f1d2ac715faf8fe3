"""Without a tray (GNOME without the AppIndicator extension, or the offscreen platform):
the set-up wizard comes first and alone, the app's window after it, a one-time hint on
GNOME; and on Wayland the prompt is a notification, never a card in a random spot."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.worker import drain

pytestmark = pytest.mark.gui


@pytest.fixture
def make_controller(new_controller, monkeypatch):  # type: ignore[no-untyped-def]
    def make(desktop: str = "", welcome_done: bool = True) -> Any:
        ctl = new_controller(desktop, welcome_done)
        sent: list[tuple[str, str]] = []
        monkeypatch.setattr("mlcoach.ui.notify.send_notification",
                            lambda title, text: sent.append((title, text)))
        ctl.sent = sent
        return ctl

    return make


@pytest.fixture
def pipx_install(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """The app started as a pipx install's ~/.local/bin/mlcoach, no package's menu entry
    on the system's data path: the path of that script."""
    pipx = tmp_path / "home" / ".local" / "bin" / "mlcoach"
    pipx.parent.mkdir(parents=True)
    pipx.write_text("#!/bin/sh\n")
    pipx.chmod(0o755)
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "no-packages"))
    monkeypatch.setattr("sys.argv", [str(pipx), "run"])
    return pipx


def test_wizard_first_and_alone_then_the_window(make_controller, opened) -> None:  # type: ignore[no-untyped-def]
    ctl = make_controller(welcome_done=False)
    ctl._show_shell(0)  # not start(): the test opens the store itself
    assert ctl.main_window is not None and not ctl.main_window.isVisible()
    ctl.on_store_opened(opened)
    wizard = ctl.welcome
    assert wizard.isVisible() and not ctl.main_window.isVisible()  # not side by side
    wizard.reject()
    drain()  # its choices written on the store's worker, then it closes
    assert ctl.main_window.isVisible()


def test_gnome_without_a_tray_does_not_wait_and_hints_once(make_controller,  # type: ignore[no-untyped-def]
                                                            opened) -> None:
    ctl = make_controller(desktop="ubuntu:GNOME")
    assert not ctl._tray_may_appear()
    ctl._show_shell(8000)
    ctl.on_store_opened(opened)
    ctl.hint_tray_extension()  # asked again before the first is recorded: still once
    drain()  # recorded on the store's worker, then given
    assert ctl.main_window.isVisible()
    assert "AppIndicator" in ctl.main_window.status.text()
    assert len(ctl.sent) == 1 and "AppIndicator" in ctl.sent[0][1]
    ctl.hint_tray_extension()
    drain()
    assert len(ctl.sent) == 1  # once only, remembered in the store
    assert opened.store.get_state("gnome_tray_hint_shown") is True


def test_the_gnome_hint_during_another_programs_write_waits_its_turn(  # type: ignore[no-untyped-def]
        make_controller, opened, qtbot, opened_store_writer, monkeypatch) -> None:
    """An import held the store as the app started on GNOME without a tray: recording
    the hint held the GUI for the store's minute, then gave no hint at all. It is
    recorded on the worker and given once it is."""
    from PySide6.QtCore import QTimer

    ctl = make_controller(desktop="ubuntu:GNOME")
    ctl._show_shell(8000)
    monkeypatch.setattr(ctl, "_desktop", lambda: "KDE")  # the start's own writes first
    ctl.on_store_opened(opened)
    drain()
    monkeypatch.setattr(ctl, "_desktop", lambda: "gnome")
    ticks: list[int] = []
    with opened_store_writer():
        ctl.hint_tray_extension()  # as after the welcome
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: ticks == [1])  # the GUI thread goes on meanwhile
        assert ctl.sent == []  # not before it is recorded
    drain()
    assert len(ctl.sent) == 1 and "AppIndicator" in ctl.sent[0][1]
    assert opened.store.get_state("gnome_tray_hint_shown") is True


def test_other_desktops_get_no_gnome_hint(make_controller, opened) -> None:  # type: ignore[no-untyped-def]
    ctl = make_controller(desktop="KDE")
    ctl._show_shell(0)  # not start(): the test opens the store itself
    ctl.on_store_opened(opened)
    assert ctl.sent == [] and "AppIndicator" not in ctl.main_window.status.text()


def test_on_wayland_the_prompt_is_a_notification_and_no_card_shows(make_controller,  # type: ignore[no-untyped-def]
                                                                    opened, monkeypatch) -> None:
    ctl = make_controller()
    ctl._show_shell(0)  # not start(): the test opens the store itself
    ctl.on_store_opened(opened)
    monkeypatch.setattr(ctl, "card_placeable", lambda: False)
    shown: list[str] = []
    monkeypatch.setattr(ctl, "send_prompt_notification", lambda title, text: shown.append(text))
    ctl.show_prompt(manual=True)
    assert len(shown) == 1
    assert ctl._card is None or not ctl._card.isVisible()
    assert ctl.current_event is not None  # the prompt waits for its answer
    from mlcoach.ui.tray import Action

    ctl.on_action(Action.DONE)  # the window's / menu's answer still works
    assert ctl.current_event is None
    assert not ctl.card.placeable and not ctl.card.isVisible()


def test_a_window_made_after_the_store_opened_shows_the_next_prompt(
        make_controller, opened) -> None:  # type: ignore[no-untyped-def]
    """Looking for a tray for 8 s, the app opened its store first; the window made after
    it showed an empty status line until the next prompt event."""
    ctl = make_controller(desktop="KDE")
    ctl.on_store_opened(opened)
    ctl._show_shell(0)
    assert ctl.main_window.isVisible()
    assert "next prompt" in ctl.main_window.next_label.text()


def test_the_window_grows_to_its_whole_text(make_controller, opened) -> None:  # type: ignore[no-untyped-def]
    ctl = make_controller(desktop="ubuntu:GNOME")
    ctl._show_shell(0)
    ctl.on_store_opened(opened)
    """The window's size counted its paragraph as one line: on GNOME, whose frame Qt
    draws, the last words were cut off; a smaller window (minimum size only) made sway
    tile it across the screen instead of floating it."""
    window, status = ctl.main_window, ctl.main_window.status
    window.adjustSize()
    assert status.height() >= status.heightForWidth(status.width()) > 3 * status.fontMetrics(
        ).height()
    assert window.minimumSize().height() >= window.sizeHint().height()  # never cut smaller
    other = make_controller(desktop="sway")
    other._show_shell(0)
    other.on_store_opened(opened)
    fixed = other.main_window
    assert fixed.minimumSize() == fixed.maximumSize()  # fixed: tiling desktops float it


def test_a_first_start_adds_the_menu_entry_a_pipx_install_lacks(
        make_controller, opened, own_data_home, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """GNOME said "open it again from the app grid", where a pipx or wheel install had no
    entry; it showed the raw app id and a gear."""
    monkeypatch.setenv("XDG_DATA_DIRS", str(own_data_home / "no-packages"))
    ctl = make_controller(desktop="ubuntu:GNOME", welcome_done=False)
    ctl._show_shell(0)
    ctl.on_store_opened(opened)
    drain()
    entry = own_data_home / "applications" / "io.github.mlcoach.MLCoach.desktop"
    assert "Exec=" in entry.read_text(encoding="utf-8")
    assert (own_data_home / "icons/hicolor/scalable/apps/io.github.mlcoach.MLCoach.svg").is_file()
    ctl.welcome.reject()


def test_a_later_start_mends_the_entries_of_an_install_since_removed(
        make_controller, opened, own_data_home, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Moved from pipx to the .deb: the menu entry the pipx install had written hid the
    package's (GNOME's app grid showed no mlcoach) and launch at login named the removed
    program, so mlcoach no longer started at login. Both outlived every later start."""
    import os
    import sys

    from mlcoach.system import autostart

    gone = tmp_path / "pipx" / "bin" / "mlcoach"
    packaged = tmp_path / "usr-share"
    (packaged / "applications").mkdir(parents=True)
    (packaged / "applications" / "io.github.mlcoach.MLCoach.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=mlcoach\nExec=mlcoach\n")
    monkeypatch.setenv("XDG_DATA_DIRS", str(packaged))
    ours = own_data_home / "applications" / "io.github.mlcoach.MLCoach.desktop"
    ours.parent.mkdir(parents=True)
    ours.write_text(f"[Desktop Entry]\nTryExec={gone}\nExec={gone} run\n"
                    "X-mlcoach-Written=true\n")
    autostart.enable([str(gone), "run"])
    deb = tmp_path / "usr" / "bin" / "mlcoach"
    deb.parent.mkdir(parents=True)
    deb.write_text("#!/bin/sh\n")
    os.chmod(deb, 0o755)
    monkeypatch.setattr(sys, "argv", [str(deb), "run"])
    ctl = make_controller(desktop="KDE")
    ctl._show_shell(0)
    ctl.on_store_opened(opened)
    drain()
    assert not ours.exists()
    assert autostart.entry_command() == [str(deb), "run"]


def test_a_move_from_the_deb_to_pipx_gets_a_menu_entry_but_a_deleted_one_stays_gone(
        make_controller, opened, own_data_home, pipx_install) -> None:  # type: ignore[no-untyped-def]
    """apt remove mlcoach (its menu entry went with it), pipx install: the first start
    was long done, so the pipx install wrote no entry and the app grid had no mlcoach."""
    from mlcoach.ui.app import MENU_ENTRY_KEY

    opened.store.set_state(MENU_ENTRY_KEY, "/usr/bin/mlcoach")  # tended by the .deb's
    entry = own_data_home / "applications" / "io.github.mlcoach.MLCoach.desktop"

    def start() -> None:
        ctl = make_controller(desktop="KDE")
        ctl._show_shell(0)
        ctl.on_store_opened(opened)
        drain()

    start()
    assert f"TryExec={pipx_install}" in entry.read_text(encoding="utf-8")
    assert opened.store.get_state(MENU_ENTRY_KEY) == str(pipx_install)
    entry.unlink()  # the user removes it from the menu
    start()
    assert not entry.exists()


def test_the_menu_entry_recorded_during_another_programs_write_waits_its_turn(  # type: ignore[no-untyped-def]
        make_controller, opened, pipx_install, qtbot, opened_store_writer) -> None:
    """The menu entry tended while an import held the store: its record was written on
    the GUI thread, which stood still for the store's minute and then gave up (tended
    again at every start). It is written on the worker once the other writer is done."""
    from PySide6.QtCore import QTimer

    from mlcoach.ui.app import MENU_ENTRY_KEY

    ctl = make_controller(desktop="KDE")
    ctl._show_shell(0)
    ctl.on_store_opened(opened)
    drain()
    opened.store.set_state(MENU_ENTRY_KEY, "/usr/bin/mlcoach")  # the .deb's, before
    ticks: list[int] = []
    with opened_store_writer():
        ctl.tend_desktop_entries(create_menu_entry=None)
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: ticks == [1])  # the GUI thread goes on meanwhile
    drain()
    assert opened.store.get_state(MENU_ENTRY_KEY) == str(pipx_install)


def test_a_store_from_before_the_record_gets_no_entry_back_the_user_deleted(
        make_controller, opened, own_data_home, pipx_install) -> None:  # type: ignore[no-untyped-def]
    """From the review: a store from before the record (every upgrade) wrote the menu
    entry at its first start, bringing back one the user had deleted."""
    from mlcoach.ui.app import MENU_ENTRY_KEY

    ctl = make_controller(desktop="KDE")
    ctl._show_shell(0)
    ctl.on_store_opened(opened)
    drain()
    assert not (own_data_home / "applications" / "io.github.mlcoach.MLCoach.desktop").exists()
    assert opened.store.get_state(MENU_ENTRY_KEY) == str(pipx_install)  # later moves are known
