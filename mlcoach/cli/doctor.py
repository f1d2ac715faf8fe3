"""`mlcoach doctor`: check the store, its key, backups and the desktop around it."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.i18n import shown_path, translate, ui_language
from mlcoach.security.keys import KeyStore
from mlcoach.store.vault import (
    LOST_META,
    Layout,
    PassphraseSource,
    meta_file_ok,
    plain_store,
    read_meta,
    resolve_secret,
    store_files,
    unwritable,
)
from mlcoach.system.paths import file_owner_note

if TYPE_CHECKING:
    from mlcoach.cli.main import Context


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the doctor's report."""

    name: str
    status: str  # OK | WARN | FAIL
    detail: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_checks(layout: Layout, keys: KeyStore, passphrase: PassphraseSource) -> list[Check]:
    """Run every check; none of them changes anything."""
    out: list[Check] = []
    try:
        meta = read_meta(layout)
    except MlcoachError as exc:
        return [Check("store", "FAIL", str(exc))]
    if meta is None and layout.db.exists() and layout.db.stat().st_size > 0:
        if plain_store(layout):
            out.append(Check("store.json", "WARN", "missing; the store is not encrypted, so "
                             "the next start writes it again"))
        else:
            out.append(Check("store", "FAIL", LOST_META.format(path=layout.meta,
                                                               database=layout.db.name)))
    elif meta is None:
        out.append(Check("store", "WARN",
                         f"no store in {shown_path(layout.root)} yet (created on first use)"))
    else:
        if not meta_file_ok(layout):
            out.append(Check("store.json", "WARN", "missing or damaged; its copy in "
                             f"{layout.backups} is used, and the next start writes it again"))
        out.extend(_store_checks(layout, keys, passphrase))
    out.append(_keyring_check(keys))
    out.extend(_backup_checks(layout))
    out.extend(_recovery_checks(layout))
    out.extend(_desktop_checks())
    return out


def _recovery_checks(layout: Layout) -> list[Check]:
    """The last time a damaged store file was replaced, and the files kept aside."""
    from mlcoach.store.recovery import read_note
    from mlcoach.store.set_aside import DAMAGED_MARK

    out = []
    note = read_note(layout.root)
    if note is not None:
        when = note.at[:16].replace("T", " ")
        out.append(Check("recovery", "WARN", f"{when} UTC: {note.message()}"))
    kept = sorted(p.name for p in layout.root.glob(f"{layout.db.name}{DAMAGED_MARK}*")
                  if not p.name.endswith(("-wal", "-shm", "-journal")))
    if kept:
        out.append(Check("set aside", "WARN",
                         f"{len(kept)} damaged file(s) kept in {shown_path(layout.root)}: "
                         f"{', '.join(kept)} "
                         "(each goes once five weeks old, unless it is the newest or "
                         "no backup was restored; delete them once you no longer need them)"))
    return out


