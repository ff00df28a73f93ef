"""The analyst view: filter places and indicators, then rank, compare, spread, follow or list them."""
