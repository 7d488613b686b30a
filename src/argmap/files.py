"""Every read and write of a file's content goes through here.

One module owns the rules argmap applies to disk access, so that they hold everywhere:

* reads refuse files larger than :data:`MAX_BYTES` before reading them, and decode UTF-8
  strictly, pointing at the line and column of the first bad byte;
* writes are atomic: the data goes into a new file beside the target, which is then renamed
  over it, so a failure leaves the old file (or none), never half of one. The new file is
  created with the mode a plain ``open()`` would give it (the kernel applies the umask), so
  the process umask is never read or changed;
* a folder of files (the HTML report) is written the same way: built beside the target,
  then swapped in.

Errors are :class:`~argmap.errors.LoadError` for reads (with the path and a ``code``) and
``OSError`` for writes, which callers turn into the error of their own operation.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from argmap.errors import LoadError, Problem

__all__ = [
    "MAX_BYTES",
    "decode",
    "read_bytes",
    "read_chunks",
    "read_head",
    "read_if_present",
    "read_resource",
    "read_text",
    "remove",
    "replace_folder",
    "sha256",
    "temporary_file",
    "write_bytes",
    "write_chunks",
    "write_text",
]

#: Files larger than this are refused before they are read (see docs/format.md, "Limits").
MAX_BYTES = 32 * 1024 * 1024


def read_bytes(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of a file, refusing one larger than ``limit`` bytes (default
    :data:`MAX_BYTES`) before reading it.

    Raises :class:`~argmap.errors.LoadError` with code ``not-found`` (missing, or a folder),
    ``too-large`` or ``io``, naming the path.
    """
    limit = MAX_BYTES if limit is None else limit
    try:
        size = path.stat().st_size
        if size > limit:
            raise LoadError(Problem(
                f"file is {size / 2**20:.1f} MiB, larger than argmap's limit of {limit // 2**20} MiB",
                path=path, hint="split the map, or check that this is the file you meant", code="too-large"))
        return path.read_bytes()
    except FileNotFoundError:
        raise LoadError(Problem("no such file", path=path, code="not-found")) from None
    except IsADirectoryError:
        raise LoadError(Problem("is a directory, not a file", path=path, code="not-found")) from None
    except OSError as exc:
        raise LoadError(Problem(f"cannot read: {exc.strerror or exc}", path=path, code="io")) from None


def decode(data: bytes | str, path: Path | None) -> str:
    """Text from UTF-8 bytes, decoded strictly, a leading byte-order mark dropped.

    A ``str`` is returned as it is (without a byte-order mark). Raises
    :class:`~argmap.errors.LoadError` (code ``encoding``) at the line and column (1-based,
    in characters) of the first byte that is not UTF-8, and (code ``too-large``) for more
    than :data:`MAX_BYTES` bytes.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > MAX_BYTES:
        raise LoadError(Problem(f"input is larger than argmap's limit of {MAX_BYTES // 2**20} MiB",
                                path=path, code="too-large"))
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start]
        line = good.count(b"\n") + 1
        column = len(good[good.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise LoadError(Problem(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} cannot start or continue a character",
            path=path, line=line, column=column,
            hint="save the file as UTF-8 (most editors offer this under 'Save with encoding')",
            code="encoding")) from None


def read_text(path: Path, *, limit: int | None = None) -> str:
    """A UTF-8 text file's content: :func:`read_bytes`, then :func:`decode` (a leading
    byte-order mark dropped, line breaks kept as they are).

    Raises :class:`~argmap.errors.LoadError` for a file that is missing, too large, unreadable
    or not UTF-8 (located at the first bad byte).
    """
    return decode(read_bytes(path, limit=limit), path)


def read_head(path: Path, size: int = 65536) -> bytes:
    """The first ``size`` bytes of a file, or ``b""`` where it cannot be read (for sniffing)."""
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def read_if_present(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes | None:
    """The bytes of a file, or None where it is missing, unreadable or larger than ``limit``
    bytes (default :data:`MAX_BYTES`): for files whose absence is normal, such as cache
    entries (named by a string, a thousand of them make no ``Path`` each). Never raises
    ``OSError``."""
    limit = MAX_BYTES if limit is None else limit
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def read_resource(package: str, name: str) -> str:
    """A text file shipped inside a package (``argmap/report/assets/report.css``), as UTF-8.

    Raises ``FileNotFoundError`` where the package does not hold it (a broken install).
    """
    from importlib.resources import files

    return files(package).joinpath(name).read_text(encoding="utf-8")


def sha256(path: Path) -> bytes:
    """The SHA-256 digest of a file's bytes; ``OSError`` where it cannot be read."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


_T = TypeVar("_T")


def _fresh(parent: Path, name: str, suffix: str, create: Callable[[Path], _T]) -> tuple[Path, _T]:
    """A new file or folder beside a target, under a name no one else uses, and what
    ``create`` gave for it."""
    while True:
        candidate = parent / f".{name}.{os.urandom(6).hex()}{suffix}"
        try:
            made = create(candidate)
        except FileExistsError:
            continue
        return candidate, made


def _new_file(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)


