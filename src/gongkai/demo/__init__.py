"""Demo data: a realistic district so every screen has something to show."""
