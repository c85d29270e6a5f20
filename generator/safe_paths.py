"""One path policy for every input and output: inside the project, regular files, bounded.

Content, catalogs, themes, scenario specs and the review store are untrusted, and so are the
paths `site.toml` names. Every read and write of them goes through these few calls:

- `is_inside(path, folder)`: a yes/no answer, for checks that report problems themselves.
- `resolve_inside(root, relative, ...)`: the resolved path of `relative` under `root`, or an
  error when it (symbolic links followed) leaves `root`. Use it for any path taken from a file
  or a setting before touching the disk; `within=` narrows the allowed folder (for example
  `within="build"` for outputs, `within="content/_review"` for the store's objects).
- `require_inside(root, relative, ...)`: the same check, returning `relative` unchanged: for
  lists of project-relative paths gathered elsewhere (`revise --all`).
- `read_regular(root, relative, ...)`: the bytes of a regular file inside `root`; refuses a
  symbolic link that leads outside, a folder, FIFO, socket or device (opened without blocking,
  so a FIFO never hangs a command), and a file larger than `limit` bytes. `links=False`
  refuses a symbolic link even inside the project (the review store's files, which certwarn
  alone writes, are never links).
- `check_nesting(text, shown, ...)`: refuses TOML or JSON whose brackets nest deeper than
  `MAX_NESTING` before a recursive parser overflows Python's stack on it.

Each call takes `error`, the CertwarnError subclass its caller reports (ContentError for
sources, ConfigError for settings, ReviewError for the store), and names the file as the user
sees it (`shown`, relative to the project), so problems print as `path:line: message`. A
problem with a whole file is reported at line 1, as the loader does for other whole-file
problems.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from pathlib import Path

from generator.errors import CertwarnError

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest input file read (a source, catalog, setting or store object)."""
MAX_NESTING = 64
"""Deepest nesting of lists and tables accepted in YAML, TOML and JSON inputs."""

_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symbolic link followed, is `folder` or below it."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError, RuntimeError):  # a NUL byte, a loop of links: no file inside
        return False


def resolve_inside(
    root: Path,
    relative: str | Path,
    shown: str,
    *,
    line: int | None = 1,
    within: str = "",
    error: type[CertwarnError] = CertwarnError,
) -> Path:
    """`root / relative` resolved; `error` at `shown:line` when it leaves `root / within`."""
    allowed = _resolved_folder(os.path.join(root, within) if within else os.fspath(root))
    try:
        # what Path.resolve does, on strings: every build resolves thousands of paths
        candidate = os.path.realpath(os.path.join(root, relative))
        _refuse_loop(candidate)
    except (OSError, ValueError) as e:  # a NUL byte or a loop of links
        why = "a loop of links or a NUL byte"
        message = f"refused a path that names no file ({why}); got {str(relative)!r}"
        raise error(message, shown, line) from e
    if candidate == allowed or candidate.startswith(allowed.rstrip(os.sep) + os.sep):
        return Path(candidate)
    where = f"the project's {within} folder" if within else "the project"
    link = _outside_link(root, Path(relative))
    reason = f"a symbolic link that leads outside {where} (to {link})" if link else None
    got = reason or f"a path outside {where}; got {str(relative)!r}"
    raise error(f"refused {got}: only files inside {where} are used", shown, line)


Stamp = tuple[int, int, int, int]
"""A file's inode, size, modification and change times (ns), from (l)stat(2)."""


def stamp_of(info: os.stat_result) -> Stamp:
    """What changes whenever a file is written, replaced or touched: the change time cannot be
    set back, so a file whose stamp is the one recorded holds the bytes it held then."""
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


@functools.lru_cache(maxsize=64)
def _resolved_folder(folder: str) -> str:
    """A project folder, links followed, resolved once per process: were it moved since, the
    files below it resolve elsewhere and are refused, never let through."""
    return str(Path(folder).resolve())


def _refuse_loop(resolved: str) -> None:
    """OSError when `resolved` (from realpath, which stops at a loop of links) is still a
    loop; a missing file is no loop."""
    try:
        os.stat(resolved)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise


def require_inside(root: Path, relative: str, *, error: type[CertwarnError] = CertwarnError) -> str:
    """`relative` itself, once checked to stay inside `root` (see `resolve_inside`)."""
    resolve_inside(root, relative, relative, error=error)
    return relative


