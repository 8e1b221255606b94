"""Figures drawn on the server: accessible SVG charts and the CSV downloads behind them."""
