"""Open the ZIP containers of DOCX, ODT and EPUB files without trusting them.

A zip bomb is a few kilobytes that inflate to gigabytes. Python's ``zipfile`` never returns more
than the size a member declares, so checking the declared sizes before anything is read caps
what any reader (ours or python-docx) can inflate.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from article_summariser.engine.errors import InputError

#: Most bytes all members together may inflate to.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
#: Most bytes one member may inflate to.
MAX_MEMBER_BYTES = 100 * 1024 * 1024
#: Highest inflation ratio accepted for members bigger than ``RATIO_FLOOR`` bytes.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 20_000


def open_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """``data`` as a ZIP archive, or ``InputError`` for a damaged archive or a zip bomb."""
    from article_summariser.engine.loading import human_size

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # an unknown zip version or compression method
        RuntimeError,
        struct.error,
        OSError,
        ValueError,
        EOFError,
    ):
        raise InputError(
            f"{name} is not a readable {kind} file: the file is damaged or incomplete."
        ) from None
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{name} holds {len(members)} parts: too many for a {kind} file.")
    total = sum(m.file_size for m in members)
    biggest = max((m.file_size for m in members), default=0)
    bomb = (
        total > MAX_UNPACKED_BYTES
        or biggest > MAX_MEMBER_BYTES
        or any(
            m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(1, m.compress_size)
            for m in members
        )
    )
    if bomb:
        raise InputError(
            f"{name} would unpack to {human_size(total)}: refused, as it looks like a "
            "zip bomb rather than a document."
        )
    return archive


def read_member(archive: zipfile.ZipFile, member: str, name: str, kind: str) -> bytes:
    """The bytes of one member, with a missing or damaged member as ``InputError``."""
    try:
        return archive.read(member)
    except KeyError:
        raise InputError(f"{name} is not a valid {kind} file: “{member}” is missing.") from None
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ):
        raise InputError(
            f"{name} is not a readable {kind} file: the file is damaged or incomplete."
        ) from None
