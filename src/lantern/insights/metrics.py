"""The national metrics: one table of definitions, each in the published words with its source.

Plain Python: no Django. This is the one place a metric is defined; ``figures`` (and its
``figures_*`` helpers) count exactly what each definition says, the generator's calibration check
(``synth.figures``) counts through them, and ``docs/insights.md`` ("Metric definitions") is this
table written out (``definitions_markdown``).

Every metric is counted for a place (``places``) and a period (``periods``): ``counted_by`` names
the date that puts a record into a period. Dates are Lantern's calendar days; a moment (an NRM
referral's submission) falls on its day in Lantern's time zone (Europe/London). Where Lantern
does not record what the published figure counts, ``limitation`` says so and the figure is what
Lantern can count, never an estimate dressed as the published one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lantern.accounts.rules import OrganisationKind, PartnerType

# The seeds, as cited below.
TABLE_1 = "MSOIC Programme annual report 2020/21 (seed 004), Table 1"
REPORT_004 = "MSOIC Programme annual report 2020/21 (seed 004)"
NRM_STATISTICS = "Home Office, Modern Slavery: NRM and Duty to Notify statistics (quarterly tables)"
CRIME_OUTCOMES = "Home Office, Crime outcomes in England and Wales (outcome types 1-22)"
HESTIA_002 = "HMICFRS, College of Policing and IOPC, Hestia super-complaint report 2021 (seed 002)"
STOLEN_FREEDOM_001 = "HMICFRS, Stolen Freedom 2017 (seed 001)"
VICTIMS_CODE = "Code of Practice for Victims of Crime in England and Wales (2020)"
LANTERN = "Lantern's own measure (no published series)"


class Unit(StrEnum):
    COUNT = "count"
    MONTHLY_AVERAGE = "monthly average"  # the mean of the period's month-end counts
    RATE = "rate"  # a share from 0 to 1, shown as a percentage; None when nothing to divide by


class Shape(StrEnum):
    FIGURE = "figure"  # one number (``figures.Figure``)
    TABLE = "table"  # a breakdown (``tables.Table``)


@dataclass(frozen=True)
class Metric:
    key: str
    title: str
    definition: str
    source: str
    unit: Unit
    counted_by: str
    shape: Shape = Shape.FIGURE
    limitation: str = ""


_F, _T = Shape.FIGURE, Shape.TABLE
_C, _M, _R = Unit.COUNT, Unit.MONTHLY_AVERAGE, Unit.RATE

METRICS: tuple[Metric, ...] = (
    # Investigations
    Metric("investigations.live_monthly_average", "Modern slavery live investigations",
           "Investigations allocated to an investigator and not closed on the last day of each month, "
           "averaged over the period's months (Table 1 \"average of monthly counts\"). A crime recorded "
           "and not yet allocated is not yet live; one closed on a month's last day is not live at that "
           "month end; a case open across a year end is live in both years' months.",
           TABLE_1, _M, "each month's last day"),
    Metric("investigations.recorded", "Modern slavery crimes recorded",
           "Investigations (modern slavery crimes) recorded in the period.",
           REPORT_004, _C, "the day the crime was recorded"),
    Metric("investigations.by_exploitation_type", "Investigations by exploitation type",
           "Investigations recorded in the period under each exploitation type they carry: an "
           "investigation with two types counts once under each, and once in the total. Criminal "
           "exploitation is any of county lines, cannabis cultivation or other criminal exploitation; "
           "\"of which county lines and other drug supply\" are those with county lines or cannabis "
           "cultivation, or other criminal exploitation in the drug supply industry.",
           REPORT_004, _C, "the day the crime was recorded", _T),
    Metric("investigations.criminal", "Investigations into criminal exploitation",
           "Investigations recorded in the period with any criminal exploitation type.",
           REPORT_004, _C, "the day the crime was recorded"),
    Metric("investigations.drug_supply", "Criminal exploitation: county lines and other drug supply",
           "Of the investigations into criminal exploitation, those with county lines or cannabis "
           "cultivation, or other criminal exploitation in the drug supply industry.",
           REPORT_004, _C, "the day the crime was recorded"),
    Metric("investigations.criminal_share", "Share of investigations into criminal exploitation",
           "Of investigations recorded in the period, the share with any criminal exploitation type.",
           REPORT_004, _R, "the day the crime was recorded"),
    Metric("investigations.county_lines_share_of_criminal", "County lines share of criminal exploitation",
           "Of investigations recorded in the period with any criminal exploitation type, the share "
           "with county lines.", REPORT_004, _R, "the day the crime was recorded"),
    Metric("investigations.involving_children", "Investigations involving children",
           "Investigations recorded in the period with at least one victim who was a child on the day "
           "the crime was recorded: under 18 by date of birth or, without one, by estimated age, or "
           "treated as a child where age is disputed and there is reason to believe they are one "
           "(MSA 2015 s51; the rule is ``cases.rules.is_child``).",
           REPORT_004, _C, "the day the crime was recorded"),
    Metric("outcomes.by_type", "Crime outcomes by outcome type",
           "Investigations recorded in the period by the Home Office outcome type assigned when they "
           "closed, counted in the period the offence was recorded however late the outcome came; "
           "those still open are shown as \"Not yet assigned\".",
           CRIME_OUTCOMES, _C, "the day the crime was recorded (not the outcome's)", _T),
    Metric("investigations.closed", "Investigations closed",
           "Investigations closed in the period.", LANTERN, _C, "the day the investigation closed"),
    Metric("investigations.closed_by_override", "Cases closed by supervisor override",
           "Investigations closed in the period by a supervisor overriding the closure checks (a victim "
           "not spoken to, lines of enquiry outstanding: the premature closures Stolen Freedom found), "
           "with the reason the supervisor recorded.",
           STOLEN_FREEDOM_001, _C, "the day the investigation closed"),
    # Victims and suspects
    Metric("victims.by_nationality", "Nationality of victims",
           "People recorded as victims (including victims also suspected of an offence) in "
           "investigations recorded in the period, by nationality; a person in two investigations "
           "counts in each. Those with no nationality recorded are shown as \"Not known\".",
           REPORT_004, _C, "the day the crime was recorded", _T),
    Metric("suspects.by_nationality", "Nationality of suspects",
           "People recorded as suspects in investigations recorded in the period, by nationality. A "
           "victim who is also a suspect is counted among the victims, not here (victim first: the "
           "s45 defence and the non-punishment principle).",
           REPORT_004, _C, "the day the crime was recorded", _T),
    Metric("victims.british_share_of_known", "British share of victims where nationality is known",
           "Of the victims counted in \"Nationality of victims\" whose nationality is known, the share "
           "British.", REPORT_004, _R, "the day the crime was recorded"),
    Metric("suspects.british_share_of_known", "British share of suspects where nationality is known",
           "Of the suspects counted in \"Nationality of suspects\" whose nationality is known, the share "
           "British.", REPORT_004, _R, "the day the crime was recorded"),
    # The NRM and duty to notify
    Metric("nrm.police_referrals", "Police referrals to the NRM",
           "NRM referrals (not duty-to-notify notices) submitted in the period by a police organisation "
           "as first responder. Drafts and withdrawn referrals are not counted.",
           TABLE_1, _C, "the day the referral was submitted"),
    Metric("nrm.referrals", "NRM referrals, all first responders",
           "NRM referrals submitted in the period by any first responder: the police's own, and other "
           "first responders' referrals passed to the force that recorded the crime from them.",
           NRM_STATISTICS, _C, "the day the referral was submitted",
           limitation="Lantern holds only the referrals the police made or recorded a crime from; the "
                      "Home Office total also counts referrals no force received. The published "
                      "figures are imported beside Lantern's for reconciliation."),
    Metric("nrm.by_first_responder", "NRM referrals by first responder type",
           "NRM referrals submitted in the period by the first responder's type, in the Home Office's "
           "four types (Police; Government agency: the Home Office's UKVI, Immigration Enforcement and "
           "Border Force, the NCA, the GLAA, the CPS; Local Authority; NGO and third sector), and by "
           "the referral's answer to \"is the person under 18?\".",
           NRM_STATISTICS, _C, "the day the referral was submitted", _T,
           limitation="As for all referrals: only those the police made or recorded a crime from."),
    Metric("nrm.police_share", "Police share of NRM referrals",
           "Of NRM referrals submitted in the period, the share made by the police.",
           NRM_STATISTICS, _R, "the day the referral was submitted"),
    Metric("nrm.child_share", "Children's share of NRM referrals",
           "Of NRM referrals submitted in the period, the share answering \"under 18: yes\".",
           NRM_STATISTICS, _R, "the day the referral was submitted"),
    Metric("nrm.duty_to_notify", "Duty-to-notify notices",
           "Duty-to-notify notices (adults who did not consent to an NRM referral, MSA 2015 s52) "
           "submitted in the period. A notice is never counted as an NRM referral.",
           NRM_STATISTICS, _C, "the day the notice was submitted"),
    # Criminal justice
    Metric("cps.police_referrals", "Police referrals to the CPS",
           "Investigations whose first referral of a suspect to the CPS (for early advice or a charging "
           "decision) was in the period: a file may name several suspects, so Table 1 has fewer "
           "referrals than defendants.", TABLE_1, _C, "the day of the investigation's first CPS referral"),
    Metric("justice.charges", "Suspects charged",
           "Suspects charged in the period (a prosecution begun), whatever the CPS flag.",
           HESTIA_002, _C, "the day of the charge"),
    Metric("cps.flagged_defendants", "CPS-flagged modern slavery defendants",
           "Prosecutions of files the CPS flagged as modern slavery, finalised (a verdict) in the period.",
           TABLE_1, _C, "the day of the verdict"),
    Metric("cps.convictions", "Convictions of CPS-flagged defendants",
           "CPS-flagged modern slavery defendants finalised in the period who were convicted (a guilty "
           "plea or a conviction after trial).", TABLE_1, _C, "the day of the verdict"),
    Metric("cps.conviction_rate", "CPS modern slavery conviction rate",
           "Of the CPS-flagged modern slavery defendants finalised in the period, the share convicted.",
           TABLE_1, _R, "the day of the verdict"),
    Metric("s45.considerations", "Section 45 defence considerations",
           "Considerations of the s45 defence (MSA 2015) recorded for a suspect and an offence, decided "
           "in the period.", HESTIA_002, _C, "the day the consideration was decided"),
    Metric("s45.results", "Section 45 considerations and their results",
           "The considerations decided in the period by whether the defence applied and whether the "
           "offence was pursued, for people 18 or over and under 18 when they did the act.",
           HESTIA_002, _C, "the day the consideration was decided", _T),
    Metric("orders.granted", "Slavery and trafficking orders granted",
           "Prevention and risk orders (and interim orders) granted by a court in the period.",
           HESTIA_002, _C, "the day the order was granted"),
    Metric("orders.breaches", "Breaches of slavery and trafficking orders",
           "Breaches of an order (offences under MSA 2015 s30) that happened in the period.",
           HESTIA_002, _C, "the day of the breach"),
    Metric("orders.by_kind", "Orders applied for, granted and breached, by kind",
           "Orders applied for, orders granted and breaches in the period, each by its own date, by "
           "kind of order.", HESTIA_002, _C, "the day applied for, granted or breached", _T),
    Metric("disruptions.total", "Disruptions",
           "Disruptions of modern slavery offending in the period, each counted once however many "
           "threat types it touched.", REPORT_004, _C, "the day of the disruption"),
    Metric("disruptions.by_threat", "Disruptions by threat type",
           "Disruptions in the period under each threat type they touched: a disruption with several "
           "counts under each, so the rows add up to more than the disruptions (the last row counts "
           "each once).", REPORT_004, _C, "the day of the disruption", _T),
    Metric("disclosures.immigration", "Disclosures to immigration enforcement",
           "Disclosures of information about a victim to immigration enforcement approved by a "
           "supervisor and shared in the period (requests refused or awaiting approval are not "
           "counted).", HESTIA_002, _C, "the day the disclosure was approved"),
    Metric("victims_code.updates_due", "Victims' Code updates due",
           "Updates owed to victims under the Victims' Code whose deadline fell in the period.",
           VICTIMS_CODE, _C, "the day the update was due"),
    Metric("victims_code.updates_on_time", "Victims' Code updates given on time",
           "Of the updates due in the period, those given on or before their deadline.",
           VICTIMS_CODE, _C, "the day the update was due"),
    Metric("victims_code.on_time_rate", "Victims' Code updates on time",
           "Of the updates due in the period, the share given on or before their deadline; updates "
           "given late or not yet given count as not on time.",
           VICTIMS_CODE, _R, "the day the update was due"),
)

BY_KEY: dict[str, Metric] = {metric.key: metric for metric in METRICS}

# Table 1 of the annual report, in its order (seed 004).
TABLE_1_KEYS: tuple[str, ...] = ("investigations.live_monthly_average", "nrm.police_referrals",
                                 "cps.police_referrals", "cps.flagged_defendants", "cps.conviction_rate")

# The Home Office's first responder types, from the organisation that referred.
POLICE_RESPONDER = "Police"
FIRST_RESPONDER_TYPES: tuple[str, ...] = (POLICE_RESPONDER, "Government agency", "Local Authority",
                                          "NGO and third sector")
_PARTNER_RESPONDER = {
    PartnerType.SINGLE_COMPETENT_AUTHORITY: "Government agency",
    PartnerType.IMMIGRATION_ENFORCEMENT: "Government agency",
    PartnerType.BORDER_FORCE: "Government agency",
    PartnerType.CPS: "Government agency",
    PartnerType.GLAA: "Government agency",
    PartnerType.CHILDRENS_SERVICES: "Local Authority",
    PartnerType.VICTIM_CARE: "NGO and third sector",
}


def first_responder_type(kind: str | None, partner_type: str | None) -> str:
    """The Home Office first responder type of a referral's first responder organisation.

    ``kind`` None: the recording organisation made the referral itself, and it is police. The NCA
    is a Government agency in the Home Office's tables although Lantern counts it as police.
    """
    if kind is None:
        return POLICE_RESPONDER
    if kind == OrganisationKind.NATIONAL_AGENCY.value:
        return "Government agency"
    if kind != OrganisationKind.PARTNER.value:
        return POLICE_RESPONDER
    return _PARTNER_RESPONDER[PartnerType(partner_type or "")]


# Home Office outcome types gathered into the groups its outcome tables use, for series short
# enough to chart (``figures_series.crime_outcomes_by_quarter``); each type is in one group.
OUTCOME_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Charged or summonsed", ("1", "1A")),
    ("Out-of-court disposal", ("2", "3", "4", "8", "22")),
    ("Prosecution prevented or not in the public interest", ("5", "9", "10", "11", "12", "13", "17", "21")),
    ("Evidential difficulties", ("14", "15", "16")),
    ("No suspect identified", ("18",)),
    ("Another body has primacy", ("20",)),
)


def metric(key: str) -> Metric:
    """The definition for ``key``; ``KeyError`` naming the key for one that does not exist."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"No metric {key!r}.") from None


def definitions_markdown() -> str:
    """The table written out for docs/insights.md, so the documentation cannot drift from it."""
    lines = ["| key | metric | definition | counted by | unit | source |", "|---|---|---|---|---|---|"]
    for m in METRICS:
        definition = m.definition + (f" *Limitation:* {m.limitation}" if m.limitation else "")
        unit = m.unit.value + (" (table)" if m.shape is Shape.TABLE else "")
        lines.append(f"| `{m.key}` | {m.title} | {definition} | {m.counted_by} | {unit} | {m.source} |")
    return "\n".join(lines) + "\n"
