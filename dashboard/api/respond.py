"""Rows to HTTP responses: one page of them as JSON (with its envelope) or CSV, with paging links."""

from __future__ import annotations

import json
import math
from urllib.parse import urlencode

import numpy as np
import pandas as pd
from flask import Response, request

from dashboard import config

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is a formula to a spreadsheet (a place named
`+cmd|' /C calc'!A0`, a project title from an outside list): CSV writes it after an apostrophe,
which spreadsheets show as text and do not display."""

BOM = "\ufeff"
"""Every CSV starts with UTF-8's byte order mark: Excel reads a file without it in the computer's
own code page ("PotosÃ­", "WaldÃ¶kosysteme"); pandas, R and csv readers that decode `utf-8-sig`
skip it."""


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each text cell that a spreadsheet would run as a formula (`FORMULA_STARTS`)
    kept as text; the frame itself when there is none (numbers are never touched)."""
    changed = {}
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):  # its few categories, not its rows
            names = pd.Series(values.cat.categories)
            if names.dtype.kind not in "OUST" and not isinstance(names.dtype, pd.StringDtype):
                continue
            texts = names.astype("string")
            risky = texts.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(bool)
            if risky.any():
                safe = texts.where(~risky, "'" + texts)
                changed[column] = (values.cat.rename_categories(safe.tolist()) if safe.is_unique
                                   else values.astype("string").map(dict(zip(texts, safe, strict=True))))
        elif values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            texts = values.astype("string")
            risky = texts.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(bool)
            if risky.any():
                changed[column] = texts.where(~risky, "'" + texts)
    return frame.assign(**changed) if changed else frame


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns whose every value is whole (populations, jobs, counts) as integers, so that CSV
    writes 6435 and not 6435.0; the frame itself when there is none."""
    changed = {}
    for column in frame.columns:
        values = frame[column]
        if not pd.api.types.is_float_dtype(values.dtype):
            continue
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
        known = numbers[~np.isnan(numbers)]
        if len(known) and np.all(np.abs(known) < 2 ** 53) and np.all(known == np.floor(known)):
            changed[column] = values.astype("Int64")
    return frame.assign(**changed) if changed else frame


def csv_text(frame: pd.DataFrame) -> str:
    """The rows as CSV for people as well as programs: with a byte order mark (`BOM`), no cell a
    spreadsheet would run (`spreadsheet_safe`), and whole numbers without a decimal (`whole_numbers`)."""
    return BOM + whole_numbers(spreadsheet_safe(frame)).to_csv(index=False)


def records(frame: pd.DataFrame) -> str:
    """The rows as JSON records, every float in its shortest exact form (Python's repr, as CSV
    writes it: 42.1, not the 42.100000000000001 of pandas' `double_precision=15`, which also loses
    the last digits of a value like 27.874999999999993); other values as pandas writes them."""
    if not len(frame.columns):
        return "[]"
    text = frame.to_json(orient="records", force_ascii=False, double_precision=15)
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c].dtype)]
    if not floats:
        return text
    rows = json.loads(text)
    for column in floats:
        key = str(column)
        values = frame[column].to_numpy(dtype=float, na_value=np.nan).tolist()
        for row, value in zip(rows, values, strict=True):
            row[key] = value if math.isfinite(value) else None
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def page(frame: pd.DataFrame, positions: np.ndarray | None, limit: int | None, offset: int) -> pd.DataFrame:
    """Rows offset..offset+limit of the frame (or of its rows at `positions`)."""
    stop = None if limit is None else offset + limit
    if positions is None:
        return frame.iloc[offset:stop]
    return frame.iloc[positions[offset:stop]]


def next_url(args: dict[str, str], version: str, total: int, limit: int | None, offset: int) -> str | None:
    """The next page, pinned to the version served so that paging never mixes two versions."""
    if limit is None or limit == 0 or offset + limit >= total:
        return None
    query = {**args, "version": version, "limit": str(limit), "offset": str(offset + limit)}
    return f"{config.public_url(request.root_url)}{request.path}?{urlencode(query)}"


def rows(frame: pd.DataFrame, meta: dict, fmt: str, filename: str, pinned: bool) -> Response:
    """`frame` is the page; `meta` holds version, total, limit, offset and next."""
    if fmt == "csv":
        response = Response(csv_text(frame), content_type="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    else:
        envelope = {**meta, "count": len(frame), "columns": [str(c) for c in frame.columns]}
        body = '{"data":' + records(frame) + ',"meta":' + json.dumps(envelope, ensure_ascii=False) + "}"
        response = Response(body, content_type="application/json")
    response.headers["X-Total-Count"] = str(meta["total"])
    response.headers["X-Data-Version"] = meta["version"]
    if meta.get("next"):
        response.headers["Link"] = f'<{meta["next"]}>; rel="next"'
    # a pinned version never changes; the current one may change with the next import
    response.headers["Cache-Control"] = "public, max-age=86400, immutable" if pinned else "public, max-age=60"
    return response


def document(body: dict, version: str | None = None) -> Response:
    response = Response(json.dumps(body, ensure_ascii=False, default=str), content_type="application/json")
    if version:
        response.headers["X-Data-Version"] = version
    return response
