"""Where mlcoach keeps its files, and private file permissions."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

from mlcoach.domain.i18n import N_, Phrase

APP_NAME = "mlcoach"
APP_ID = "io.github.mlcoach.MLCoach"
DB_NAME = "mlcoach.db"
META_NAME = "store.json"
DRAFT_NAME = "capture-draft.txt"
BACKUP_DIR = "backups"


#: The longest data folder path, in bytes (UTF-8 on Linux): SQLite opens paths of up to
#: 512, and the longest name mlcoach makes inside (a backup's journal) takes about 70.
MAX_FOLDER_CHARS = 440


def data_dir(explicit: str | os.PathLike[str] | None = None,
             env: Mapping[str, str] | None = None) -> Path:
    """Resolve the data folder: --data-dir, then MLCOACH_DATA_DIR, then platformdirs."""
    env = os.environ if env is None else env
    given = explicit if explicit is not None else env.get("MLCOACH_DATA_DIR")
    if given is not None and not str(given).strip():
        # "--data-dir $UNSET wipe --yes" must not mean the real data folder.
        from mlcoach.domain.errors import UsageError

        raise UsageError("the data folder given ({source}) is empty; name a folder "
                         "(nothing was changed)",
                         source="--data-dir" if explicit is not None else "MLCOACH_DATA_DIR")
    if given:
        folder = expand_user(Path(given)).absolute()
        if len(os.fsencode(folder)) > MAX_FOLDER_CHARS:  # SQLite counts bytes
            from mlcoach.domain.errors import UsageError

            raise UsageError("the data folder's path is {n} characters long; SQLite opens "
                             "files only under about {limit}: choose a shorter one",
                             n=len(os.fsencode(folder)), limit=MAX_FOLDER_CHARS)
        return _not_as_root_in(_as_text(folder))
    import platformdirs

    return _not_as_root_in(_as_text(Path(platformdirs.user_data_dir(APP_NAME,
                                                                     appauthor=False))))


def _not_as_root_in(folder: Path) -> Path:
    """`folder`, unless root (sudo) would work in another user's: what it made (the store,
    a backup, ~/.local/share itself) would belong to root, and the user could no longer
    write there or read today's backup."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return folder
    here = folder
    while True:
        try:
            owner = os.stat(here).st_uid
            break
        except FileNotFoundError:
            if here.parent == here:
                return folder
            here = here.parent
        except OSError:
            return folder
    if owner == 0:
        return folder
    import pwd

    try:
        user = pwd.getpwuid(owner).pw_name
    except KeyError:
        user = str(owner)
    from mlcoach.domain.errors import UsageError

    raise UsageError("mlcoach is running as root, but {folder} belongs to {user}: what it "
                     "made there would belong to root; run it as {user}, without sudo "
                     "(nothing was changed)", folder=here, user=user)


def _as_text(folder: Path) -> Path:
    """`folder`, when its name is text: bytes that are not UTF-8 (kept by Python as lone
    surrogates) cannot reach SQLite's file name, the app's channel or a message."""
    if str(folder).isascii():  # text for sure, without loading domain.text (~1 ms a start)
        return folder
    from mlcoach.domain.text import is_text

    if not is_text(str(folder)):
        from mlcoach.domain.errors import UsageError

        raise UsageError("the data folder's path has bytes that are not UTF-8 text; choose "
                         "another folder with --data-dir (nothing was changed)")
    return folder


def expand_user(path: Path) -> Path:
    """`path` with a leading ~ or ~user expanded; UsageError when that user has no home
    (Path.expanduser raises RuntimeError)."""
    try:
        return path.expanduser()
    except RuntimeError:
        from mlcoach.domain.errors import UsageError

        raise UsageError("{path}: no such user's home folder (nothing was changed)",
                         path=str(path)) from None


def set_mode(path: Path, mode: int) -> bool:
    """chmod `path`; through a symbolic link only to a file of the link's own owner, as
    the kernel's protected_symlinks rule has it: a link planted in the data folder to
    /etc/passwd would otherwise be made owner-only by a `sudo mlcoach`. False when such
    a link was left as it is (said in the log)."""
    if path.is_symlink() and path.lstat().st_uid != path.stat().st_uid:
        import logging

        logging.getLogger(__name__).warning(
            "%s links to a file of another user; its mode was left as it is", path.name)
        return False
    os.chmod(path, mode)
    return True


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) and make it readable by the owner only. A folder kept
    for several users (`/tmp`) is left as it is (the store refuses to live there), and so
    is one that holds files of the user's own (`--data-dir ~/Documents`, or `/`)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix" and not shared_folder(path):
        set_mode(path, private_mode(path))


