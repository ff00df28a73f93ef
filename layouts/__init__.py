"""Pure builders: canonical tables and filters in, plotly figures and Dash components out."""
