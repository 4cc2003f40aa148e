"""Pages: one module per page kind, each a pure function from the Site to Markdown."""
