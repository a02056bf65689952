"""Seeded synthetic national data, calibrated to published figures; each room contributes its part."""
