"""An import that runs out of disk space (ulimit -f) or is killed in the middle of writing leaves the
store as it was: the same current version, readable, and no half-written version listed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from loaders import schema
from loaders.store import Store

WRITE = textwrap.dedent("""
    import os, resource, signal, sys
    import numpy as np
    import pandas as pd
    from loaders import schema
    from loaders.store import Store

    way, root = sys.argv[1], sys.argv[2]
    rows = 300_000
    observations = pd.DataFrame({"place_id": [f"p{i % 500}" for i in range(rows)], "indicator_id": "i",
                                 "year": 2000 + np.arange(rows) % 25,
                                 "value": np.random.default_rng(1).random(rows),
                                 "breakdown": [f"b{i}" for i in range(rows)]})
    tables = {"places": schema.conform("places", pd.DataFrame({"place_id": ["p0"], "name": ["P"]})),
              "observations": schema.conform("observations", observations)}
    if way == "disk-full":
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    else:
        written = []
        original = pd.DataFrame.to_parquet
        def write_then_die(frame, path, *args, **kwargs):
            written.append(path)
            if len(written) == 2:  # the first table is on disk, the second half-way: die now
                with open(path, "wb") as handle:
                    handle.write(b"PAR1 half")
                os.kill(os.getpid(), signal.SIGKILL)
            return original(frame, path, *args, **kwargs)
        pd.DataFrame.to_parquet = write_then_die
    Store(root).write(tables, {"note": "cut short"})
""")


@pytest.mark.parametrize("way", ["disk-full", "killed"])
def test_a_write_cut_short_leaves_the_store_unchanged(tmp_path, way):
    store = Store(tmp_path / "store")
    places = schema.conform("places", pd.DataFrame({"place_id": ["a"], "name": ["A"]}))
    first = store.write({"places": places}, {"note": "first"})
    done = subprocess.run([sys.executable, "-c", WRITE, way, str(store.root)], capture_output=True, text=True)
    assert done.returncode != 0
    if way == "disk-full":
        assert "File too large" in done.stderr or "Errno 27" in done.stderr, done.stderr[-500:]
    assert store.current_version() == first
    assert [v["version"] for v in store.versions()] == [first]
    assert store.read().places["place_id"].tolist() == ["a"]
    leftovers = [p.name for p in (store.root / "versions").iterdir() if p.name.startswith(".incoming-")]
    # a failed write removes its folder; a killed one leaves it unlisted until a later write cleans it
    assert len(leftovers) == (0 if way == "disk-full" else 1)
