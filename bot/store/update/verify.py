"""Checks on what a download brought: zip integrity, the members a release must hold, and
the header a provider's layout must have. Every failure is one line naming the file and,
for a changed layout, the unexpected and the missing columns."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
import zlib
from pathlib import Path

from bot.store.update.http import UpdateError, discard


def columns_error(name: str, found: list[str], expected: list[str], *, exact: bool = False) -> str | None:
    """None when ``found`` fits ``expected`` (all present; nothing else when ``exact``)."""
    missing = [c for c in expected if c not in found]
    unexpected = [c for c in found if c and c not in expected] if exact or missing else []
    if not missing and not unexpected:
        return None
    parts = []
    if unexpected:
        parts.append(f"unexpected column(s) {', '.join(repr(c) for c in unexpected)}")
    if missing:
        parts.append(f"missing column(s) {', '.join(repr(c) for c in missing)}")
    return f"{name}: the provider's layout changed: {'; '.join(parts)} (expected {','.join(expected)})"


def csv_header(path: Path) -> list[str]:
    with open(path, "r", encoding="utf-8-sig", errors="replace", newline="") as f:
        first = f.readline()
    return [c.strip() for c in next(csv.reader(io.StringIO(first)), [])]


def open_zip(path: Path, label: str) -> zipfile.ZipFile:
    """The zip's directory, or UpdateError (the file is deleted so the next run refetches it)."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        discard(path)
        raise UpdateError(f"{label}: {path.name} is not a valid zip ({exc}); it was deleted, run again to"
                          " download it anew") from None


def test_zip(zf: zipfile.ZipFile, path: Path, label: str) -> None:
    """Read every member and check its CRC (small zips: the World Bank's)."""
    try:
        bad = zf.testzip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        bad = f"({exc})"
    if bad is not None:
        zf.close()
        discard(path)
        raise UpdateError(f"{label}: {path.name} is damaged (member {bad} fails its CRC check); it was deleted,"
                          " run again to download it anew")


def extract(zf: zipfile.ZipFile, member: str, folder: Path, path: Path, label: str) -> Path:
    """Stream one member to ``folder`` (no whole-file read: BACI members are GBs); its CRC is
    checked as it is read."""
    out = folder / Path(member).name
    try:
        with zf.open(member) as src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        out.unlink(missing_ok=True)
        zf.close()
        discard(path)
        raise UpdateError(f"{label}: {path.name} is damaged ({member}: {exc}); it was deleted, run again to"
                          " download it anew") from None
    return out