def _store_checks(layout: Layout, keys: KeyStore, passphrase: PassphraseSource) -> list[Check]:
    from mlcoach.store.migrations import HEAD

    out = []
    meta = read_meta(layout)
    assert meta is not None
    enc = {"keyring": "encrypted with a key kept in the system keyring",
           "passphrase": "encrypted with a passphrase",
           "none": "NOT encrypted (chosen at set-up)"}[meta.encryption]
    out.append(Check("encryption", "OK" if meta.encryption != "none" else "WARN", enc))
    if os.name == "posix":
        loose = [p.name for p in _private_paths(layout) if p.exists() and _mode(p) & 0o077]
        out.append(Check("permissions", "FAIL" if loose else "OK",
                         "readable by others: " + ", ".join(loose) if loose
                         else "data folder 0700, files 0600"))
    from mlcoach.store import recovery

    restore = ("the next mlcoach command that writes (or the app's next start) sets it "
               "aside and restores the newest good backup" + _newest_backup_text(layout))
    damaged = "the database file is damaged; " + restore
    missing = recovery.precheck(layout.db)
    if missing == "missing":
        out.append(Check("store", "FAIL", "the database file is missing; the next start "
                         "restores the newest good backup" + _newest_backup_text(layout)))
        return out
    if missing == "empty":
        out.append(Check("store", "FAIL", "the database file is empty (zero bytes); " + restore))
        return out
    try:
        secret = resolve_secret(layout, meta, keys, passphrase)
    except MlcoachError as exc:
        out.append(Check("store", "FAIL", str(exc)))
        return out
    try:
        version, integrity = recovery.inspect(layout.db, secret)
        calendar = _calendar_settings(recovery.saved_settings(layout.db, secret))
    except MlcoachError as exc:
        if secret.mode == "none" or recovery.key_opens_a_backup(layout.backups, secret):
            out.append(Check("store", "FAIL", damaged))
        else:
            out.append(Check("store", "FAIL", str(exc)))
        return out
    except Exception as exc:  # a damaged file surfaces here as a DB error
        culprit = None if recovery.is_corruption(exc) else unwritable(layout)
        if culprit is not None and culprit != layout.root:
            note = file_owner_note(culprit)
            out.append(Check("store", "FAIL", f"{shown_path(culprit)} cannot be written"
                             f"{f' ({note})' if note else ''}: mlcoach reads the store but "
                             "saves nothing until it can; make it yours again (chown, "
                             "chmod 600)"))
            return out
        if not recovery.is_corruption(exc) and not os.access(layout.root, os.W_OK):
            out.append(Check("store", "WARN", f"{shown_path(layout.root)} is read-only, so "
                             "the store cannot be checked here; mlcoach reads it (search, "
                             "export) but "
                             "saves nothing until the folder can be written"))
            return out
        out.append(Check("store", "FAIL", damaged if recovery.is_corruption(exc)
                         else f"the database cannot be read: {exc}"))
        return out
    if integrity == "in use":
        out.append(Check("store", "WARN", f"{layout.db} opens; integrity ok, but another "
                         "mlcoach is writing it (a long import?), so its search index was "
                         "not checked; run the doctor again once that is done"))
    elif integrity != "ok":
        out.append(Check("store", "FAIL", damaged))
        return out
    else:
        out.append(Check("store", "OK", f"{layout.db} opens; integrity ok"))
    out.append(Check("schema", "OK" if version == HEAD else "WARN",
                     f"schema {version}" + ("" if version == HEAD else f" (app expects {HEAD})")))
    out.extend(_calendar_checks(*calendar))
    return out


def _calendar_settings(raw: dict[str, Any]) -> tuple[str, bool]:
    """The calendar file or folder and whether GNOME/Evolution's calendars are read."""
    path = raw.get("calendar_path")
    return (path if isinstance(path, str) else ""), raw.get("calendar_eds") is True


def _calendar_checks(path: str, eds: bool) -> list[Check]:
    """Whether the chosen calendars can be read (read-only, local)."""
    from mlcoach.coaching.calendar_ics import CalendarError, calendar_files

    out: list[Check] = []
    if path:
        from datetime import datetime, timedelta, timezone

        from mlcoach.coaching.calendar_ics import occurrences

        try:
            files = calendar_files(Path(path).expanduser())
            start = datetime.now(timezone.utc)
            problems = occurrences(Path(path).expanduser(), start,
                                   start + timedelta(days=1)).problems
        except CalendarError as exc:
            out.append(Check("calendar", "WARN", str(exc)))
        else:
            detail = f"{shown_path(path)}: {len(files)} .ics file(s)"
            if problems:
                out.append(Check("calendar", "WARN", f"{detail}; {len(problems)} unreadable, "
                                 f"first: {problems[0]}"))
            else:
                out.append(Check("calendar", "OK", detail + ", all readable"))
    if not eds:
        # Not asked: EDS is D-Bus activated, and the doctor starts nothing.
        out.append(Check("evolution calendars", "OK", "not used (Settings ▸ Schedule can "
                         "turn on \"Use calendars from GNOME/Evolution\")"))
    elif os.name == "posix":
        from mlcoach.coaching.calendar_eds import EdsError, list_calendars

        try:
            found = list_calendars(timeout=5.0)
        except EdsError as exc:
            out.append(Check("evolution calendars", "WARN", str(exc)))
        else:
            names = ", ".join(c.name for c in found if c.enabled) or "none enabled"
            out.append(Check("evolution calendars", "OK", f"read for meetings: {names}"))
    return out


