"""Annual reports: statistics from records, and (later) narrative and rendering."""
