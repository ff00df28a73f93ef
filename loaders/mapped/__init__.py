"""A city's own tidy or wide spreadsheet, described by a YAML mapping file."""
