"""The picture pool: PNG/SVG of charts drawn by one headless Chromium per process (through Kaleido),
with a bounded number drawn at once, a bounded queue and a time limit, so a crowd asking for
pictures gets 503 + Retry-After instead of a pile of browsers."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import shutil
import threading
from dataclasses import dataclass, field

from dashboard import config
from dashboard.paths import ASSETS_DIR

log = logging.getLogger("city_sdg.pictures")
TOPOJSON = (ASSETS_DIR / "topojson").as_uri() + "/"
"""Map topology from this app's own files, given with each picture (no process-wide default)."""
START_SECONDS = 60.0


class RendererMissing(RuntimeError):
    """No Chromium to draw with."""


class PoolBusy(RuntimeError):
    """Every drawing slot and queue place is taken, or the picture took too long; try again later."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def chromium() -> str | None:
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser") \
        or shutil.which("google-chrome")


ATTEMPTS = 2
"""Tries of one picture: a browser that fails a drawing is restarted and the picture drawn again
once, so that a tab not ready yet (kaleido's "kaleido_scopes is not defined", seen once in a
full test run under load) costs the reader a restart, not an error."""


@dataclass
class PicturePool:
    """`workers` tabs of one browser draw at once; `queue` more requests may wait; each picture
    (waiting included) gets `seconds`."""

    workers: int
    queue: int
    seconds: float
    admitted: threading.BoundedSemaphore = field(init=False)
    started: threading.Lock = field(default_factory=threading.Lock, init=False)
    loop: asyncio.AbstractEventLoop | None = field(default=None, init=False)
    kaleido: object | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.admitted = threading.BoundedSemaphore(self.workers + self.queue)

    def retry_after(self) -> int:
        return max(1, int(self.seconds // 2))

    def _start(self) -> None:
        with self.started:
            if self.kaleido is not None:
                return
            path = chromium()
            if not path:
                raise RendererMissing("Chromium is not installed")
            os.environ.setdefault("BROWSER_PATH", path)
            import kaleido

            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="picture-pool", daemon=True).start()

            async def open_browser():
                browser = kaleido.Kaleido(n=self.workers, timeout=self.seconds, mathjax=False)
                await browser.open()
                return browser

            self.kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(START_SECONDS)
            self.loop = loop
            log.info("picture pool started: %d at once, %d waiting, %.0f s each (pid %d)",
                     self.workers, self.queue, self.seconds, os.getpid())

    def stop(self) -> None:
        """Close the browser (a crashed or stuck one is replaced on the next picture)."""
        with self.started:
            browser, loop, self.kaleido, self.loop = self.kaleido, self.loop, None, None
        if browser is None or loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
        except Exception as error:  # the browser may already be gone
            log.warning("closing the picture browser: %s", error)
        loop.call_soon_threadsafe(loop.stop)

    def draw(self, figure: dict, fmt: str, width: int, height: int) -> bytes:
        """The picture's bytes; PoolBusy when the pool is full or the picture runs out of time."""
        if not self.admitted.acquire(blocking=False):
            raise PoolBusy("the picture queue is full", self.retry_after())
        try:
            attempt = 1
            while True:
                self._start()
                assert self.loop is not None
                opts = {"format": fmt, "width": width, "height": height}
                job = asyncio.run_coroutine_threadsafe(
                    self.kaleido.calc_fig(figure, opts, topojson=TOPOJSON), self.loop)
                try:
                    return job.result(self.seconds)
                except (TimeoutError, concurrent.futures.TimeoutError) as error:
                    job.cancel()
                    raise PoolBusy("the picture took too long", self.retry_after()) from error
                except (RendererMissing, PoolBusy):
                    raise
                except Exception:
                    log.exception("drawing a picture failed (try %d of %d); the browser will be restarted",
                                  attempt, ATTEMPTS)
                    self.stop()
                    if attempt >= ATTEMPTS:
                        raise
                    attempt += 1
        finally:
            self.admitted.release()


def make_pool() -> PicturePool:
    workers, queue, seconds = config.picture_pool()
    return PicturePool(workers, queue, seconds)


pool = make_pool()
