"""The UN SDG Global Database and UN-Habitat city tables."""
