"""The `mlcoach` command line. Commands that open no window never import Qt.

Exit codes: 0 success, 1 runtime error (one line on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import io
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from mlcoach.cli.parser import build_parser, command_in
from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.i18n import N_, shown_path, translate, ui_language

if TYPE_CHECKING:
    from mlcoach.security.keys import KeyStore, Secret
    from mlcoach.store.recovery import RecoveryNote
    from mlcoach.store.vault import Layout, LightOpened, Opened

logger = logging.getLogger("mlcoach")

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


# -- plumbing ----------------------------------------------------------------------------

class Context:
    """What a command needs: the data folder, the key store, and how to ask for secrets."""

    def __init__(self, ns: argparse.Namespace, stdin: IO[str], stdout: IO[str],
                 stderr: IO[str], keys: KeyStore | None = None) -> None:
        from mlcoach.system.language_hint import read_language_hint
        from mlcoach.system.paths import data_dir

        self.ns, self.stdin, self.stdout, self.stderr = ns, stdin, stdout, stderr
        self.root = data_dir(ns.data_dir)
        self._layout: Layout | None = None
        self._keys = keys
        self.secret: Secret | None = None  # once the store is open: for backups, repairs
        # The Settings language: before the store opens (a wrong passphrase, a damaged
        # file), as kept beside it (system/language_hint.py); "" = the system's.
        self.language = read_language_hint(self.root)
        # What the command stored, once it is committed: said if it is then stopped or
        # cannot print, so no one stores it twice ("the moment was stored as …").
        self.done: tuple[str, dict[str, object]] | None = None
        self.finished = False  # the command ran to its end, output and all

    def committed(self, template: str, **params: object) -> None:
        """Say what was stored if the command is stopped or its output fails after this."""
        self.done = (template, params)

    def done_text(self) -> str:
        assert self.done is not None
        language = ui_language(self.language)
        params = dict(self.done[1])
        counts = params.get("counts")
        if isinstance(counts, dict):  # an import's counts, said in words
            from mlcoach.cli.counts import listed

            params["counts"] = listed(counts, language) or "0"
        return translate(self.done[0], language, **params)

    @property
    def layout(self) -> Layout:
        """The data folder's files (vault is imported on first use, not for `run`)."""
        if self._layout is None:
            from mlcoach.store.vault import Layout

            self._layout = Layout(self.root)
        return self._layout

    @property
    def keys(self) -> KeyStore:
        if self._keys is None:
            from mlcoach.security.keys import OSKeyring

            self._keys = OSKeyring()
        return self._keys

    def passphrase(self) -> str:
        """The passphrase from $MLCOACH_PASSPHRASE or the terminal."""
        env = os.environ.get("MLCOACH_PASSPHRASE")
        if env:
            return _as_passphrase(env)
        if not self.stdin.isatty():
            raise MlcoachError(
                "this store needs its passphrase: set MLCOACH_PASSPHRASE or run in a terminal"
            )
        return _as_passphrase(ask_secret(translate("mlcoach passphrase: ",
                                                   ui_language(self.language))))

    def has_store(self) -> bool:
        """Whether the data folder holds a store (or what is left of one)."""
        return self.layout.meta.exists() or self.layout.db.exists()

    def open(self, *, create: bool = True) -> Opened:
        """The store; set up on first use unless `create` is False (a command that only
        acts on what is stored then says there is no store, and creates nothing)."""
        from mlcoach.store.vault import open_store

        opened = open_store(self.layout, keys=self.keys, passphrase_source=self.passphrase,
                            on_recovered=self.recovered, auto_init=create)
        self.secret = opened.secret
        self._note_language(opened.store)
        if opened.recovery_key:
            self.stderr.write(_recovery_notice(opened.recovery_key))
        return opened

    @contextlib.contextmanager
    def reading(self, *, light: bool = False) -> Iterator[Any]:
        """The store for a command that only reads it (`light`: without the ORM). Before
        any store exists, an empty plain one in a temporary folder: the command answers as
        for an empty store and sets nothing up (no data folder, no key, no recovery key)."""
        if self.has_store():
            if not os.access(self.root, os.W_OK):  # a disk remounted read-only, say
                with self._reading_a_copy(light=light) as store:
                    yield store
                return
            opened: Opened | LightOpened = self.open_light() if light else self.open()
            try:
                yield opened.store
            finally:
                opened.close()
            return
        from mlcoach.store.vault import init_store, open_light, refuse_unfit_folder

        refuse_unfit_folder(self.layout)
        with _scratch_folder("mlcoach-empty-") as scratch:
            opened = init_store(scratch, "none", keys=self.keys)
            if light:
                opened.close()
                opened = open_light(scratch, keys=self.keys)
            try:
                yield opened.store
            finally:
                opened.close()

    @contextlib.contextmanager
    def _reading_a_copy(self, *, light: bool) -> Iterator[Any]:
        """The store of a data folder that cannot be written, read from a private copy: an
        open writes beside the file (SQLite's -shm, checks, migrations), and a read-only
        disk is where a user most needs to search and export their data elsewhere."""
        import shutil

        from mlcoach.store.vault import open_light, open_store

        def cannot_repair(_note: object) -> None:  # the copy had to be restored: say so
            raise MlcoachError("the store in {folder} is damaged, and a backup can only be "
                               "restored where the folder can be written (nothing was "
                               "changed)", folder=self.root)

        with _scratch_folder("mlcoach-read-") as copy:
            for original, there in ((self.layout.meta, copy.meta), (self.layout.db, copy.db),
                                    (Path(f"{self.layout.db}-wal"), Path(f"{copy.db}-wal"))):
                if original.exists():  # -wal: what is committed and not yet folded in
                    shutil.copyfile(original, there)
            opened: Opened | LightOpened = (
                open_light(copy, keys=self.keys, passphrase_source=self.passphrase,
                           on_recovered=cannot_repair)
                if light else open_store(copy, keys=self.keys, passphrase_source=self.passphrase,
                                         auto_init=False, on_recovered=cannot_repair))
            try:
                self._note_language(opened.store)
                yield opened.store
            finally:
                opened.close()

    def open_light(self) -> LightOpened:
        """The store without the ORM, for commands that run a few plain queries."""
        from mlcoach.store.vault import open_light

        opened = open_light(self.layout, keys=self.keys, passphrase_source=self.passphrase,
                            on_recovered=self.recovered)
        self._note_language(opened.store)
        if opened.recovery_key:
            self.stderr.write(_recovery_notice(opened.recovery_key))
        return opened

    def _note_language(self, store: Any) -> None:
        """Remember the language chosen in Settings, so later errors use it too."""
        try:  # the raw value: building Settings would load the domain model (~20 ms)
            raw = store.get_state("settings", {})
        except MlcoachError:
            raw = {}
        value = raw.get("language") if isinstance(raw, dict) else None
        self.language = value if isinstance(value, str) else ""

    def recovered(self, note: RecoveryNote) -> None:
        """Say on stderr that a damaged store file was replaced by a backup."""
        self.stderr.write(f"mlcoach: {one_line(note.message())}\n")

    def out(self, text: str) -> None:
        """One line (or more) for a person to read: stored text's control characters are
        shown as "�", so a hostile import cannot retitle or clear the terminal."""
        text = printable(text)
        self.stdout.write(text if text.endswith("\n") else text + "\n")

    def out_stored(self, record_id: str, failed: str, **params: object) -> None:
        """Print the id of what was just stored. When that fails, the error says it was
        stored (`failed` names it, with {id} and {reason}), so no one stores it twice."""
        try:
            self.out(record_id)
            self.stdout.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:  # ValueError: a closed stream
            raise MlcoachError(failed, id=record_id, **params,
                               reason=getattr(exc, "strerror", None) or exc) from exc

    def out_json(self, value: Any) -> None:
        import json

        text = json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"
        # json escapes C0 controls; on a screen, C1 (0x9B is CSI) and DEL are shown too.
        self.stdout.write(printable(text) if self.stdout.isatty() else text)


