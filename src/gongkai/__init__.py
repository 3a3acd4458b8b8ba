"""gongkai (公开): runs an agency's open-government-information work end to end."""
