"""SDSN SDG Index workbooks and city-index tables."""
