"""依申请公开: applications, their clock, outcomes, letters, fees and appeals."""