def private_mode(folder: Path) -> int:
    """The mode the data folder gets: owner-only (0700) when it holds only what mlcoach
    writes; else its own mode with no one else's write (a folder of the user's own stays
    listable as they chose, and no one can put files in it)."""
    if holds_only_ours(folder):
        return 0o700
    import stat

    return stat.S_IMODE(folder.stat().st_mode) & ~0o022


# What mlcoach writes in its data folder (the names' leading dot aside): the store and
# its side files, store.json, drafts, locks, logs, backups and recovery's files.
_OUR_NAMES = (DB_NAME, META_NAME, DRAFT_NAME, "recovery.json", "setup.lock",
              "recovery.lock", "daily.lock", "mlcoach")
_OUR_FOLDERS = frozenset((BACKUP_DIR, "logs"))


def holds_only_ours(folder: Path) -> bool:
    """Whether the folder `folder` is empty or holds only what mlcoach writes there: a
    folder with files of the user's own (`--data-dir ~/Documents`, or `/`) is theirs:
    mlcoach only takes others' write away from it (see private_mode)."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name.lstrip(".")
                if name in _OUR_FOLDERS or name.startswith(_OUR_NAMES):
                    continue
                return False
    except FileNotFoundError:
        return True
    except OSError:
        return False  # not readable: not a folder to take over
    return True


def shared_folder(path: Path) -> bool:
    """Whether `path` is an existing folder kept for several users: one with the sticky
    bit (`/tmp`) or owned by another user (on POSIX). Its mode is never changed."""
    if os.name != "posix":
        return False
    try:
        info = path.stat()
    except OSError:
        return False
    import stat

    return stat.S_ISDIR(info.st_mode) and (
        bool(info.st_mode & stat.S_ISVTX) or info.st_uid != os.getuid())


def others_may_write(path: Path) -> bool:
    """Whether users other than the owner may create files in the folder `path`."""
    if os.name != "posix":
        return False
    try:
        return bool(path.stat().st_mode & 0o002)
    except OSError:
        return False


def planted_link(path: Path) -> Path | None:
    """The first link on the way to `path` that another user made in a folder open to
    everyone (`/tmp/report.json` → the victim's own file), or None. The kernel refuses to
    follow such a link (fs.protected_symlinks) only where it is switched on, and never
    for a path resolved beforehand, as a write through a link must be."""
    if os.name != "posix":
        return None
    import stat

    # Not abspath: it folds "x/../" by text, skipping a link the kernel would follow.
    pending = list((path if path.is_absolute() else Path(os.getcwd()) / path).parts)
    here, hops = Path(pending.pop(0)), 0
    while pending:
        step = here / pending.pop(0)
        try:
            info = os.lstat(step)
        except OSError:
            return None  # nothing there yet: no link to follow
        if not stat.S_ISLNK(info.st_mode):
            here = step
            continue
        hops += 1
        try:
            folder = os.stat(here)
        except OSError:
            return None  # the write itself says what is wrong
        if folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH \
                and info.st_uid not in (os.getuid(), folder.st_uid):
            return step
        if hops > 40:
            return None  # a loop: the write itself fails with its own error
        target = Path(os.readlink(step))
        if target.is_absolute():
            parts = list(target.parts)
            here = Path(parts.pop(0))
            pending = parts + pending
        else:  # relative to the folder the link is in
            pending = list(target.parts) + pending
    return None


def read_small(path: Path, limit: int = 1 << 20) -> bytes:
    """The bytes of a small file of ours (store.json, recovery.json, a draft, a desktop
    entry). Only a regular file is read, and only up to `limit`: a FIFO put in its place
    would block the read forever, a link to /dev/zero fill the memory. OSError otherwise
    (FileNotFoundError when there is none)."""
    import stat

    from mlcoach.domain.i18n import shown_path

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{shown_path(path)} is not a regular file")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"{shown_path(path)} is larger than {limit} bytes")
    return data


def make_private(path: Path) -> None:
    """Set owner-only permissions on a file, where the platform has them."""
    if os.name == "posix" and path.exists():
        set_mode(path, 0o600)


# The end of a file atomic_write is still writing: only mlcoach names a file so, and what a
# killed write left can be told from a user's own ".report.json.2024".
PART_SUFFIX = ".mlcoach-part"


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write a file so that a crash leaves either the old or the new content, and nothing
    else: where the file system can (Linux's O_TMPFILE), the new content has no name
    until it is whole, so a write killed outright (SIGKILL, the OOM killer) leaves no part
    file holding the user's words beside the target; the kernel frees it."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd = _unnamed_file(path.parent)
    if fd is not None and _write_unnamed(fd, path, raw):
        return
    import tempfile  # here: the capture path never writes this way

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            locked = _mark_writing(fh.fileno())  # held until renamed: see writer_gone
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
            if locked:  # POSIX renames an open file; Windows cannot, and has no such lock
                os.replace(tmp, path)
        if not locked:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def _unnamed_file(folder: Path) -> int | None:
    """A new owner-only file in `folder` with no name yet (O_TMPFILE); None where the
    platform or the file system has none (then a named part file is written)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        # EOPNOTSUPP/EISDIR/EINVAL: a file system without it (NFS, FUSE, vfat); anything
        # else (no folder, no room, no right) the named write reports as it always did
        return None


def _write_unnamed(fd: int, path: Path, raw: bytes) -> bool:
    """Write `raw` to the unnamed file `fd`, give it a part name and rename it over `path`;
    False, nothing written, where it cannot be given a name (no /proc to link through).
    Killed before the link, nothing is left; between the link and the rename (two system
    calls), a whole copy under the part name that remove_killed_writes takes away."""
    import secrets

    with os.fdopen(fd, "wb") as fh:
        _mark_writing(fh.fileno())  # the part name, once linked, is known for live
        fh.write(raw)
        fh.flush()
        os.fsync(fh.fileno())
        # A folder descriptor makes os.link call linkat with AT_SYMLINK_FOLLOW (link(2)
        # would link the /proc symlink itself: EXDEV).
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            while True:
                tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}{PART_SUFFIX}"
                try:
                    os.link(f"/proc/self/fd/{fh.fileno()}", tmp.name, dst_dir_fd=folder,
                            follow_symlinks=True)
                    break
                except FileExistsError:
                    continue
                except OSError:  # e.g. /proc mounted so that it cannot be linked from
                    return False
        finally:
            os.close(folder)
        try:
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    fsync_dir(path.parent)
    return True


