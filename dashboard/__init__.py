"""The Dash app: app factory, pages, command line; reads the store, draws with `layouts`."""