# C0 controls but tab and newline, DEL and C1 (ESC starts terminal sequences; 0x9B is CSI).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@contextlib.contextmanager
def _scratch_folder(prefix: str) -> Iterator[Layout]:
    """A store folder of the command's own, private and removed after (see
    system/scratch.py for what a killed command leaves)."""
    from mlcoach.store.vault import Layout
    from mlcoach.system.scratch import scratch_folder

    with scratch_folder(prefix) as folder:
        yield Layout(folder)


@functools.cache
def _masking(controls: str) -> re.Pattern[str]:
    """Controls in `controls` and the marks that reorder the rest of a terminal line
    ("Evil\u202eeman"), which a file name or a calendar's own words may hold. Made when
    first needed: `mlcoach run` prints nothing, and waits ~1 ms less for its icon."""
    from mlcoach.domain.text import REORDERING

    return re.compile(f"[{controls}\x7f-\x9f{''.join(sorted(REORDERING))}]")


_NOT_PRINTED = "\x00-\x08\x0b-\x1f"  # tab and newline print as they are
_NOT_IN_A_LINE = "\x00-\x1f"


def printable(text: str) -> str:
    """`text` with controls (but tab and newline) and reordering marks shown as "�"."""
    return _masking(_NOT_PRINTED).sub("\ufffd", text)