def _open_new(target: Path, parents: bool) -> tuple[Path, int]:
    """A new file beside ``target``, opened for writing (its descriptor); with ``parents``
    the folders on the way are made where the folder is missing, and only then (a cache
    writes thousands of entries into folders that exist)."""
    try:
        return _fresh(target.parent, target.name, ".tmp", _new_file)
    except FileNotFoundError:
        if not parents:
            raise
    target.parent.mkdir(parents=True, exist_ok=True)
    return _fresh(target.parent, target.name, ".tmp", _new_file)


def write_text(path: str | os.PathLike[str], text: str | bytes, *, parents: bool = False) -> Path:
    """Write a file atomically: a new file beside it, flushed to disk, then renamed over it.

    ``text`` is written as UTF-8 (``bytes`` as they are), newlines untouched; with
    ``parents``, missing folders on the way are created. Returns the path. Raises
    ``OSError`` where the folder is missing or cannot be written; the old file (or no file)
    is then left in place, never a partial one.
    """
    return write_bytes(path, text.encode("utf-8") if isinstance(text, str) else text, parents=parents)


def write_bytes(path: str | os.PathLike[str], data: bytes, *, parents: bool = False, sync: bool = True) -> Path:
    """Write bytes atomically, as :func:`write_text` does: a new file beside the target, then a
    rename over it, so that a reader sees the old file or the new one, never part of one (also
    where several processes write the same file at once: the last rename wins).

    ``sync=False`` leaves out the flush to disk before the rename, for files that may be lost
    in a crash but must never be read half-written (cache entries, whose reader checks them).
    Raises ``OSError`` where the folder is missing or cannot be written.
    """
    target = Path(path)
    tmp, fd = _open_new(target, parents)  # written through its descriptor: one open, no io layer
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def write_chunks(path: str | os.PathLike[str], chunks: Iterable[str], *, parents: bool = False,
                 sync: bool = True) -> Path:
    """Write text given in pieces atomically, as :func:`write_text` does, without joining it
    into one string first (a comparison of thousands of maps streams to its file).

    ``sync=False`` leaves out the flush to disk, as for :func:`write_bytes`. Raises
    ``OSError`` where the folder is missing or cannot be written, and whatever the pieces'
    iterator raises; in either case the old file (or no file) is left in place.
    """
    target = Path(path)
    tmp, fd = _open_new(target, parents)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def read_chunks(path: Path, size: int = 1 << 20) -> Iterator[str]:
    """A UTF-8 text file's text in pieces of at most ``size`` characters, for a file too large
    to read as one string (a corpus's metrics, made by another process). Raises ``OSError``
    where it cannot be read and ``UnicodeDecodeError`` for bytes that are not UTF-8."""
    with open(path, encoding="utf-8", newline="") as fh:
        while chunk := fh.read(size):
            yield chunk


def temporary_file(prefix: str, suffix: str) -> Path:
    """A new empty file in the temporary folder (:func:`tempfile.gettempdir`), for a caller
    (or another process) to write and :func:`remove` later. Raises ``OSError`` where the
    temporary folder cannot be written."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix)
    os.close(fd)
    return Path(name)


def remove(path: Path) -> None:
    """Remove a file where it is; nothing where it is not. Raises ``OSError`` where it cannot
    be removed."""
    path.unlink(missing_ok=True)


def replace_folder(path: str | os.PathLike[str], files: Mapping[str, str],
                   *, replaceable: Callable[[Path], bool]) -> Path:
    """Write ``files`` (plain file name -> UTF-8 text) as the folder ``path``, all at once.

    The files go into a new folder beside ``path``, which is then swapped in, so a failure
    leaves the old folder (or none). An existing ``path`` is replaced only where
    ``replaceable(path)`` says so (else ``FileExistsError``). Raises ``OSError`` where the
    folder cannot be written, ``NotADirectoryError`` where ``path`` is a file and
    ``ValueError`` for a name that is not a plain file name.
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(target))
    if target.is_dir() and not replaceable(target):
        raise FileExistsError(errno.EEXIST, "holds files this would lose", str(target))
    for name in files:
        if Path(name).name != name or name in ("", ".", ".."):
            raise ValueError(f"not a plain file name: {name!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp, _ = _fresh(target.parent, target.name, ".tmp", lambda p: p.mkdir(0o777))
    old: Path | None = None
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="\n")
        if target.exists():
            old, _ = _fresh(target.parent, target.name, ".old", lambda p: p.mkdir(0o700))
            old.rmdir()
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except BaseException:
            if old is not None:
                os.replace(old, target)
                old = None
            raise
    except BaseException:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        import shutil

        shutil.rmtree(old, ignore_errors=True)
    return target


def is_replaceable_folder(path: Path, marker: str, suffixes: tuple[str, ...], head_file: str) -> bool:
    """Whether a folder holds only files with ``suffixes`` (or nothing), and ``head_file``
    begins (in its first 4,000 characters) with ``marker``: the test for "an earlier output
    of ours", which may be replaced as a whole."""
    entries = list(path.iterdir())
    if not entries:
        return True
    if any(not p.is_file() or p.suffix not in suffixes for p in entries):
        return False
    head = read_head(path / head_file, 16000).decode("utf-8", "replace")[:4000]
    return marker in head
