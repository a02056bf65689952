"""The true identity behind every generated person, kept apart from the records.

Neither model has an ``ACCESS_ORGANISATION_PATH``, so ``lantern.access`` shows them to nobody:
no page, API or search serves them. Only the linkage benchmark reads them, directly, to measure
how well records of the same person are found.
"""

from __future__ import annotations

from django.db import models

from lantern.cases.models import Person


class TrueIdentity(models.Model):
    """Who a generated person really is, whatever any force recorded."""

    person_key = models.CharField(max_length=40, unique=True)
    given_name = models.CharField(max_length=200)
    family_name = models.CharField(max_length=200)
    gender = models.CharField(max_length=20)
    date_of_birth = models.DateField(null=True)
    nationality = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.person_key


class TrueIdentityRecord(models.Model):
    """One force's record (a ``Person``) of a true identity."""

    true_identity = models.ForeignKey(TrueIdentity, on_delete=models.CASCADE, related_name="records")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.true_identity_id} -> {self.person_id}"