def one_line(text: str) -> str:
    """`text` as one safe line for the terminal: controls and bidi marks shown as "�"."""
    return _masking(_NOT_IN_A_LINE).sub("\ufffd", text)


def _recovery_notice(key: str, *, said_where: bool = False) -> str:
    """The recovery key shown once, after a store is made (`said_where`: init has just
    said where the key is)."""
    lang = ui_language("")
    where = "" if said_where else "mlcoach: " + translate(
        "your data is encrypted; the key is in your system keyring.", lang) + "\n"
    return where + "mlcoach: " + translate(
        "keep this recovery key somewhere safe (shown once; later with "
        "`mlcoach doctor --recovery-key`):", lang) + f"\n    {key}\n"


def local_tz() -> Any:
    from mlcoach.system.clock import local_zone

    return local_zone()


# -- commands ------------------------------------------------------------------------------

MOMENT_STORED = N_("the moment was stored as {id}")
IMPORT_DONE = N_("the import was done ({counts})")
MOMENT_NOT_PRINTED = N_("the moment was stored as {id}, but its id could not be printed "
                        "({reason}); do not capture it again")


def cmd_capture(ctx: Context) -> int:
    from mlcoach.domain.capture import parse_capture
    from mlcoach.domain.enums import Kind

    ns = ctx.ns
    raw = " ".join(ns.text)
    parsed = parse_capture(raw, person=ns.person)
    if not parsed.text:
        raise UsageError("the moment is empty: say what happened, e.g. "
                         "mlcoach capture \"Thanked @Ana for the clear release notes\"")
    person = parsed.person  # --person wins over an @name; --person "" is refused
    tags = [*parsed.tags, *ns.tag]
    from mlcoach.domain.text import clean_tag, clean_text, name_to_save

    clean_text(parsed.text, "moment text")  # the one-line errors the store would give
    for t in tags:
        clean_tag(t)
    if person is not None:
        name_to_save(person)  # "---" names no one: refused before anything is written
    from mlcoach.domain.ids import new_id, utcnow  # not clock.now_utc: no zoneinfo here
    from mlcoach.system import instance

    kind = ns.kind or Kind.OTHER
    moment_id = new_id()  # one id: the app's write and ours below can only be one moment
    handed = instance.hand_over_moment(ctx.root, instance.HandedMoment(
        moment_id, parsed.text, kind.value, person, ns.style.value if ns.style else None,
        tuple(tags)))
    if handed is not None:  # a running app stored it: no key read, no store open here
        ctx.committed(MOMENT_STORED, id=handed)
        ctx.out_stored(handed, MOMENT_NOT_PRINTED)
        return EXIT_OK
    from mlcoach.store.vault import unlock_existing

    secret = unlock_existing(ctx.layout, keys=ctx.keys, passphrase_source=ctx.passphrase,
                             on_recovered=ctx.recovered)
    if secret is not None:
        ctx.secret = secret
        from mlcoach.store import quick

        moment_id = quick.add_moment(ctx.layout.db, secret, parsed.text, kind, person=person,
                                     style=ns.style, tags=tags, now=utcnow(),
                                     moment_id=moment_id)
        ctx.committed(MOMENT_STORED, id=moment_id)
        ctx.out_stored(moment_id, MOMENT_NOT_PRINTED)
        return EXIT_OK
    opened = ctx.open()  # first start: set the store up
    try:
        moment = opened.store.add_moment(parsed.text, kind, person=person, style=ns.style,
                                         tags=tags, moment_id=moment_id)
        ctx.committed(MOMENT_STORED, id=moment.id)
    finally:
        opened.store.close()
    ctx.out_stored(moment.id, MOMENT_NOT_PRINTED)
    return EXIT_OK


def cmd_export(ctx: Context) -> int:
    from mlcoach.transfer import exporting

    if ctx.ns.output and str(ctx.ns.output) != "-":
        exporting.export_target(ctx.ns.output, ctx.root)  # refused before anything is done
    with ctx.reading(light=True) as store:  # plain SQL: no ORM for an export
        fmt = ctx.ns.format
        if fmt == "json":
            text = exporting.export_json(store)
        elif fmt == "csv":
            text = exporting.export_csv(store, local_tz())
        else:
            text = exporting.export_markdown(store, local_tz(),
                                             language=ui_language(ctx.language))
    if ctx.ns.output and str(ctx.ns.output) != "-":
        exporting.write_export(ctx.ns.output, text, ctx.root)
    elif ctx.stdout.isatty():  # read on the screen: no terminal sequences (CSV keeps CRLF)
        ctx.stdout.write(_CONTROLS.sub(lambda m: m[0] if m[0] == "\r" else "\ufffd", text))
    else:  # a pipe or a file: the data as it is
        ctx.stdout.write(text)
    return EXIT_OK


