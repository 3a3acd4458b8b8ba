"""Working-day calendar: the State Council's holiday schedules stored per year."""
