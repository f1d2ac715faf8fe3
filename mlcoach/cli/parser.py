"""The command line's arguments: every command, its options and their help, in the
user's language. `mlcoach capture`'s fast path builds only its own sub-parser."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from mlcoach import __version__
from mlcoach.domain.i18n import N_

if TYPE_CHECKING:  # datetime stays off the way to the tray icon
    from datetime import date

#: What `run --open` may carry: the single-instance requests but "quit"
#: (mlcoach.system.instance.REQUESTS; tests/test_install_stamp.py holds them together).
_OPEN_REQUESTS = frozenset({"show", "capture", "reflect", "suggest", "history", "settings",
                            "prompt"})

EXIT_USAGE = 2


def _columns() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the width: on its own it imports shutil (and with
    it bz2 and lzma, ~3 ms) to find it, and argparse builds one for every option added."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors and exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        from mlcoach.cli.main import one_line
        from mlcoach.domain.i18n import translate, ui_language

        # argparse quotes a bad value with repr(), but lists unrecognized arguments as
        # typed: one holding ESC or a newline would drive the terminal or break the line.
        text = translate("{prog}: error: {message} (see `{prog} --help`)", ui_language(""),
                         prog=self.prog, message=one_line(message))
        self.exit(EXIT_USAGE, text + "\n")


def _enum_arg(name: str) -> Callable[[str], Any]:
    """The argparse type for the domain enum `name` (imported only when an option is used:
    `mlcoach run` shows its tray icon without loading the domain model first)."""

    def parse(value: str) -> Any:
        from mlcoach.domain import enums

        cls = getattr(enums, name)
        try:
            return cls(value.strip().lower())
        except ValueError:
            from mlcoach.domain.i18n import translate, ui_language

            lang = ui_language("")
            raise argparse.ArgumentTypeError(translate(
                "unknown {what} {value} (choose from {choices})", lang,
                what=translate(_ENUM_WORDS.get(name, name.lower()), lang), value=repr(value),
                choices=", ".join(v.value for v in cls))) from None

    parse.__name__ = name.lower()
    return parse


def _date_arg(value: str) -> date:
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        from mlcoach.domain.i18n import translate, ui_language

        raise argparse.ArgumentTypeError(translate("not a date (YYYY-MM-DD): {value}",
                                                   ui_language(""), value=repr(value))) from None


def _path_arg(value: str) -> Path:
    """A file or folder named on the command line; "" (an unset variable) is not ".":
    `calendar ""` read the current folder as a calendar."""
    if not value.strip():
        from mlcoach.domain.i18n import translate, ui_language

        raise argparse.ArgumentTypeError(translate("an empty name is not a file or folder",
                                                   ui_language("")))
    return Path(value)


def _words_arg(value: str) -> str:
    from mlcoach.store.search import query_words

    if not query_words(value):  # "", or signs alone ("#", "-"): said "no matches" before
        from mlcoach.domain.i18n import translate, ui_language

        raise argparse.ArgumentTypeError(translate("give at least one word to find",
                                                   ui_language("")))
    return value


class _Skipped:
    """Stands in for the parsers of the commands not being run: building all of them
    costs about 20 ms, a sixth of `mlcoach capture`."""

    def __getattr__(self, name: str) -> Any:
        return lambda *_a, **_k: self


def command_in(argv: Sequence[str]) -> str | None:
    """The command named in `argv` ("" for none), or None when unsure (parse fully)."""
    args = iter(argv)
    for arg in args:
        if arg == "--data-dir":
            next(args, None)
        elif not arg.startswith("--data-dir="):
            return None if arg.startswith("-") or not arg else arg  # "": parse fully
    return ""


# argparse's own words, shown in the user's language when the catalogue has them.
_ARGPARSE_WORDS = (N_("usage: "), N_("options"), N_("positional arguments"),
                   N_("show this help message and exit"),
                   N_("show program's version number and exit"),
                   N_("argument %(argument_name)s: %(message)s"),
                   N_("invalid choice: %(value)r (choose from %(choices)s)"),
                   N_("the following arguments are required: %s"),
                   N_("unrecognized arguments: %s"),
                   N_("expected one argument"), N_("expected at least one argument"),
                   N_("expected at most one argument"),
                   N_("invalid %(type)s value: %(value)r"),
                   N_("not allowed with argument %s"),
                   N_("one of the arguments %s is required"),
                   N_("ignored explicit argument %r"))
# What the enum options are called in their errors ("unknown action 'change'").
_ENUM_WORDS = {"Kind": N_("kind"), "Style": N_("style"), "Outcome": N_("outcome"),
               "Size": N_("size"), "ChangeKind": N_("action")}


def _as_written(text: str) -> str:
    return text


def _help_language() -> Callable[[str], str]:
    """Translate help text into the locale's language; English costs nothing."""
    from mlcoach.domain.i18n import translate, ui_language

    lang = ui_language("")
    if lang == "en":
        # argparse's own words as they are: its gettext looked for a catalogue on the
        # disk for each of them (~1 ms a start) and Python ships none.
        argparse._ = _as_written  # type: ignore[attr-defined]
        return _as_written
    argparse._ = lambda text: translate(text, lang)  # type: ignore[attr-defined]
    return lambda text: translate(text, lang)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full command-line grammar, or only `command`'s part of it.

    Long on purpose: one declarative list of every command and option reads better in
    one place than spread over helpers, and `mlcoach capture` builds only its part.
    """
    _t = _help_language()
    _JSON = _t("print JSON instead")
    _STYLES = _t("facts, enthusiasm, reassurance or credibility")
    _KINDS = _t("example, suggestion, recognition, support, question, delegation or other")
    _NAME = _t("their name, as in your people list")
    _OUTPUT = _t("the file to write (default: standard output)")
    p = _Parser(prog="mlcoach", description=_t("Practise micro-leadership, one small act a day."))
    p.add_argument("--version", action="version", version=f"mlcoach {__version__}",
                   help=_t("show program's version number and exit"))  # 3.11 skips argparse._
    p.add_argument("--data-dir", metavar="DIR", help=_t("where mlcoach keeps its data "
                   "(default: $MLCOACH_DATA_DIR or your user data folder)"))
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    if command is not None:
        add_parser = sub.add_parser
        sub.add_parser = lambda name, **kw: (  # type: ignore[method-assign,assignment]
            add_parser(name, **kw) if name == command else _Skipped())

    r = sub.add_parser("run", help=_t("start the tray app"))
    # How the app restarts itself after an upgrade, carrying the window asked for.
    r.add_argument("--open", choices=sorted(_OPEN_REQUESTS), help=argparse.SUPPRESS)

    c = sub.add_parser("capture",
                       help=_t("store a moment (no text: open the quick-capture window)"))
    c.add_argument("text", nargs="*", help=_t("what happened; @Name and #tag are understood "
                                              "(-: read it from standard input)"))
    c.add_argument("--kind", type=_enum_arg("Kind"), default=None, help=_KINDS)
    c.add_argument("--person", metavar="NAME", help=_t("who it was with"))
    c.add_argument("--style", type=_enum_arg("Style"), help=_STYLES)
    c.add_argument("--tag", action="append", default=[], metavar="T",
                   help=_t("a tag (may be given more than once)"))

    s = sub.add_parser("suggest", help=_t("compose an influence suggestion (no options: open the "
                       "coach window)"))
    s.add_argument("--style", type=_enum_arg("Style"), help=_STYLES)
    s.add_argument("--change", metavar="TEXT",
                   help=_t("the change you would like (-: from standard input)"))
    s.add_argument("--person", metavar="NAME", help=_t("who you would ask"))
    s.add_argument("--action", type=_enum_arg("ChangeKind"), default="differently",
                   help=_t("start, stop or differently (default: differently)"))
    s.add_argument("--size", type=_enum_arg("Size"), default="medium",
                   help=_t("small, medium or large, for them (default: medium)"))
    s.add_argument("--by-example", action="store_true", help=_t("lead by example instead"))
    s.add_argument("--save", action="store_true", help=_t("save it as a planned moment"))
    s.add_argument("--json", action="store_true", help=_JSON)

    oc = sub.add_parser("outcome", help=_t("record whether a suggestion or moment was followed"))
    oc.add_argument("id", help=_t("the id printed by --save or --json (a unique prefix will do)"))
    oc.add_argument("outcome", type=_enum_arg("Outcome"), help=_t("followed, not_yet or declined"))

    pr = sub.add_parser("prompt", help=_t("print the prompt the scheduler would show next"))
    pr.add_argument("--json", action="store_true", help=_JSON)

    ps = sub.add_parser("prompts", help=_t("the prompt library and prompt packs"))
    pss = ps.add_subparsers(dest="prompts_command", parser_class=_Parser, metavar="ACTION",
                            required=True)
    pl = pss.add_parser("list", help=_t("list every prompt"))
    pl.add_argument("--json", action="store_true", help=_JSON)
    pv = pss.add_parser("validate", help=_t("check a prompt pack"))
    pv.add_argument("file", type=_path_arg, help=_t("the pack (TOML)"))
    pi = pss.add_parser("import", help=_t("add the prompts of a pack"))
    pi.add_argument("file", type=_path_arg, help=_t("the pack (TOML)"))
    pe = pss.add_parser("export", help=_t("write your own prompts as a pack"))
    pe.add_argument("-o", "--output", type=_path_arg, help=_OUTPUT)
    pe.add_argument("--all", action="store_true", help=_t("include the built-in library"))

    pp = sub.add_parser("people", help=_t("the people you work with"))
    ppp = pp.add_subparsers(dest="people_command", parser_class=_Parser, metavar="ACTION",
                            required=True)
    l_ = ppp.add_parser("list", help=_t("list the people you work with"))
    l_.add_argument("--json", action="store_true", help=_JSON)
    l_.add_argument("--all", action="store_true", help=_t("include archived people"))
    a = ppp.add_parser("add", help=_t("add someone (or bring back someone archived)"))
    a.add_argument("name", help=_NAME)
    a.add_argument("--style", type=_enum_arg("Style"), help=_STYLES)
    a.add_argument("--notes", default="", help=_t("what helps you work with them (-: from "
                                                         "standard input)"))
    e = ppp.add_parser("edit", help=_t("change someone's name, style or notes"))
    e.add_argument("name", help=_NAME)
    e.add_argument("--name", dest="new_name", metavar="NEW_NAME", help=_t("a new name"))
    style = e.add_mutually_exclusive_group()  # set one, or clear it: not both
    style.add_argument("--style", type=_enum_arg("Style"), help=_STYLES)
    style.add_argument("--clear-style", action="store_true",
                       help=_t("forget their style (not sure yet)"))
    e.add_argument("--notes", help=_t("their notes, replaced (-: from standard input)"))
    ar = ppp.add_parser("archive", help=_t("hide someone from lists; their history stays"))
    ar.add_argument("name", help=_NAME)
    me = ppp.add_parser("merge", help=_t("put someone known under two names together: "
                                         "their moments and notes go to the other"))
    me.add_argument("name", help=_t("the name that goes"))
    me.add_argument("into", help=_t("the name that stays"))
    de = ppp.add_parser("delete", help=_t("delete someone, their name and notes; the moments "
                                          "with them stay"))
    de.add_argument("name", help=_NAME)
    de.add_argument("--yes", action="store_true", help=_t("do not ask (for scripts)"))

    se = sub.add_parser("search", help=_t("full-text search of your history"))
    se.add_argument("query", type=_words_arg, help=_t("the words to find"))
    se.add_argument("--person", metavar="NAME", help=_t("only what is about them"))
    se.add_argument("--kind", type=_enum_arg("Kind"), help=_KINDS)
    se.add_argument("--since", type=_date_arg, metavar="DATE",
                    help=_t("only from this day on (YYYY-MM-DD)"))
    se.add_argument("--limit", type=int, default=50, help=_t("at most this many (default: 50)"))
    se.add_argument("--json", action="store_true", help=_JSON)

    rf = sub.add_parser("reflect", help=_t("open the end-of-day reflection (--text: answer here)"))
    rf.add_argument("--text", action="store_true",
                    help=_t("answer in the terminal instead of the window"))

    ex = sub.add_parser("export", help=_t("export everything"))
    ex.add_argument("--format", choices=("json", "csv", "md"), default="json",
                    help=_t("json (can be imported again), csv or md (default: json)"))
    ex.add_argument("-o", "--output", type=_path_arg, help=_OUTPUT)

    im = sub.add_parser("import", help=_t("import a JSON export or another journal's "
                                          "(all or nothing)"))
    im.add_argument("file", type=_path_arg, help=_t("the file to import"))
    im.add_argument("--from", dest="source", choices=("jrnl", "dayone"),
                    help=_t("the file is jrnl's `--export json`, or Day One's JSON "
                            "(or its zip)"))
    im.add_argument("--dry-run", action="store_true",
                    help=_t("show what would be added; change nothing"))

    ca = sub.add_parser("calendar", help=_t("the calendar occurrences the scheduler sees"))
    ca.add_argument("path", nargs="?", type=_path_arg, metavar="FILE_OR_FOLDER",
                    help=_t("an .ics file or a folder of them (default: the one in Settings)"))
    ca.add_argument("--from", dest="start", type=_date_arg, metavar="DATE",
                    help=_t("first day (default: today)"))
    ca.add_argument("--to", dest="end", type=_date_arg, metavar="DATE",
                    help=_t("last day, included (default: the first day)"))
    ca.add_argument("--eds", action="store_true",
                    help=_t("also read the GNOME/Evolution calendars"))
    ca.add_argument("--json", action="store_true", help=_JSON)

    st = sub.add_parser("stats", help=_t("streak, this week's moments, realized vs attempted"))
    st.add_argument("--json", action="store_true", help=_JSON)

    it = sub.add_parser("init", help=_t("set up the store explicitly"))
    g = it.add_mutually_exclusive_group()
    g.add_argument("--passphrase", action="store_true",
                   help=_t("protect the store with a passphrase typed at each start"))
    g.add_argument("--no-encryption", action="store_true", help=_t("store data unencrypted"))

    d = sub.add_parser("doctor", help=_t("check the store, key, backups and desktop integration"))
    d.add_argument("--recovery-key", action="store_true", help=_t("show the recovery key"))
    d.add_argument("--json", action="store_true", help=_JSON)

    sub.add_parser("recover", help=_t("restore the keyring entry from your recovery key"))

    w = sub.add_parser("wipe", help=_t("delete all data, the keyring entry, backups and the "
                                       "launch-at-login entry"))
    w.add_argument("--yes", action="store_true", help=_t("do not ask (for scripts)"))
    if command and command not in sub.choices:
        return build_parser()  # unknown: let the full parser explain
    return p
