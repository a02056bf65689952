"""Organisations, the people who work in them, and the roles they hold."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from lantern.accounts.rules import OrganisationKind, PartnerType, Region, Role


class Organisation(models.Model):
    """A police force, regional or national unit, or partner agency. Reference data."""

    ACCESS_ORGANISATION_PATH = "pk"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=[(k.value, k.label) for k in OrganisationKind])
    region = models.CharField(max_length=30, choices=[(r.value, r.label) for r in Region])
    partner_type = models.CharField(
        max_length=40, blank=True, choices=[(p.value, p.label) for p in PartnerType]
    )
    nrm_name = models.CharField(
        max_length=200, blank=True, help_text="This organisation's name in the Home Office NRM form."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="partner_type_only_for_partners",
                condition=(models.Q(kind=OrganisationKind.PARTNER.value) & ~models.Q(partner_type=""))
                | (~models.Q(kind=OrganisationKind.PARTNER.value) & models.Q(partner_type="")),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_enum(self) -> OrganisationKind:
        return OrganisationKind(self.kind)

    @property
    def region_label(self) -> str:
        return Region(self.region).label


class User(AbstractUser):
    """A person who signs in to Lantern. Belongs to exactly one organisation."""

    ACCESS_ORGANISATION_PATH = "organisation"
    REQUIRED_FIELDS = ["email", "organisation"]

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="members"
    )
    job_title = models.CharField(max_length=120, blank=True)
    collar_number = models.CharField(max_length=20, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def role_set(self) -> frozenset[Role]:
        """The roles this person holds, read once per request."""
        return frozenset(Role(grant.role) for grant in self.role_grants.all())

    @property
    def role_labels(self) -> list[str]:
        return sorted(role.label for role in self.role_set)


class RoleGrant(models.Model):
    """One role held by one person."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=40, choices=[(r.value, r.label) for r in Role])
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_role")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.role}"