def read_regular(
    root: Path,
    relative: str | Path,
    shown: str | None = None,
    *,
    limit: int = MAX_FILE_BYTES,
    links: bool = True,
    error: type[CertwarnError] = CertwarnError,
) -> bytes:
    """The bytes of the regular file `relative` inside `root` (see the module docstring)."""
    shown = shown if shown is not None else Path(relative).as_posix()
    if not links and os.path.islink(os.path.join(root, relative)):
        _refuse_kind(stat.S_IFLNK, shown, error)
    path = resolve_inside(root, relative, shown, error=error)
    _refuse_kind(os.lstat(path).st_mode, shown, error)
    # O_NONBLOCK: a FIFO swapped in after the check opens at once instead of waiting for a writer
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        _refuse_kind(info.st_mode, shown, error)
        if info.st_size > limit:
            raise error(_too_big(limit, info.st_size), shown, 1)
        data = _read_up_to(fd, limit + 1, info.st_size)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(_too_big(limit, len(data)), shown, 1)
    return data


def _read_up_to(fd: int, most: int, size: int) -> bytes:
    """At most `most` bytes from `fd` (a file that grew since it measured `size` is read to
    its end or to `most`). Read as the file's size asks: a buffered read of `most` would
    set aside that much memory for every file first."""
    chunks, count = [], 0
    while count < most:
        chunk = os.read(fd, min(most - count, max(size + 1 - count, 64 * 1024)))
        if not chunk:
            break
        chunks.append(chunk)
        count += len(chunk)
    return b"".join(chunks)


def check_nesting(
    text: str,
    shown: str,
    *,
    limit: int = MAX_NESTING,
    error: type[CertwarnError] = CertwarnError,
) -> None:
    """Refuse `[` and `{` nested deeper than `limit` (outside strings), at the line it happens.

    TOML and JSON parsers recurse once per level; without this a few thousand brackets end in
    RecursionError instead of a message.
    """
    depth, line, quote = 0, 1, ""
    for match in _NESTING_MARKS.finditer(text):  # only what can change the depth or the line
        mark = match.group()
        if len(mark) == 2:  # a backslash and the character it escapes
            if quote == '"':
                line += mark[1] == "\n"
                continue
            mark = mark[1]  # escapes mean nothing elsewhere: the character counts as itself
            if mark not in _MARKS:
                continue
        if mark == "\n":
            line += 1
        if quote:
            if mark == quote:
                quote = ""
            continue
        if mark in "\"'":
            quote = mark
        elif mark in "[{":
            depth += 1
            if depth > limit:
                message = f"lists or tables nested deeper than {limit} levels are not accepted"
                raise error(message, shown, line)
        elif mark in "]}":
            depth = max(depth - 1, 0)
        elif mark == "#":
            quote = "\n"  # a TOML comment runs to the end of the line


def check_json_nesting(
    text: str, shown: str, *, limit: int = MAX_NESTING, error: type[CertwarnError] = CertwarnError
) -> None:
    """`check_nesting` for JSON, whose strings are read whole (large records check fast)."""
    depth = 0
    for match in _JSON_MARKS.finditer(text):
        mark = match.group()
        if mark in "[{":
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, match.start()) + 1
                message = f"lists or tables nested deeper than {limit} levels are not accepted"
                raise error(message, shown, line)
        elif mark in "]}":
            depth = max(depth - 1, 0)


_JSON_MARKS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_MARKS = "\n\"'[]{}#"
_NESTING_MARKS = re.compile(r"\\.|[\n\"'\[\]{}#]", re.DOTALL)


def _refuse_kind(mode: int, shown: str, error: type[CertwarnError]) -> None:
    if stat.S_ISREG(mode):
        return
    kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
    raise error(f"refused {kind}: expected a regular file", shown, 1)


def _too_big(limit: int, size: int) -> str:
    return f"file is larger than the {limit} bytes accepted; got {size} bytes"


def _outside_link(root: Path, relative: Path) -> str | None:
    """Where the first symbolic link on the way to `relative` points, if it leads outside."""
    base = root.resolve()
    current = root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            target = current.resolve()
            if not target.is_relative_to(base):
                return str(target)
    return None
