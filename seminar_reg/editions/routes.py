"""Console pages of the editions (mounted under /console/editions)."""
