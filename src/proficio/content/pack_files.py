"""Reading a pack's files from its folder or zip: regular files inside the pack, nothing else.

A pack comes from an author, so it may hold what no course needs: a symbolic link to
`/proc/self/environ` or to the server's secret key, a device, a FIFO, a damaged or encrypted
zip. Each is reported as `file:line: message` and nothing of the pack is imported. Links are
never followed while walking a folder; every folder and file is opened with O_NOFOLLOW and must
be, on the open handle, the regular file (or folder) with the inode the walk listed, so one
swapped for a link meanwhile is refused too.
The pack's own path may be a link (an operator naming `courses/current`): it is the operator's
choice, so it is followed; nothing inside it is.
"""

import errno
import lzma
import os
import posixpath
import stat
import zipfile
import zlib
from pathlib import Path

from .pack_yaml import Problem

MAX_FILES = 5000
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_PACK_BYTES = 100 * 1024 * 1024
# What a zip entry may be compressed with: what Python's zipfile reads without extra libraries.
READABLE_COMPRESSION = {
    zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA
}  # fmt: skip
_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
}
_ONLY_FILES = "a pack holds only regular files and folders"


class PackError(Exception):
    """A pack that cannot be imported; `problems` holds every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def read_pack_files(path: Path) -> dict[str, bytes]:
    """The pack's files by their path inside the pack (`course.yaml`, `exercises/x.yaml`…)."""
    if path.is_dir():
        return _read_folder(path)
    if path.is_file() and zipfile.is_zipfile(path):
        return _read_zip(path)
    if path.exists():
        raise PackError([Problem(str(path), 1, "not a folder or a .zip file")])
    raise PackError([Problem(str(path), 1, "no such folder or file")])


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


# --- folders ---------------------------------------------------------------------------------


