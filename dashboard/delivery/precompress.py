"""Brotli and gzip copies of static files, written once per file content into the cache folder.

A file is compressed the first time it is asked for (or when the app warms up), at the highest
level, and the copy is kept under the file's content hash; every later request sends that copy.
Writes go beside the target and are renamed into place, so parallel workers never see half a file.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import brotli

from dashboard import config

ENCODINGS = {"br": "br", "gzip": "gz"}
"""Content-Encoding name -> suffix of the cached copy, in order of preference."""
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _fresh_locks() -> None:
    """A forked worker starts with no lock held: the process it was forked from may have been
    compressing (its warm-up thread, which the worker does not have) at that moment."""
    global _locks_guard
    _locks.clear()
    _locks_guard = threading.Lock()


os.register_at_fork(after_in_child=_fresh_locks)


@lru_cache(maxsize=1024)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, computed once per (path, modification time, size)."""
    stat = path.stat()
    return _digest(str(path), stat.st_mtime_ns, stat.st_size)


def compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=11)
    return gzip.compress(data, compresslevel=9, mtime=0)


def cache_folder() -> Path:
    return config.cache_dir() / "static"


def _lock(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def encoded(path: Path, encoding: str, folder: Path | None = None) -> Path:
    """The cached `encoding` copy of `path` in `folder` (default: the configured one), compressing
    it now if this content has none yet."""
    key = f"{digest(path)}.{ENCODINGS[encoding]}"
    target = (folder or cache_folder()) / key
    if target.exists():
        return target
    with _lock(key):
        if target.exists():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        body = compress(path.read_bytes(), encoding)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{key}.")
        with os.fdopen(handle, "wb") as file:
            file.write(body)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    return target


def warm(paths: list[Path], folder: Path) -> None:
    """Compress every file in `paths` in both encodings into `folder` (a no-op for contents already
    done). The folder is found by the caller when the app is made: this runs in a background thread,
    which must not read the settings later (a test changing the environment for its next app would
    otherwise race with it). A folder that cannot be written (full, read only, removed meanwhile)
    ends the warming with one warning: requests still compress on demand, or send files as they are."""
    try:
        for path in paths:
            for encoding in ENCODINGS:
                encoded(path, encoding, folder)
    except OSError as error:
        logging.getLogger(__name__).warning("warming the compressed static files stopped: %s", error)
