"""Tenants: agencies in a district tree, their staff and roles."""
