"""``tradefacts data import``: add downloaded files to an existing store, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from bot.store import db
from bot.store.importers import FORMATS
from bot.store.importers.base import ImportFailure, ImportReport


class UnknownFormat(ValueError):
    pass


def import_files(store: Path, fmt: str, files: list[Path], *, progress: bool = True,
                 log: Callable[[str], None] = print) -> list[ImportReport]:
    """Import ``files`` in format ``fmt`` into ``store`` in ONE transaction.

    Any failure (bad file, bad row, duplicate key, Ctrl-C) rolls back every file of the call:
    the store is left exactly as it was.
    """
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown format {fmt!r}; known formats: {', '.join(sorted(FORMATS))}")
    for f in files:
        if not Path(f).is_file():
            raise ImportFailure(f, "file not found")
    conn = db.connect_rw(store)
    reports = []
    try:
        with db.transaction(conn):
            before = _file_records(conn)
            for f in files:
                report = FORMATS[fmt].load(conn, Path(f), progress=progress)
                reports.append(report)
                log(report.summary())
            touched = {sid for sid, *_ in _file_records(conn) - before}
            touched |= {sid.strip() for r in reports for sid in r.source_id.split(",")}
            db.refresh_coverage(conn, touched)  # recount only the sources this call touched
            db.set_meta(conn, "last_import_at", db.now_utc())
    finally:
        conn.close()
    return reports


def _file_records(conn) -> set[tuple]:
    """The provenance rows (one per source and file): those that change name the sources an
    import touched, so the row counts of the others need not be recounted."""
    return set(conn.execute("SELECT source_id, file_name, sha256, rows, skipped, imported_at FROM source_files"))
