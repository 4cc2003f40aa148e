"""Drawing: graph layouts and their SVG, with the legend and text alternative."""