def cmd_import(ctx: Context) -> int:
    from mlcoach.transfer import exporting

    if ctx.ns.source or ctx.ns.dry_run:
        from mlcoach.cli.journals import cmd_import_journal, cmd_preview_native

        return cmd_import_journal(ctx) if ctx.ns.source else cmd_preview_native(ctx)

    try:
        if ctx.ns.file.stat().st_size > exporting.MAX_IMPORT_BYTES:  # before reading it
            raise exporting.ImportError_("the file is too large to be an mlcoach export")
        raw = exporting.read_limited(ctx.ns.file)  # /dev/zero and pipes claim size 0
    except OSError as exc:
        raise MlcoachError("cannot read {file}: {reason}", file=ctx.ns.file,
                           reason=exc.strerror or exc) from exc
    doc = exporting.parse_export(raw)
    opened = ctx.open()
    try:
        ignored = exporting.ignored_settings(opened.store, doc)
        added = exporting.import_document(opened.store, doc)
        ctx.committed(IMPORT_DONE, counts=added)
    finally:
        opened.store.close()
    from mlcoach.cli.counts import listed

    language = ui_language(ctx.language)
    summary = listed(added, language)
    ctx.out(translate("imported {counts}", language, counts=summary) if summary
            else translate("nothing new to import", language))
    if ignored:
        ctx.out(translate("settings not taken from the file: {names} (this computer's own, "
                          "or not understood)", language, names=", ".join(ignored)))
    return EXIT_OK


def cmd_init(ctx: Context) -> int:
    from mlcoach.store.vault import init_store

    lang, root = ui_language(""), ctx.layout.root
    if ctx.ns.no_encryption:
        opened = init_store(ctx.layout, "none", keys=ctx.keys)
        ctx.out(translate("store created in {folder} (not encrypted)", lang, folder=root))
    elif ctx.ns.passphrase:
        phrase = _new_passphrase(ctx)
        opened = init_store(ctx.layout, "passphrase", keys=ctx.keys, passphrase=phrase)
        ctx.out(translate("store created in {folder}, encrypted with your passphrase", lang,
                          folder=root))
    else:
        opened = init_store(ctx.layout, "keyring", keys=ctx.keys)
        ctx.out(translate("store created in {folder}, encrypted; the key is in your keyring",
                          lang, folder=root))
        assert opened.recovery_key
        ctx.stderr.write(_recovery_notice(opened.recovery_key, said_where=True))
    opened.store.close()
    return EXIT_OK


# The most read from standard input for one answer (a passphrase, a recovery key).
MAX_STDIN_LINE = 4096


def _as_passphrase(text: str) -> str:
    from mlcoach.store.vault import passphrase_text

    return passphrase_text(text)


def _new_passphrase(ctx: Context) -> str:
    env = os.environ.get("MLCOACH_PASSPHRASE")
    if env:
        return env
    if not ctx.stdin.isatty():
        line = ctx.stdin.readline(MAX_STDIN_LINE + 1)  # /dev/zero has no end of line
        if len(line.rstrip("\n")) > MAX_STDIN_LINE:
            raise UsageError("the passphrase on standard input is longer than {n} characters "
                             "(nothing was changed)", n=MAX_STDIN_LINE)
        line = line.rstrip("\n")
        if not line:
            raise UsageError("no passphrase given on standard input")
        return line
    from mlcoach.store.vault import check_new_passphrase

    lang = ui_language("")
    first = check_new_passphrase(ask_secret(translate("New passphrase: ", lang)))
    if ask_secret(translate("Repeat it: ", lang)) != first:
        raise UsageError("the two passphrases differ; nothing was created")
    return first


def ask_secret(prompt: str) -> str:
    """A secret typed at the terminal, not echoed; Ctrl+D there is a clear refusal, not
    "unexpected error (EOFError)"."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        sys.stderr.write("\n")  # Ctrl+D ends no line: the refusal starts its own
        raise UsageError("nothing was typed at the prompt (nothing was changed)") from None


def cmd_gui(ctx: Context, request: str) -> int:
    """Hand a request to the running app, or start it."""
    try:
        from mlcoach.ui.launcher import launch
    except ImportError as exc:
        if "PySide6" in str(exc) or "launcher" in str(exc):
            raise MlcoachError("the desktop app is not available in this install") from exc
        raise
    return int(launch(ctx.root, request))


COMMANDS: dict[str, Callable[[Context], int]] = {
    "capture": cmd_capture,
    "export": cmd_export,
    "import": cmd_import,
    "init": cmd_init,
}


def _wrote(ns: argparse.Namespace) -> bool:
    """Whether the command changes the store: after one succeeds, today's backup is taken
    if it is missing. Not after a command that only reads: its backup's check would wait
    for another writer's lock, and a read needs no new backup."""
    match ns.command:
        case "capture" | "outcome":
            return True
        case "people":
            return bool(ns.people_command != "list")
        case "prompts":
            return bool(ns.prompts_command == "import")
        case "import":
            return not ns.dry_run
        case "suggest":
            return bool(ns.save)
    return False


