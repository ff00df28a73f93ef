"""The nightly batch job docs/national-imports.md gives, run as written (paths aside)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import CITY_MAPPING

ROOT = Path(__file__).resolve().parents[1]


def test_the_documented_nightly_job_prunes_and_passes_on_a_night_with_a_rejected_row(tmp_path):
    """With `set -e`, a night with one rejected row (exit 1, a normal night) ended the script before
    `store prune`, so the versions piled up until the disk was full."""
    text = (ROOT / "docs" / "national-imports.md").read_text(encoding="utf-8")
    script = re.search(r"```sh\n(#!/bin/sh\n.*?)```", text, re.S).group(1)
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    (extracts / "municipal-indicators.yml").write_text(CITY_MAPPING, encoding="utf-8")
    script = (script.replace("/srv/sdg-store", str(tmp_path / "store")).replace("/opt/city-sdg", str(ROOT))
              .replace("/data/extracts", str(extracts)).replace("/var/log", str(tmp_path))
              .replace("--keep 14", "--keep 1"))
    job = tmp_path / "job.sh"
    job.write_text(script, encoding="utf-8")
    for night, value in enumerate(("5", "6")):
        (extracts / "municipal-indicators.csv").write_text(
            "City,Country,Indicator,Year,Value\n"
            f"Nairobi,KE,pm25,2020,{value}\nMombasa,KE,pm25,not a year,7\n", encoding="utf-8")
        done = subprocess.run(["sh", str(job)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 1, done.stderr  # some rows rejected: passed on to the scheduler
        versions = [p for p in (tmp_path / "store" / "versions").iterdir() if not p.name.startswith(".")]
        assert len(versions) == 1, (night, done.stdout)  # pruned to the one kept, both nights
