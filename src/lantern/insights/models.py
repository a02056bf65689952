"""Tables of the national picture room: the Home Office's published statistics, as imported.

The figures are the published tables' own (``lantern.insights.published`` reads them); an import
replaces the periods it brings, whole, so the same quarter imported twice is held once. Published
statistics are open data (Open Government Licence), not anyone's record: no organisation owns a
row, and the queries (``published_queries``) decide who reads what through ``lantern.access``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.insights.published_figures import TableKind


class PublishedImport(models.Model):
    """One run of ``lantern import-nrm-statistics``: who, when, which files, and what they held."""

    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    imported_by_name = models.CharField(max_length=150, blank=True)  # a command run on the server: its user
    directory = models.CharField(max_length=500)
    # [{"name", "sha256", "table", "periods": [[year, quarter], ...], "rows_read", "figures"}]
    files = models.JSONField(default=list)
    rows_read = models.PositiveIntegerField(default=0)
    figures = models.PositiveIntegerField(default=0)
    replaced = models.PositiveIntegerField(default=0)  # figures of earlier imports this one replaced
    # Published totals that their published parts do not add up to (``TotalMismatch.as_dict``).
    mismatches = models.JSONField(default=list)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"NRM statistics imported {self.imported_at:%Y-%m-%d %H:%M} ({len(self.files)} files)"


class PublishedFigure(models.Model):
    """One published count, keyed by its table, period and dimensions.

    ``quarter`` 0 is a year's published total. In each dimension "Total" is the table's own total
    over it and "" a dimension the table does not have. ``organisation_code`` is the Lantern
    organisation the first responder is, where it is one (forces, ROCUs, the NCA...).
    """

    source = models.ForeignKey(PublishedImport, on_delete=models.PROTECT, related_name="published_figures")
    table = models.CharField(max_length=40, choices=[(k.value, k.label) for k in TableKind])
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    first_responder_type = models.CharField(max_length=60, blank=True)
    first_responder = models.CharField(max_length=150, blank=True)
    organisation_code = models.CharField(max_length=60, blank=True)
    exploitation_type = models.CharField(max_length=100, blank=True)
    age_group = models.CharField(max_length=20, blank=True)
    gender = models.CharField(max_length=40, blank=True)
    nationality = models.CharField(max_length=150, blank=True)
    location = models.CharField(max_length=20, blank=True)
    outcome = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                name="published_figure_once",
                fields=["table", "year", "quarter", "first_responder_type", "first_responder",
                        "exploitation_type", "age_group", "gender", "nationality", "location", "outcome"]),
            models.CheckConstraint(name="published_quarter_0_to_4", condition=models.Q(quarter__lte=4)),
        ]
        indexes = [
            models.Index(name="published_by_period", fields=["table", "year", "quarter"]),
            models.Index(name="published_by_organisation",
                         fields=["table", "organisation_code", "year", "quarter"]),
        ]

    def __str__(self) -> str:
        period = f"{self.year}" if self.quarter == 0 else f"{self.year} Q{self.quarter}"
        return f"{self.table} {period}: {self.count}"