def _run(ctx: Context) -> int:
    """Run the command; then today's backup (CLI-only users get backups too). A store
    found damaged on the way is set aside and its newest good backup restored."""
    try:
        code = _dispatch(ctx)
        # What is still buffered is written now, where its failure (a full disk, a reader
        # gone) is said as any other; at exit Python said "Exception ignored … OSError"
        # and ended with code 120.
        ctx.stdout.flush()
    except Exception as exc:
        from mlcoach.store.recovery import might_be_damage

        if ctx.secret is None or not might_be_damage(exc):
            raise
        note = _restore_damaged(ctx)
        if note is None:
            raise
        raise MlcoachError("{note} Nothing was changed by this command; run it again.",
                           note=note.message()) from exc
    ctx.finished = True
    if code == EXIT_OK and ctx.secret is not None and _wrote(ctx.ns):
        _daily_backup(ctx)
    return code


def _restore_damaged(ctx: Context) -> RecoveryNote | None:
    """Set a damaged store aside and restore the newest good backup (what the app's
    daily check does); None when the full check finds the store sound after all."""
    from mlcoach.domain.ids import utcnow
    from mlcoach.store import recovery

    assert ctx.secret is not None
    seen = recovery.identity(ctx.layout.db)
    if recovery.verify(ctx.layout.db, ctx.secret):
        return None
    return recovery.repair(ctx.root, ctx.secret, "damaged", utcnow(), seen)


def _daily_backup(ctx: Context) -> None:
    """Take today's backup after a write when there is none yet: checked first, like
    the app's, so a damaged file never replaces good backups (it is restored instead)."""
    from mlcoach.domain import ids
    from mlcoach.store.backups import backed_up_today

    now = ids.utcnow()
    if backed_up_today(ctx.layout.backups, now):
        return  # the usual case: one directory listing
    from mlcoach.store import recovery

    assert ctx.secret is not None
    try:
        note = recovery.daily_check(ctx.root, ctx.secret, now)
    except Exception as exc:  # the command itself succeeded: say so, but never fail it
        logger.debug("daily backup failed", exc_info=True)
        reason = _db_error_message(exc, ctx.root) or _os_error_text(exc)
        ctx.stderr.write("mlcoach: " + translate(
            "today's backup was not taken ({reason})", ui_language(ctx.language),
            reason=one_line(str(reason))) + "\n")
        return
    if note is not None:
        ctx.recovered(note)


def _command(name: str) -> Callable[[Context], int]:
    """The function behind a command; the ones in other modules load only when used."""
    if name in COMMANDS:
        return COMMANDS[name]
    if name == "wipe":
        from mlcoach.cli.wipe import cmd_wipe

        return cmd_wipe
    if name in ("people", "search", "stats"):
        from mlcoach.cli import records

        return cast("Callable[[Context], int]", getattr(records, f"cmd_{name}"))
    from mlcoach.cli import doctor

    return cast("Callable[[Context], int]", getattr(doctor, f"cmd_{name}"))


def _dashes_read(ctx: Context) -> None:
    """A moment's text, a change or a person's notes given as "-" is read from standard
    input: what is on a command line shows in the process list to every local user."""
    ns = ctx.ns
    fields = [name for name in ("change", "notes") if getattr(ns, name, None) == "-"]
    if ns.command == "capture" and ns.text == ["-"]:
        fields.append("text")
    if len(fields) > 1:
        raise UsageError("only one value can be read from standard input ('-')")
    if not fields:
        return
    from mlcoach.domain.text import MAX_TEXT, is_text
    for name in fields:
        text = ctx.stdin.read(MAX_TEXT + 1)
        if len(text) > MAX_TEXT:
            raise UsageError("the text on standard input is longer than {n} characters "
                             "(nothing was changed)", n=MAX_TEXT)
        if not is_text(text):  # bytes that are not UTF-8, as _not_text refuses in argv
            raise UsageError("{what} contains characters that are not valid text",
                             what="TEXT" if name == "text" else f"--{name}")
        text = text.strip()
        if name != "text":
            setattr(ns, name, text)
        elif text:
            ns.text = [text]
        else:  # no text would open the capture window: not what was asked
            raise UsageError("the moment on standard input is empty (nothing was stored)")


