"""The shipped demonstration data and its store."""
