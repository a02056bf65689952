"""The law and policy of safeguarding, as plain Python (no Django)."""
