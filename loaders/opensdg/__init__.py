"""Open SDG: source repositories and built sites."""
