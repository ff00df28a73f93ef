"""Lists of innovation projects, described by a YAML mapping file."""
