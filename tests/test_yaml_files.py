"""The YAML files an import reads (a mapping, a rename file, rates, Open SDG metadata): aliases are
refused with their line, and a file that is not YAML is one sentence, not pyyaml's dump."""

from __future__ import annotations

import time

import pytest
import yaml

from loaders import yamltext
from loaders.mapped.mapping import load as read_mapping
from loaders.renames import parse_renames
from loaders.report import LoadError

BOMB = "\n".join(
    ["place: {column: city}", "year: {column: year}", "value: {column: v}", "indicators:",
     '  "a": {description: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]}']
    + [f'  "x{n}": {{description: &a{n} [{",".join([f"*a{n - 1}"] * 9)}]}}' for n in range(1, 9)])


def test_an_alias_is_refused_with_its_line():
    assert yamltext.load("a: 1\nb: [x, y]\n") == {"a": 1, "b": ["x", "y"]}
    with pytest.raises(yaml.YAMLError) as raised:
        yamltext.load("a: &x [1, 2]\nb: *x\n")
    assert "aliases (*name) are not allowed" in str(raised.value) and "line 2" in str(raised.value)


def test_a_mapping_of_nested_aliases_is_refused_at_once(tmp_path):
    """740 bytes of nested aliases took 49 s and 3.5 GB before the import went on."""
    path = tmp_path / "bomb.yml"
    path.write_text(BOMB, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(LoadError, match="not valid YAML near line 6"):
        read_mapping(path)
    assert time.perf_counter() - started < 2


def test_a_rename_file_that_is_not_yaml_is_one_sentence(tmp_path):
    path = tmp_path / "renames.yml"
    path.write_text("old: new\n  bad: [unclosed\n", encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        parse_renames([], path)
    message = str(raised.value)
    assert message.startswith(f"rename file {path} is not valid YAML") and "\n" not in message
    path.write_text("old: &x new\nother: *x\n", encoding="utf-8")
    with pytest.raises(LoadError, match="not valid YAML near line 2"):
        parse_renames([], path)