def _dispatch(ctx: Context) -> int:
    ns = ctx.ns
    command = ns.command or "run"
    _dashes_read(ctx)
    if command == "run":
        return cmd_gui(ctx, getattr(ns, "open", None) or "show")
    if command == "reflect":
        if ns.text or (not _has_display() and ctx.stdin.isatty()):
            from mlcoach.cli.coach import cmd_reflect_text

            return int(cmd_reflect_text(ctx))
        return cmd_gui(ctx, "reflect")
    if command == "capture" and not ns.text:
        if ns.kind or ns.person or ns.style or ns.tag:
            raise UsageError("give the moment's text, e.g. mlcoach capture \"...\" --kind example")
        return cmd_gui(ctx, "capture")
    if command == "suggest":
        from mlcoach.cli.coach import cmd_suggest

        if ns.style is None and ns.change is None and not ns.by_example:
            return cmd_gui(ctx, "suggest")
        return int(cmd_suggest(ctx))
    if command == "outcome":
        from mlcoach.cli.coach import cmd_outcome

        return int(cmd_outcome(ctx))
    if command == "calendar":
        from mlcoach.cli.calendar import cmd_calendar

        return int(cmd_calendar(ctx))
    if command in ("prompt", "prompts"):
        from mlcoach.cli.coach import cmd_prompt, cmd_prompts

        return int(cmd_prompt(ctx) if command == "prompt" else cmd_prompts(ctx))
    return _command(command)(ctx)


