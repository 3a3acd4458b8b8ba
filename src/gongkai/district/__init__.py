"""The platform operator's district-wide screens: the report rolled up from all agencies."""
