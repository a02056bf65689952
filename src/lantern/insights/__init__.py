"""The national picture: metrics by their published definitions, dashboards, the annual report.

See docs/insights.md.
"""
