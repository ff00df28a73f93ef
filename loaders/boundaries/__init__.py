"""Boundary files: GeoJSON, Shapefile, GeoPackage."""
