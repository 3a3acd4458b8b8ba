"""Notice letters for applications: kinds, default wording, rendering."""
