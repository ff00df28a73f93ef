"""Static files that cost nothing the second time: compressed once, named by content, cached forever."""
