"""A pack holds regular files only: links, devices, FIFOs and damaged zips are problems."""

import os
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.processes import run_proficio

from proficio.content.models import Article, Course
from proficio.content.packs import PackError, load_pack
from proficio.content.services import import_pack

WritePack = Callable[..., Path]
ONLY_FILES = "a pack holds only regular files and folders"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(PackError) as raised:
        load_pack(path)
    return [str(problem) for problem in raised.value.problems]


# --- folders ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["/proc/self/environ", "../../secret_key"], ids=["a /proc file", "a file outside"]
)
def test_a_linked_article_is_refused_and_nothing_is_imported(
    write_pack: WritePack, tmp_path: Path, target: str
) -> None:
    (tmp_path / "secret_key").write_text("very secret")
    pack = write_pack(articles={})
    (pack / "articles" / "counting-on.md").symlink_to(target)
    assert problems_of(pack) == [f"articles/counting-on.md:1: is a symbolic link; {ONLY_FILES}"]
    with pytest.raises(PackError):
        import_pack(path=pack)
    assert not Course.objects.exists() and not Article.objects.exists()


def test_a_linked_folder_is_refused_not_walked(write_pack: WritePack, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "extra.md").write_text("# Not part of the pack")
    pack = write_pack()
    (pack / "articles" / "more").symlink_to(outside)
    assert problems_of(pack) == [f"articles/more:1: is a symbolic link; {ONLY_FILES}"]


def test_a_fifo_is_refused_without_hanging(write_pack: WritePack) -> None:
    pack = write_pack()
    os.mkfifo(pack / "articles" / "pipe.md")
    assert problems_of(pack) == [f"articles/pipe.md:1: is a FIFO (named pipe); {ONLY_FILES}"]


def test_every_refused_entry_is_reported_at_once(write_pack: WritePack) -> None:
    pack = write_pack()
    (pack / "exercises" / "linked.yaml").symlink_to(pack / "exercises" / "add-big.yaml")
    os.mkfifo(pack / "articles" / "pipe.md")
    assert problems_of(pack) == [
        f"articles/pipe.md:1: is a FIFO (named pipe); {ONLY_FILES}",
        f"exercises/linked.yaml:1: is a symbolic link; {ONLY_FILES}",
    ]


def test_a_linked_pack_folder_is_followed_once(write_pack: WritePack, tmp_path: Path) -> None:
    # The operator names the pack: a link to its folder is their choice, its insides are not.
    (tmp_path / "current").symlink_to(write_pack())
    assert load_pack(tmp_path / "current").slug == "sample"


def test_hidden_files_and_folders_are_left_out(write_pack: WritePack) -> None:
    pack = write_pack()
    (pack / ".git" / "objects" / "ab").mkdir(parents=True)
    (pack / ".git" / "objects" / "ab" / "cd").write_bytes(b"\xff\xfe")
    (pack / ".notes.md").symlink_to("/proc/self/environ")
    assert load_pack(pack).slug == "sample"


# --- zips ------------------------------------------------------------------------------------


def zip_of(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return target


def patch_entry(target: Path, name: str, **fields: int) -> None:
    """Change fields of `name`'s headers in place (flags, method, size), as a damaged zip has."""
    data = bytearray(target.read_bytes())
    encoded = name.encode()
    # (offset in the local header, offset in the central directory, struct format)
    offsets = {"flags": (6, 8, "<H"), "method": (8, 10, "<H"), "size": (22, 24, "<I")}
    for signature, at in ((b"PK\x03\x04", 0), (b"PK\x01\x02", 1)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if at == 0 else 46)
            if data[name_at : name_at + len(encoded)] == encoded:
                for field, value in fields.items():
                    struct.pack_into(offsets[field][2], data, start + offsets[field][at], value)
            start += 4
    target.write_bytes(bytes(data))


def test_a_symbolic_link_in_a_zip_is_refused(write_pack: WritePack, tmp_path: Path) -> None:
    target = zip_of(write_pack(), tmp_path / "linked.zip")
    with zipfile.ZipFile(target, "a") as archive:
        link = zipfile.ZipInfo("articles/environ.md")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/proc/self/environ")
    assert problems_of(target) == [
        f"articles/environ.md:1: is a symbolic link in the zip; {ONLY_FILES}"
    ]


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ({"flags": 1}, "is encrypted in the zip; zip the pack without a password"),
        ({"method": 99}, "uses a compression method this server cannot read (number 99)"),
        ({"size": 3}, "is damaged in the zip"),
    ],
    ids=["encrypted", "unknown compression", "wrong size"],
)
def test_a_damaged_zip_entry_is_a_problem(
    write_pack: WritePack, tmp_path: Path, damage: dict[str, int], problem: str
) -> None:
    target = zip_of(write_pack(), tmp_path / "damaged.zip")
    patch_entry(target, "articles/counting-on.md", **damage)
    (reported,) = problems_of(target)
    assert reported.startswith(f"articles/counting-on.md:1: {problem}"), reported


@pytest.mark.django_db
def test_a_zip_with_a_bad_crc_is_a_problem_and_imports_nothing(
    write_pack: WritePack, tmp_path: Path
) -> None:
    target = zip_of(write_pack(), tmp_path / "bad-crc.zip")
    data = bytearray(target.read_bytes())
    data[data.find(b"slug: sample")] = ord("S")
    target.write_bytes(bytes(data))
    assert problems_of(target) == [
        "course.yaml:1: is damaged in the zip: Bad CRC-32 for file 'course.yaml'"
    ]
    with pytest.raises(PackError):
        import_pack(path=target)
    assert not Course.objects.exists()


def test_check_reports_a_damaged_zip_without_a_traceback(
    write_pack: WritePack, tmp_path: Path
) -> None:
    target = zip_of(write_pack(), tmp_path / "damaged.zip")
    patch_entry(target, "course.yaml", method=99)
    checked = run_proficio("check", str(target), home=tmp_path / "home")
    assert checked.returncode == 1
    assert checked.stdout.startswith("course.yaml:1: uses a compression method"), checked.stdout
    assert "Traceback" not in checked.stderr and "nothing can be imported" in checked.stderr
    imported = run_proficio("import", str(target), home=tmp_path / "home")
    assert imported.returncode == 1 and "Traceback" not in imported.stderr
    assert "nothing was changed" in imported.stderr


def test_a_truncated_zip_is_a_problem(write_pack: WritePack, tmp_path: Path) -> None:
    target = zip_of(write_pack(), tmp_path / "cut.zip")
    data = target.read_bytes()
    # Keep the directory at the end, lose the start of the first file.
    target.write_bytes(b"\0" * 40 + data[40:])
    (reported,) = problems_of(target)
    assert "damaged" in reported, reported