def _read_folder(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    total = 0
    for name, path, inode in _walk(root, problems):
        data = _read_regular_file(path, inode, name, problems)
        if data is None:
            continue
        total += len(data)
        if len(data) > MAX_FILE_BYTES or total > MAX_PACK_BYTES:
            raise PackError([Problem(name, 1, "file too large for a content pack")])
        files[name] = data
    if problems:
        raise PackError(sorted(problems, key=lambda problem: problem.file))
    return files


def _walk(root: Path, problems: list[Problem]) -> list[tuple[str, Path, int]]:
    """Every regular file under `root` (hidden ones left out) with its inode, never following
    a link. Each folder is opened without following links and must be the very folder (the
    same inode) its parent listed, so a folder swapped for a link meanwhile is not walked."""
    found: list[tuple[str, Path, int]] = []
    # A list, not recursion: a hostile pack may nest folders deeply.
    folders: list[tuple[Path, str, int | None]] = [(root, "", None)]
    while folders:
        folder, prefix, inode = folders.pop()
        entries = _list_folder(folder, inode, prefix.rstrip("/") or str(root), problems)
        for entry_name, mode, entry_inode in entries:
            if len(found) + len(folders) > MAX_FILES:
                raise PackError([Problem(str(root), 1, f"more than {MAX_FILES} files")])
            name = prefix + entry_name
            if entry_name.startswith("."):
                continue
            if stat.S_ISDIR(mode):
                folders.append((folder / entry_name, name + "/", entry_inode))
            elif stat.S_ISREG(mode):
                found.append((name, folder / entry_name, entry_inode))
            else:
                problems.append(Problem(name, 1, f"is {_kind(mode)}; {_ONLY_FILES}"))
    return sorted(found)


def _list_folder(
    folder: Path, inode: int | None, name: str, problems: list[Problem]
) -> list[tuple[str, int, int]]:
    """The (name, mode, inode) of each entry of the folder, none of them followed."""
    # The pack's own folder (inode None) may be a link: the operator named it.
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    if inode is not None:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(folder, flags)
    except OSError as error:
        problems.append(Problem(name, 1, _open_failure(error)))
        return []
    try:
        if inode is not None and os.fstat(descriptor).st_ino != inode:
            problems.append(Problem(name, 1, "changed while the pack was read; try again"))
            return []
        with os.scandir(descriptor) as entries:
            return [
                (entry.name, entry.stat(follow_symlinks=False).st_mode, entry.inode())
                for entry in entries
            ]
    finally:
        os.close(descriptor)


def _read_regular_file(path: Path, inode: int, name: str, problems: list[Problem]) -> bytes | None:
    # O_NONBLOCK: a file replaced by a FIFO since the walk must not hang the open.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        problems.append(Problem(name, 1, _open_failure(error)))
        return None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            problems.append(Problem(name, 1, f"is {_kind(status.st_mode)}; {_ONLY_FILES}"))
            return None
        if status.st_ino != inode:
            problems.append(Problem(name, 1, "changed while the pack was read; try again"))
            return None
        # Sizes are checked on what is read: some files (those of /proc) stat as 0 bytes.
        return handle.read(MAX_FILE_BYTES + 1)


def _open_failure(error: OSError) -> str:
    if error.errno in (errno.ELOOP, errno.ENOTDIR):  # it became a link after the walk
        return f"is a symbolic link; {_ONLY_FILES}"
    return f"cannot be read: {error.strerror}"


# --- zips ------------------------------------------------------------------------------------


def _read_zip(path: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    total = 0
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise PackError([Problem(str(path), 1, f"damaged zip: {error}")]) from error
    with archive:
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
        if len(entries) > MAX_FILES:
            raise PackError([Problem(str(path), 1, f"more than {MAX_FILES} files")])
        for entry in entries:
            name = posixpath.normpath(entry.filename)
            if name.startswith(("/", "../")) or name == "..":
                raise PackError([Problem(str(path), 1, f"unsafe path in the zip: {name}")])
            if (refusal := _zip_entry_refusal(entry)) is not None:
                problems.append(Problem(name, 1, refusal))
                continue
            # Sizes in the zip's directory can lie, so the bound is checked on what is read.
            total += entry.file_size
            if entry.file_size > MAX_FILE_BYTES or total > MAX_PACK_BYTES:
                raise PackError([Problem(f"{path}:{name}", 1, "file too large for a pack")])
            data = _read_zip_entry(archive, entry, name, problems)
            if data is None:
                continue
            if len(data) > MAX_FILE_BYTES:
                raise PackError([Problem(f"{path}:{name}", 1, "file too large for a pack")])
            if name in files:
                problems.append(Problem(name, 1, "is in the zip twice"))
            files[name] = data
    if problems:
        raise PackError(problems)
    if "course.yaml" not in files:
        # A zip of the folder itself holds `arithmetic/course.yaml`: strip that one folder.
        tops = {name.split("/", 1)[0] for name in files if "/" in name}
        if len(tops) == 1 and f"{next(iter(tops))}/course.yaml" in files:
            prefix = next(iter(tops)) + "/"
            files = {name.removeprefix(prefix): data for name, data in files.items()}
    return files


def _zip_entry_refusal(entry: zipfile.ZipInfo) -> str | None:
    """Why an entry cannot be part of a pack, read from its header; None when it can."""
    mode = entry.external_attr >> 16  # the Unix mode, when the zip was made on Unix
    if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
        return f"is {_kind(mode)} in the zip; {_ONLY_FILES}"
    if entry.flag_bits & 0x1:
        return "is encrypted in the zip; zip the pack without a password"
    if entry.compress_type not in READABLE_COMPRESSION:
        return (
            f"uses a compression method this server cannot read (number {entry.compress_type}); "
            "zip the pack with the usual 'deflate' method"
        )
    return None


def _read_zip_entry(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, problems: list[Problem]
) -> bytes | None:
    """The entry's bytes, checked against its CRC and size; None (and a problem) if damaged."""
    try:
        with archive.open(entry) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except (
        zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, EOFError, ValueError, RuntimeError
    ) as error:  # fmt: skip
        # A bad CRC or header is BadZipFile; bz2's errors are OSError; a password, RuntimeError.
        problems.append(Problem(name, 1, f"is damaged in the zip: {error}"))
        return None
    except NotImplementedError as error:
        problems.append(Problem(name, 1, f"cannot be read from the zip: {error}"))
        return None
    if len(data) <= MAX_FILE_BYTES and len(data) != entry.file_size:
        problems.append(
            Problem(
                name, 1,
                f"is damaged in the zip: it holds {len(data)} bytes where the zip says "
                f"{entry.file_size}",
            )
        )  # fmt: skip
        return None
    return data
