"""The export folder: files written only when their bytes change, stale files removed, shared assets
copied once under a content hash.

A second export of a store that changed a little rewrites only the files whose content changed, so a
static host (or `rsync`, or git) uploads only those; `Output.counts` says how many were written,
left as they were and removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".city-sdg-export.json"
"""Every file the last export wrote (so the next one removes only its own stale files), and the
fingerprints of the pictures drawn (so an unchanged picture is not drawn again)."""
HASH_LENGTH = 12


OPTIONAL_END = re.compile(r"</(?:td|th|tr|li|thead|tbody|option)>")
SCRIPT = re.compile(r"(<script\b.*?</script>)", re.S)


def compact(html_text: str) -> str:
    """The HTML without the end tags that HTML lets a page leave out (`</td>`, `</th>`, `</tr>`,
    `</li>`, `</thead>`, `</tbody>`, `</option>`): the parser closes those elements at the next
    cell, row, item or the end of their parent, so the page is the same document. The pages write
    every table, list and select whole, so each such end tag is followed by what closes it anyway.
    A city page has about 1,100 of them (7 % of its bytes). Scripts are left as they are."""
    parts = SCRIPT.split(html_text)
    return "".join(part if i % 2 else OPTIONAL_END.sub("", part) for i, part in enumerate(parts))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Output:
    root: Path
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    size: int = 0
    files: set[str] = field(default_factory=set)
    previous: dict = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            self.previous = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.previous = {}

    def write(self, path: str, data: bytes | str) -> str:
        """Write `data` to `path` (relative, with /) unless the file already holds exactly it; an
        HTML page without its optional end tags (`compact`)."""
        if isinstance(data, str) and path.endswith(".html"):
            data = compact(data)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if path in self.files:
            raise ValueError(f"{path} written twice in one export")
        self.files.add(path)
        self.size += len(data)
        target = self.root / path
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                self.unchanged += 1
                return path
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
        self.written += 1
        return path

    def hashed(self, folder: str, name: str, data: bytes) -> str:
        """A shared file under a folder named by its content hash: a new content, a new address, so
        a host may cache it for ever."""
        return self.write(f"{folder}/{digest(data)[:HASH_LENGTH]}/{name}", data)

    def hashed_together(self, folder: str, files: dict[str, bytes]) -> str:
        """Files that are asked for by name from one folder (plotly's map topologies), in a folder
        named by the hash of them all; returns the folder's path."""
        together = b"".join(name.encode() + data for name, data in files.items())
        named = f"{folder}/{digest(together)[:HASH_LENGTH]}"
        for name, data in files.items():
            self.write(f"{named}/{name}", data)
        return named

    def keep(self, path: str) -> None:
        """A file left from the last export on purpose (a picture whose content did not change)."""
        self.files.add(path)
        target = self.root / path
        self.size += target.stat().st_size
        self.unchanged += 1

    def picture_unchanged(self, path: str, fingerprint: str) -> bool:
        self.fingerprints[path] = fingerprint
        old = self.previous.get("pictures", {}).get(path)
        return old == fingerprint and (self.root / path).is_file()

    def finish(self) -> None:
        """Remove the files the last export wrote and this one did not, then record this one's."""
        emptied = set()
        for path in self.previous.get("files", []):
            if path not in self.files:
                try:
                    (self.root / path).unlink()
                    self.removed += 1
                    emptied.update(Path(path).parents)
                except OSError:
                    pass
        # only the folders this removal emptied: the site's folder may be a git working copy, whose
        # empty .git/refs/tags went too, or hold a publisher's own empty folders
        for folder in sorted(emptied - {Path(".")}, key=lambda p: -len(p.parts)):
            with contextlib.suppress(OSError):  # not empty (another file of the site, or the publisher's)
                (self.root / folder).rmdir()
        manifest = {"files": sorted(self.files), "pictures": self.fingerprints}
        (self.root / MANIFEST).write_text(json.dumps(manifest, indent=0), encoding="utf-8")


def relative(source: str, target: str) -> str:
    """The link from the page at `source` to the file at `target` (both relative to the root)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")
