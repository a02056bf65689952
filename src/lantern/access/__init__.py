"""Who may see what. Import from ``lantern.access.scope``; rules in ``lantern.access.rules``."""