def _has_display() -> bool:
    """Whether a window can be shown (X11 or Wayland), as far as the environment says."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class _OneLineFormatter(logging.Formatter):
    """A warning may quote a file's own words: one safe line each (MLCOACH_DEBUG's
    tracebacks keep their lines)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return one_line(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:
        # A library's own traceback (SQLAlchemy's "Exception closing connection" when
        # Ctrl+C lands in a close) is not for the terminal; MLCOACH_DEBUG shows it.
        return super().formatException(ei) if os.environ.get("MLCOACH_DEBUG") else ""


def _configure_logging() -> None:
    level = logging.DEBUG if os.environ.get("MLCOACH_DEBUG") else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)  # the app adds a file log that also keeps INFO
    handler.setFormatter(_OneLineFormatter("mlcoach: %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def _os_error_text(exc: BaseException) -> str:
    """An error in a few words, with the file it is about and, when it was refused, why:
    "Permission denied: …/backups (it belongs to root)"."""
    from mlcoach.system.paths import file_owner_note

    if not isinstance(exc, OSError):
        return str(exc)
    text = exc.strerror or str(exc)
    if isinstance(exc.filename, str):
        path = Path(exc.filename)
        text += f": {shown_path(path)}"
        note = file_owner_note(path) if isinstance(exc, PermissionError) else None
        if note is not None:
            text += f" ({note})"
    return text


def _read_only(folder: Path | None) -> str:
    """The store's words for a refused write: the folder, or which file and why."""
    from mlcoach.domain.i18n import error_text
    from mlcoach.store.errors import read_only
    from mlcoach.system.paths import DB_NAME

    return error_text(read_only(None if folder is None else folder / DB_NAME), "en")


def _db_error_message(exc: BaseException, folder: Path | None = None) -> str | None:
    text = str(getattr(exc, "orig", exc)).lower()
    if "unable to open database" in text and folder is not None and folder.is_dir() \
            and not os.access(folder, os.W_OK):
        text = "read-only"  # SQLite cannot make its -wal/-shm files there
    if "readonly" in text or "read-only" in text:
        return _read_only(folder)
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full: nothing was written (your data is unchanged)"
    if "disk i/o error" in text:
        return ("the disk refused the write (full or failing?): nothing was written "
                "(your data is unchanged)")
    if "database is locked" in text or "database is busy" in text:
        from mlcoach.store.errors import BUSY_MESSAGE  # the quick path's, as the store's

        return str(BUSY_MESSAGE)
    if "unable to open database" in text:
        from mlcoach.domain.i18n import error_text
        from mlcoach.store.errors import LINKED_SIDE_FILE, linked_side_file
        from mlcoach.system.paths import DB_NAME

        linked = linked_side_file(None if folder is None else folder / DB_NAME)
        if linked is not None:
            return error_text(MlcoachError(LINKED_SIDE_FILE, path=linked), "en")
        return "the database cannot be opened: check the data folder's permissions"
    if "malformed" in text or "not a database" in text:
        return "the database file is damaged; run `mlcoach doctor`"
    return None


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process started without one: writing fails plainly."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def utf8_output(streams: Sequence[object] | None = None) -> None:
    """Write what a reader can read. Into a pipe or a file: UTF-8 whatever the locale says
    (exports are UTF-8; Windows pipes default to the ANSI code page, where a Turkish export
    failed with UnicodeEncodeError). To a terminal: its own encoding, so a Latin-5
    (tr_TR.ISO-8859-9) terminal shows Turkish letters, not UTF-8's bytes; a character
    the terminal cannot show becomes "?" rather than an error."""
    for stream in (sys.stdout, sys.stderr) if streams is None else streams:
        if not isinstance(stream, io.TextIOWrapper):
            continue
        encoding = (stream.encoding or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8"):
            continue
        try:
            terminal = stream.isatty()
        except (OSError, ValueError):
            terminal = False
        if terminal:
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8")


class Terminated(BaseException):
    """SIGTERM or SIGHUP: raised where the command is, so its cleanup runs (a temporary
    export file removed, a transaction rolled back) as it does for Ctrl+C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_ENDING_SIGNALS = ("SIGTERM", "SIGHUP")
_settled = False  # the command has ended: a signal now changes nothing


def _end_cleanly_on_signals() -> None:
    import signal

    def stop(signum: int, _frame: object) -> None:
        if not _settled:
            raise Terminated(signum)

    for name in _ENDING_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def _settle() -> None:
    """Once the command has ended, Ctrl+C, SIGTERM and SIGHUP are held off while what
    it said is written out: Python puts their default back while it shuts down, and one
    landing then killed a capture that had stored its moment and printed its id (exit
    -15, no word), so a script's `|| retry` stored it twice."""
    global _settled
    import signal

    _settled = True
    for name in (*_ENDING_SIGNALS, "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def _end_at_signals_with(code: int) -> None:
    """Everything said and written: from now on these signals end the process at once
    with the command's own code, not ignored (a shutdown that stalls can still be ended
    by `kill`, and says what the command did)."""
    import signal

    def end(_signum: int, _frame: object) -> None:
        os._exit(code)

    for name in (*_ENDING_SIGNALS, "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), end)


def main(argv: Sequence[str] | None = None, *, keys: KeyStore | None = None,
         stdin: IO[str] | None = None, stdout: IO[str] | None = None,
         stderr: IO[str] | None = None) -> int:
    """Entry point of the `mlcoach` command."""
    if stdout is None and stderr is None:
        utf8_output()
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    if stderr is None:  # started with standard error closed (`2>&-`): nothing can be said
        stderr = io.StringIO()
    if stdout is None:  # started with standard output closed
        stdout = cast("IO[str]", _ClosedOutput())
    if stdin is None:  # started with standard input closed (`<&-`): nothing to read
        stdin = io.StringIO()
    if os.name == "posix":
        os.umask(0o077)  # every file we create is private to the user
        from mlcoach.system.no_core import forbid_core_dumps

        forbid_core_dumps()
    _configure_logging()
    args = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_in(args))
    try:
        try:
            ns = parser.parse_args(args)
        except SystemExit as exc:  # --help, --version (argparse wrote them) or a usage error
            stdout.flush()
            return int(exc.code or 0)
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # --help > /dev/full
        stderr.write(f"mlcoach: {one_line(str(exc.strerror or exc))}\n")
        return EXIT_ERROR
    finally:
        _output_given_up(stdout, stderr)
    unreadable = _not_text(parser, ns)
    if unreadable is not None:
        from mlcoach.domain.i18n import error_text

        error = UsageError("{what} contains characters that are not valid text",
                           what=unreadable)
        stderr.write(f"mlcoach: {one_line(error_text(error, ui_language('')))}\n")
        return EXIT_USAGE
    handled = argv is None and (ns.command or "run") not in ("run", "reflect")
    if handled:
        _end_cleanly_on_signals()
    code = EXIT_ERROR
    try:
        code = _main(ns, stdin, stdout, stderr, keys)
        return code
    finally:
        if handled:
            _settle()
        _output_given_up(stdout, stderr)
        if handled:
            _end_at_signals_with(code)


def _output_given_up(*streams: IO[str]) -> None:
    """What standard output (or error) could not take is dropped, not written again at
    exit: Python then said "Exception ignored in: <_io.TextIOWrapper …> BrokenPipeError"
    after a reader had gone (`mlcoach stats | head -0`) and ended with code 120. The
    command has already said what it could not write."""
    for stream in streams:
        try:
            stream.flush()
            continue
        except (OSError, ValueError):
            pass
        try:
            fd = stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
        except (OSError, ValueError):
            continue
        try:
            os.dup2(null, fd)
        except OSError:
            pass
        finally:
            os.close(null)


def _main(ns: argparse.Namespace, stdin: IO[str], stdout: IO[str], stderr: IO[str],
          keys: KeyStore | None) -> int:
    """Run the parsed command; every error is one line on stderr and its exit code."""
    ctx: Context | None = None
    try:
        ctx = Context(ns, stdin, stdout, stderr, keys)
        return _run(ctx)
    except (Terminated, KeyboardInterrupt) as exc:
        if ctx is not None and ctx.done is not None:
            return _stopped_after_storing(ctx, stderr)
        if isinstance(exc, KeyboardInterrupt):
            stderr.write("mlcoach: interrupted\n")
            return 130
        stderr.write("mlcoach: stopped; nothing half-written was kept\n")
        return 128 + exc.signum
    except UsageError as exc:
        stderr.write(f"mlcoach: {one_line(_in_language(exc, ctx))}\n")
        return EXIT_USAGE
    except MlcoachError as exc:
        stderr.write(f"mlcoach: {one_line(_in_language(exc, ctx))}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from mlcoach.system.paths import data_dir

        if ctx is not None and ctx.done is not None and not ctx.finished \
                and isinstance(exc, (OSError, ValueError)):  # its output could not be written
            reason = getattr(exc, "strerror", None) or exc
            stderr.write("mlcoach: " + one_line(translate(
                "{done}, but its output could not be written ({reason}); do not run it "
                "again", ui_language(ctx.language), done=ctx.done_text(), reason=reason))
                + "\n")
            return EXIT_ERROR

        try:
            folder: Path | None = data_dir(ns.data_dir)
        except MlcoachError:
            folder = None
        message = _db_error_message(exc, folder)
        if message is None and isinstance(exc, OSError):
            message = _os_error_text(exc)
        logger.debug("unexpected error", exc_info=True)
        if message is None:
            first = str(exc).splitlines()[0][:200] if str(exc) else ""
            message = (f"unexpected error ({type(exc).__name__}: {first}); "
                       "run with MLCOACH_DEBUG=1 for details")
        stderr.write(f"mlcoach: {one_line(message)}\n")
        return EXIT_ERROR


def _stopped_after_storing(ctx: Context, stderr: IO[str]) -> int:
    """Ctrl+C or SIGTERM after the command stored what it was asked to: said, so it is
    not run again (a retry would store it twice). Stopped in today's backup, after the
    output: done (0); before the output was written: the output is this line (1)."""
    language = ui_language(ctx.language)
    if ctx.finished:
        stderr.write("mlcoach: " + one_line(translate(
            "{done}; stopped before today's backup, which is taken next time",
            language, done=ctx.done_text())) + "\n")
        return EXIT_OK
    stderr.write("mlcoach: " + one_line(translate(
        "{done}, but it was stopped before it could say so; do not run it again",
        language, done=ctx.done_text())) + "\n")
    return EXIT_ERROR


def _not_text(parser: argparse.ArgumentParser, ns: argparse.Namespace) -> str | None:
    """The option (or argument) given bytes that are not UTF-8 (`--notes $'\\xff'`: Python
    keeps them as lone surrogates, which no store, message or terminal can take); None
    when all are text. Paths are not looked at: a file name may be any bytes."""
    given = {dest: [v for v in (value if isinstance(value, list) else [value])
                    if isinstance(v, str)]
             for dest, value in vars(ns).items()
             # the data folder's own check says what to do (paths.data_dir); a command's
             # name is one of the parser's own
             if dest not in ("data_dir", "command")}
    if not any(given.values()):  # `mlcoach run`: nothing to look at, nothing to import
        return None
    from mlcoach.domain.text import is_text

    names: dict[str, str] = {}

    def collect(p: argparse.ArgumentParser) -> None:
        for action in p._actions:  # argparse keeps them here only
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    collect(sub)
            elif action.dest not in names:
                names[action.dest] = (max(action.option_strings, key=len)
                                      if action.option_strings else action.dest.upper())

    collect(parser)
    for dest, values in given.items():
        if not all(is_text(v) for v in values):
            return names.get(dest, dest)
    return None


def _in_language(exc: BaseException, ctx: Context | None) -> str:
    """The error's one line in the user's language: the Settings choice once the command
    has opened the store, else LANGUAGE / LC_* / LANG."""
    from mlcoach.domain.i18n import error_text

    return error_text(exc, ui_language(ctx.language if ctx is not None else ""))


def main_gui() -> int:
    """Entry point for launchers: same as `mlcoach run`."""
    return main(sys.argv[1:] or ["run"])

