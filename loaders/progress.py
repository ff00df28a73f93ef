"""Progress of long work (import, scoring): a bar on a terminal, a line every few seconds in
logs and cron mails, nothing with --quiet."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

LOG_EVERY = 5.0
"""Seconds between lines when the output is not a terminal."""


class Progress:
    """Hands out one reporter per stage: `reporter(done, total)` is called as work advances."""

    def __init__(self, quiet: bool = False, stream=None, interactive: bool | None = None):
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.bar = None

    def stage(self, label: str, unit: str = "rows") -> Callable[[int, int], None]:
        """A reporter for one stage; `total` may be 0 when unknown."""
        self.close()
        if self.quiet:
            return lambda done, total: None
        if self.interactive:
            return self.bar_reporter(label, unit)
        return self.line_reporter(label, unit)

    def bar_reporter(self, label: str, unit: str) -> Callable[[int, int], None]:
        from tqdm import tqdm

        self.bar = tqdm(desc=label, unit=f" {unit}", unit_scale=True, file=self.stream, leave=False)
        bar = self.bar

        def report(done: int, total: int) -> None:
            if total and bar.total != total:
                bar.total = total
            bar.update(done - bar.n)

        return report

    def line_reporter(self, label: str, unit: str) -> Callable[[int, int], None]:
        started = time.monotonic()
        last = [started]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] < LOG_EVERY and not (total and done >= total):
                return
            last[0] = now
            rate = done / max(now - started, 1e-9)
            of = f" of {total:,}" if total else ""
            left = f", about {(total - done) / rate:.0f} s left" if total and rate and done < total else ""
            print(f"{label}: {done:,}{of} {unit} ({per_second(rate)}/s{left})", file=self.stream, flush=True)

        return report

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def per_second(rate: float) -> str:
    """'12,345', '2.5' or '0.23': a slow stage (scoring's partitions) is not shown as 0 a second."""
    return f"{rate:,.0f}" if rate >= 10 else f"{rate:.2g}"


SILENT = Progress(quiet=True)