def _mark_writing(fd: int) -> bool:
    """Lock a part file while it is written, so a killed writer's part can be told from a
    live one (its lock went with it); False where there is no such lock (Windows, NFS
    without lockd): writing goes on without it."""
    if os.name != "posix":
        return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        return False
    return True


def remove_killed_writes(folder: Path) -> list[Path]:
    """Delete the part files atomic_write left in `folder` when it was killed mid-write
    (".capture-draft.txt.k2x9ab3f.mlcoach-part"): ours by name and owner, and no longer
    being written (see writer_gone). Returns what went."""
    import re
    import stat

    pattern = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(PART_SUFFIX))
    try:
        siblings = list(folder.iterdir())
    except OSError:
        return []
    gone = []
    for path in siblings:
        if not pattern.fullmatch(path.name):
            continue
        try:
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() \
                    and writer_gone(path):
                path.unlink()
                gone.append(path)
        except OSError:
            continue
    return gone


#: A part file younger than this may be between its creation and its lock.
_PART_GRACE_S = 60.0
#: Where parts carry no lock, one this old is taken for a killed write.
_PART_UNLOCKED_S = 3600.0


def writer_gone(part: Path) -> bool:
    """Whether the atomic_write that made `part` has ended without renaming it (killed):
    older than a minute and nobody holds its lock. Where locks cannot be asked, whether
    it is an hour old."""
    import time

    age = time.time() - part.lstat().st_mtime
    if age < _PART_GRACE_S:
        return False
    if os.name != "posix":
        return age > _PART_UNLOCKED_S
    import fcntl

    fd = os.open(part, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # locks cannot be asked here (NFS without lockd): by age, as Windows
        return age > _PART_UNLOCKED_S
    finally:
        os.close(fd)
    return True


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable (POSIX; best effort)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def file_owner_note(path: Path, need: int = os.W_OK) -> Phrase | None:
    """Why this user may not read or write (`need`) `path`, in a few words: "it belongs
    to root" (a `sudo mlcoach` made it) or "its mode is 0444"; of its folder when the
    file is not there or the folder hides it. None when neither explains it."""
    import stat

    owner_bits = {os.R_OK: stat.S_IRUSR, os.W_OK: stat.S_IWUSR, os.X_OK: stat.S_IXUSR}
    try:
        st = path.stat()
    except OSError as exc:  # not there to be made, or its folder hides it
        if isinstance(exc, (PermissionError, FileNotFoundError)) and path.parent != path:
            folder = file_owner_note(path.parent, os.W_OK | os.X_OK)
            if folder is not None:
                return Phrase(N_("its folder belongs to {name}") if "name" in folder.params
                              else N_("its folder's mode is {mode}"), **folder.params)
        return None
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        import pwd

        try:
            name = pwd.getpwuid(st.st_uid).pw_name
        except KeyError:
            name = str(st.st_uid)
        return Phrase(N_("it belongs to {name}"), name=name)
    if any(need & flag and not st.st_mode & bit for flag, bit in owner_bits.items()):
        return Phrase(N_("its mode is {mode}"), mode=f"{stat.S_IMODE(st.st_mode):04o}")
    return None
