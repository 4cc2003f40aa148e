"""Downloads: the data files under /data/ (JSON, CSV, BibTeX, CSL-JSON, GraphML), built from the Site."""
