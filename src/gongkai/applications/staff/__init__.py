"""The disclosure office's screens in the back office."""