def _private_paths(layout: Layout) -> list[Path]:
    """Everything of the user's that must be readable by the owner only."""
    from mlcoach.store.recovery import NOTE_NAME
    from mlcoach.system.paths import DRAFT_NAME

    root = layout.root
    paths = [root, *store_files(layout), layout.meta, layout.backups, root / DRAFT_NAME,
             root / NOTE_NAME]
    if layout.backups.is_dir():
        paths += sorted(layout.backups.iterdir())
    return paths


def _newest_backup_text(layout: Layout) -> str:
    from datetime import UTC, datetime

    from mlcoach.store.backups import backups

    found = backups(layout.backups, datetime.now(UTC).date())
    return f" ({found[-1].name})" if found else " (there is no backup yet)"


def _keyring_check(keys: KeyStore) -> Check:
    from mlcoach.security.keys import KeyringUnavailableError

    backend = os.environ.get("PYTHON_KEYRING_BACKEND", "auto")
    try:
        available = keys.available()
    except KeyringUnavailableError as exc:  # no answer in time, or a backend that cannot load
        return Check("keyring", "FAIL", str(exc))
    if available:
        return Check("keyring", "OK", f"a secure keyring is available ({backend})")
    return Check("keyring", "WARN", "no secure keyring: use a passphrase or an unencrypted store")


def _backup_checks(layout: Layout) -> list[Check]:
    folder = layout.backups
    files = sorted(folder.glob("mlcoach-*.db")) if folder.exists() else []
    if not files:
        return [Check("backups", "WARN", f"no backups yet in {shown_path(folder)}")]
    newest = files[-1]
    return [Check("backups", "OK", f"{len(files)} backup(s); newest {newest.name}")]


def _desktop_checks() -> list[Check]:
    from mlcoach.system import desktop

    out = []
    env = os.environ
    problem = desktop.display_problem(env)
    display = env.get("WAYLAND_DISPLAY") or env.get("DISPLAY") or env.get("QT_QPA_PLATFORM")
    out.append(Check("display", "WARN" if problem else "OK",
                     problem or f"display {display} ({desktop.session_kind(env) or 'other'})"))
    if os.name == "posix" and sys.platform != "darwin":
        services = _bus_services(env.get("DBUS_SESSION_BUS_ADDRESS", ""))
        out.append(_notifications_check(services))
        status, text = desktop.busy_sources(env, has=lambda tool: bool(shutil.which(tool)))
        out.append(Check("busy", status, text))
        name = desktop.desktop_name(env)
        if name == "gnome" and not (isinstance(services, set) and _WATCHER in services):
            out.append(Check("tray", "WARN", "GNOME shows no tray icons unless the "
                             "AppIndicator extension is on (Debian: gnome-shell-extension-"
                             "appindicator); prompts arrive as notifications either way"))
        else:
            out.append(_tray_check(services, desktop.session_kind(env)))
        out.append(Check("shortcut", "OK", "quick capture from anywhere: "
                         + desktop.shortcut_hint(name)))
    from mlcoach.system import autostart

    try:
        enabled = autostart.is_enabled()
    except Exception as exc:  # an unusual platform should not break the report
        out.append(Check("autostart", "WARN", f"cannot tell: {exc}"))
    else:
        out.append(_autostart_check(enabled))
    return out


_NOTIFICATIONS = "org.freedesktop.Notifications"
_WATCHER = "org.kde.StatusNotifierWatcher"
#: The look at the session bus: one deadline for it all, and a limit on what it reads.
BUS_DEADLINE_S, BUS_MAX_BYTES = 2.0, 256 * 1024


