"""Writes for applications: one atomic function per legal step, one audit row each."""
