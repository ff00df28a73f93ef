"""YAML as the importer reads it: the safe loader, without aliases.

An alias (`*name`) repeats what an anchor (`&name`) holds without copying it, so nine lines of
nested aliases hold nine to the ninth items: a 740-byte mapping file took 49 s and 3.5 GB while
its `description` was turned into text. No mapping, rename file, rate table or Open SDG
metadata file seen needs one, so an alias is a YAML error like any other, with its line.
"""

from __future__ import annotations

import yaml


class NoAliases(yaml.SafeLoader):
    """The safe loader, refusing every alias."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed: write the value out", event.start_mark)
        return super().compose_node(parent, index)


def load(text: str) -> object:
    """`text` read as YAML (`yaml.safe_load`, without aliases); raises yaml.YAMLError."""
    return yaml.load(text, Loader=NoAliases)  # noqa: S506 - a SafeLoader subclass