def _bus_services(address: str) -> set[str] | str:
    """The names the session bus has or can start, or why they cannot be told."""
    if not address:
        return "no session bus"
    import time

    from mlcoach.domain.errors import MlcoachError
    from mlcoach.system.session_bus import SessionBus

    try:
        bus = SessionBus(address, time.monotonic() + BUS_DEADLINE_S, BUS_MAX_BYTES,
                         too_much=lambda limit: MlcoachError(
                             "the session bus sent more than {limit} bytes", limit=limit))
        try:
            names: set[str] = set()
            for member in ("ListNames", "ListActivatableNames"):
                names.update(bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                      "org.freedesktop.DBus", member)[0])
            return names
        finally:
            bus.close()
    except TimeoutError:
        return "the session bus did not answer in time"
    except Exception as exc:  # an odd bus must not break the report
        return " ".join(str(exc).split())[:160] or type(exc).__name__


def _notifications_check(services: set[str] | str) -> Check:
    if isinstance(services, str):
        return Check("notifications", "WARN", f"cannot tell ({services}): prompts show "
                     "as mlcoach's own card when no notification server answers")
    if _NOTIFICATIONS in services:
        return Check("notifications", "OK", "a notification server is on the session bus: "
                     "prompts arrive as notifications, with buttons where it offers them")
    return Check("notifications", "WARN", "no notification server on the session bus: "
                 "prompts show as mlcoach's own card instead")


def _tray_check(services: set[str] | str, session: str) -> Check:
    if isinstance(services, set) and _WATCHER in services:
        return Check("tray", "OK", "a tray (StatusNotifier host) is on the session bus")
    if session == "x11":
        return Check("tray", "OK", "on X11 the tray is looked for when the app starts; "
                     "without one, mlcoach shows a small window with the same actions")
    return Check("tray", "WARN", "no tray (StatusNotifier host) on the session bus: "
                 "mlcoach shows a small window with the same actions instead")


def _autostart_check(enabled: bool) -> Check:
    """Whether mlcoach starts at login, and whether the program the entry runs still exists
    (after an uninstall, or a move of the venv, the entry points at nothing)."""
    from mlcoach.system import autostart

    if not enabled:
        return Check("autostart", "OK", "does not start at login (Settings can turn it on)")
    where = shown_path(autostart.location())
    command = autostart.entry_command()
    if not command:
        return Check("autostart", "WARN", f"starts at login, but {where} names no program")
    if not autostart.program_exists(command[0]):
        return Check("autostart", "WARN",
                     f"set to start at login, but {shown_path(command[0])} does not exist "
                     "any more: "
                     "turn Launch at login off and on again in Settings (entry: "
                     f"{where})")
    return Check("autostart", "OK", f"starts at login ({shown_path(command[0])})")


# -- the commands ---------------------------------------------------------------------

def cmd_recover(ctx: Context) -> int:
    from mlcoach.store.vault import recover

    if ctx.stdin.isatty():
        from mlcoach.cli.main import ask_secret

        text = ask_secret(translate("Recovery key: ", ui_language(ctx.language)))
    else:
        from mlcoach.cli.main import MAX_STDIN_LINE

        text = ctx.stdin.readline(MAX_STDIN_LINE)  # bounded: a longer line is no key
    if not text.strip():
        raise UsageError("no recovery key was given: type it, or pipe it in on one line "
                         "(nothing was changed)")
    recover(ctx.layout, text, ctx.keys)
    ctx.out(translate("the encryption key is back in your keyring; mlcoach opens as before",
                      ui_language(ctx.language)))
    return 0


def cmd_doctor(ctx: Context) -> int:
    if ctx.ns.recovery_key:
        from mlcoach.store.vault import recovery_key

        ctx.out(recovery_key(ctx.layout, ctx.keys))
        return 0
    checks = run_checks(ctx.layout, ctx.keys, ctx.passphrase)
    if ctx.ns.json:
        ctx.out_json([c.as_dict() for c in checks])
    else:
        for c in checks:
            ctx.out(f"[{c.status:>4}] {c.name}: {c.detail}")
    return 1 if any(c.status == "FAIL" for c in checks) else 0
