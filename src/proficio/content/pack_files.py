"""Reading a pack's files from its folder or zip: regular files inside the pack, nothing else.

A pack comes from an author, so it may hold what no course needs: a symbolic link to
`/proc/self/environ` or to the server's secret key, a device, a FIFO, a damaged or encrypted
zip. Each is reported as `file:line: message` and nothing of the pack is read on. Links are
never followed while walking a folder, and every file is opened with O_NOFOLLOW and checked
to be a regular file on the open handle, so a file swapped for a link meanwhile is refused too.
The pack's own path may be a link (an operator naming `courses/current`): it is the operator's
choice, so it is followed; nothing inside it is.
"""

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
    for name, entry in _walk(root, problems):
        data = _read_regular_file(entry, name, problems)
        if data is None:
            continue
        total += len(data)
        if len(data) > MAX_FILE_BYTES or total > MAX_PACK_BYTES:
            raise PackError([Problem(name, 1, "file too large for a content pack")])
        files[name] = data
    if problems:
        raise PackError(problems)
    return files


def _walk(root: Path, problems: list[Problem]) -> list[tuple[str, Path]]:
    """Every regular file under `root` (hidden ones left out), never following a link."""
    found: list[tuple[str, Path]] = []
    folders = [(root, "")]  # a list, not recursion: a hostile pack may nest folders deeply
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if len(found) + len(folders) > MAX_FILES:
                    raise PackError([Problem(str(root), 1, f"more than {MAX_FILES} files")])
                name = prefix + entry.name
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append((Path(entry.path), name + "/"))
                elif entry.is_file(follow_symlinks=False):
                    found.append((name, Path(entry.path)))
                else:
                    kind = _kind(entry.stat(follow_symlinks=False).st_mode)
                    problems.append(Problem(name, 1, f"is {kind}; {_ONLY_FILES}"))
    problems.sort(key=lambda problem: problem.file)
    return sorted(found)


def _read_regular_file(path: Path, name: str, problems: list[Problem]) -> bytes | None:
    # O_NONBLOCK: a file replaced by a FIFO since the walk must not hang the open.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:  # ELOOP: it became a link after the walk
        problems.append(Problem(name, 1, f"cannot be opened as a regular file; {_ONLY_FILES}"))
        return None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            problems.append(Problem(name, 1, f"is {_kind(mode)}; {_ONLY_FILES}"))
            return None
        # Sizes are checked on what is read: some files (those of /proc) stat as 0 bytes.
        return handle.read(MAX_FILE_BYTES + 1)


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
