"""Modern Slavery Act 2015 Schedule 4: the offences to which the s45 defence does not apply.

Plain Python: no Django. Section 45(7) says the defence in s45(1) (adults) and s45(4) (under-18s)
does not apply to an offence listed in Schedule 4 (seed 002 §12.20; DOMAIN.md "The victim's path"
point 7). The list is reference data: an officer choosing the offence a victim is suspected of
learns at once whether the defence can be considered at all.

Each entry keeps the Act, the provision and the offence's name as the Schedule words it (the words
in brackets after each provision). ``code`` is a stable slug for storing a choice: it never changes
once released, even if the Schedule's wording does.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEDULE_4_SOURCE = (
    "Modern Slavery Act 2015, Schedule 4 (Offences to which defence in section 45 does not apply), "
    "in force from 31 July 2015 (S.I. 2015/1476, reg. 2(i)): "
    "https://www.legislation.gov.uk/ukpga/2015/30/schedule/4. Check the revised text there for "
    "amendments before relying on this list."
)

ANCILLARY_OFFENCES_NOTE = (
    "Attempting or conspiring to commit a listed offence, aiding, abetting, counselling or procuring "
    "one, and encouraging or assisting one (Serious Crime Act 2007 Part 2) are excluded too: the "
    "defence does not apply to them either."
)

COMMON_LAW = "Common law"


@dataclass(frozen=True)
class ExcludedOffence:
    """One offence in Schedule 4."""

    code: str
    act: str
    section: str
    name: str

    @property
    def provision(self) -> str:
        """Where the offence comes from, as officers cite it: "Firearms Act 1968 s16", "common law"."""
        if self.act == COMMON_LAW:
            return "common law"
        return f"{self.act} {self.section}"


def _slug(section: str) -> str:
    """s17(1) -> s17_1; s31(1)(a) or (b) -> s31_1_a_or_b; Part 2 -> part_2."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in section.lower())
    return "_".join(cleaned.split())


def _provisions(prefix: str, act: str, *entries: tuple[str, str]) -> tuple[ExcludedOffence, ...]:
    return tuple(
        ExcludedOffence(code=f"{prefix}_{_slug(section)}", act=act, section=section, name=name)
        for section, name in entries
    )


def _common_law(*names: str) -> tuple[ExcludedOffence, ...]:
    return tuple(
        ExcludedOffence(code="common_law_" + "_".join(name.split()), act=COMMON_LAW, section="", name=name)
        for name in names
    )


# In the Schedule's order (chronological by Act). Names follow the Schedule's bracketed words; the
# Sexual Offences Act 2003 ss48-50 carry the names given by the Serious Crime Act 2015 s68.
SCHEDULE_4: tuple[ExcludedOffence, ...] = (
    *_common_law(
        "false imprisonment",
        "kidnapping",
        "manslaughter",
        "murder",
        "perverting the course of justice",
        "piracy",
    ),
    *_provisions(
        "oapa_1861",
        "Offences against the Person Act 1861",
        ("s4", "soliciting murder"),
        ("s16", "threats to kill"),
        ("s18", "wounding with intent to cause grievous bodily harm"),
        ("s20", "malicious wounding"),
        ("s21", "attempting to choke, suffocate or strangle in order to commit or assist in committing an "
            "indictable offence"),
        ("s22", "using drugs etc to commit or assist in the committing of an indictable offence"),
        ("s23", "maliciously administering poison etc so as to endanger life or inflict grievous bodily "
            "harm"),
        ("s27", "abandoning children"),
        ("s28", "causing bodily injury by explosives"),
        ("s29", "using explosives etc with intent to do grievous bodily harm"),
        ("s30", "placing explosives with intent to do bodily injury"),
        ("s31", "setting spring guns etc with intent to do grievous bodily harm"),
        ("s32", "endangering safety of railway passengers"),
        ("s35", "injuring persons by furious driving"),
        ("s37", "assaulting officer preserving wreck"),
        ("s38", "assault with intent to resist arrest"),
    ),
    *_provisions(
        "esa_1883",
        "Explosive Substances Act 1883",
        ("s2", "causing explosion likely to endanger life or property"),
        ("s3", "attempt to cause explosion, or making or keeping explosive with intent to endanger life or "
            "property"),
        ("s4", "making or possession of explosive under suspicious circumstances"),
    ),
    *_provisions("ilpa_1929", "Infant Life (Preservation) Act 1929", ("s1", "child destruction")),
    *_provisions("cypa_1933", "Children and Young Persons Act 1933", ("s1", "cruelty to children")),
    *_provisions("poa_1936", "Public Order Act 1936", ("s2", "control etc of quasi-military organisation")),
    *_provisions("infanticide_act_1938", "Infanticide Act 1938", ("s1", "infanticide")),
    *_provisions(
        "firearms_act_1968",
        "Firearms Act 1968",
        ("s5", "possession of prohibited firearms"),
        ("s16", "possession of firearm with intent to endanger life"),
        ("s16A", "possession of firearm with intent to cause fear of violence"),
        ("s17(1)", "use of firearm to resist arrest"),
        ("s17(2)", "possession of firearm at time of committing or being arrested for specified offence"),
        ("s18", "carrying firearm with criminal intent"),
    ),
    *_provisions(
        "theft_act_1968",
        "Theft Act 1968",
        ("s8", "robbery or assault with intent to rob"),
        ("s9", "burglary, where the offence is committed with intent to inflict grievous bodily harm on a "
            "person, or to do unlawful damage to a building or anything in it"),
        ("s10", "aggravated burglary"),
        ("s12A", "aggravated vehicle-taking, where the offence involves an accident which causes the death "
            "of any person"),
        ("s21", "blackmail"),
    ),
    *_provisions(
        "criminal_damage_act_1971",
        "Criminal Damage Act 1971",
        ("s1", "arson"),
        ("s1(2)", "destroying or damaging property, other than an offence of arson"),
    ),
    *_provisions(
        "immigration_act_1971",
        "Immigration Act 1971",
        ("s25", "assisting unlawful immigration to member state"),
    ),
    *_provisions("pca_1978", "Protection of Children Act 1978", ("s1", "indecent photographs of children")),
    *_provisions(
        "cema_1979",
        "Customs and Excise Management Act 1979",
        ("s170", "penalty for fraudulent evasion of duty etc, in relation to goods prohibited to be "
            "imported under section 42 of the Customs Consolidation Act 1876 (indecent or obscene "
            "articles)"),
    ),
    *_provisions(
        "avsa_1982",
        "Aviation Security Act 1982",
        ("s1", "hijacking"),
        ("s2", "destroying, damaging or endangering safety of aircraft"),
        ("s3", "other acts endangering or likely to endanger safety of aircraft"),
        ("s4", "offences in relation to certain dangerous articles"),
    ),
    *_provisions("mha_1983", "Mental Health Act 1983", ("s127", "ill-treatment of patients")),
    *_provisions(
        "caa_1984",
        "Child Abduction Act 1984",
        ("s1", "abduction of child by parent etc"),
        ("s2", "abduction of child by other persons"),
    ),
    *_provisions("poa_1986", "Public Order Act 1986", ("s1", "riot"), ("s2", "violent disorder")),
    *_provisions("cja_1988", "Criminal Justice Act 1988", ("s134", "torture")),
    *_provisions(
        "rta_1988",
        "Road Traffic Act 1988",
        ("s1", "causing death by dangerous driving"),
        ("s3A", "causing death by careless driving when under the influence of drink or drugs"),
    ),
    *_provisions(
        "amsa_1990",
        "Aviation and Maritime Security Act 1990",
        ("s1", "endangering safety at aerodromes"),
        ("s9", "hijacking of ships"),
        ("s10", "seizing or exercising control of fixed platforms"),
        ("s11", "destroying fixed platforms or endangering their safety"),
        ("s12", "other acts endangering or likely to endanger safe navigation"),
        ("s13", "offences involving threats"),
    ),
    *_provisions(
        "channel_tunnel_order_1994",
        "Channel Tunnel (Security) Order 1994 (S.I. 1994/570)",
        ("Part 2", "offences relating to Channel Tunnel trains and the tunnel system"),
    ),
    *_provisions(
        "pha_1997",
        "Protection from Harassment Act 1997",
        ("s4", "putting people in fear of violence"),
        ("s4A", "stalking involving fear of violence or serious alarm or distress"),
    ),
    *_provisions(
        "crime_and_disorder_act_1998",
        "Crime and Disorder Act 1998",
        ("s29", "racially or religiously aggravated assaults"),
        ("s31(1)(a) or (b)", "racially or religiously aggravated offences under section 4 or 4A of the "
            "Public Order Act 1986"),
    ),
    *_provisions(
        "terrorism_act_2000",
        "Terrorism Act 2000",
        ("s54", "weapons training"),
        ("s56", "directing terrorist organisation"),
        ("s57", "possession of article for terrorist purposes"),
        ("s59", "inciting terrorism overseas"),
    ),
    *_provisions(
        "icca_2001",
        "International Criminal Court Act 2001",
        ("s51", "genocide, crimes against humanity and war crimes"),
        ("s52", "conduct ancillary to genocide etc committed outside jurisdiction"),
    ),
    *_provisions(
        "atcsa_2001",
        "Anti-terrorism, Crime and Security Act 2001",
        ("s47", "use of nuclear weapons"),
        ("s50", "assisting or inducing certain weapons-related acts overseas"),
        ("s113", "use of noxious substance or thing to cause harm or intimidate"),
    ),
    *_provisions(
        "fgma_2003",
        "Female Genital Mutilation Act 2003",
        ("s1", "female genital mutilation"),
        ("s2", "assisting a girl to mutilate her own genitalia"),
        ("s3", "assisting a non-UK person to mutilate overseas a girl's genitalia"),
    ),
    *_provisions(
        "soa_2003",
        "Sexual Offences Act 2003",
        ("s1", "rape"),
        ("s2", "assault by penetration"),
        ("s3", "sexual assault"),
        ("s4", "causing person to engage in sexual activity without consent"),
        ("s5", "rape of child under 13"),
        ("s6", "assault of child under 13 by penetration"),
        ("s7", "sexual assault of child under 13"),
        ("s8", "causing or inciting child under 13 to engage in sexual activity"),
        ("s9", "sexual activity with a child"),
        ("s10", "causing or inciting a child to engage in sexual activity"),
        ("s13", "child sex offences committed by children or young persons"),
        ("s14", "arranging or facilitating commission of child sex offence"),
        ("s15", "meeting a child following sexual grooming"),
        ("s16", "abuse of position of trust: sexual activity with a child"),
        ("s17", "abuse of position of trust: causing or inciting a child to engage in sexual activity"),
        ("s18", "abuse of position of trust: sexual activity in presence of child"),
        ("s19", "abuse of position of trust: causing a child to watch a sexual act"),
        ("s25", "sexual activity with a child family member"),
        ("s26", "inciting a child family member to engage in sexual activity"),
        ("s30", "sexual activity with a person with a mental disorder impeding choice"),
        ("s31", "causing or inciting a person with a mental disorder impeding choice to engage in sexual "
            "activity"),
        ("s32", "engaging in sexual activity in the presence of a person with a mental disorder impeding "
            "choice"),
        ("s33", "causing a person with a mental disorder impeding choice to watch a sexual act"),
        ("s34", "inducement, threat or deception to procure sexual activity with a person with a mental "
            "disorder"),
        ("s35", "causing a person with a mental disorder to engage in or agree to engage in sexual activity "
            "by inducement, threat or deception"),
        ("s36", "engaging in sexual activity in the presence, procured by inducement, threat or deception, "
            "of a person with a mental disorder"),
        ("s37", "causing a person with a mental disorder to watch a sexual act by inducement, threat or "
            "deception"),
        ("s38", "care workers: sexual activity with a person with a mental disorder"),
        ("s39", "care workers: causing or inciting sexual activity"),
        ("s40", "care workers: sexual activity in the presence of a person with a mental disorder"),
        ("s41", "care workers: causing a person with a mental disorder to watch a sexual act"),
        ("s47", "paying for sexual services of a child"),
        ("s48", "causing or inciting sexual exploitation of a child"),
        ("s49", "controlling a child in relation to sexual exploitation"),
        ("s50", "arranging or facilitating sexual exploitation of a child"),
        ("s61", "administering a substance with intent"),
        ("s62", "committing an offence with intent to commit a sexual offence"),
        ("s63", "trespass with intent to commit a sexual offence"),
        ("s64", "sex with an adult relative: penetration"),
        ("s65", "sex with an adult relative: consenting to penetration"),
        ("s66", "exposure"),
        ("s67", "voyeurism"),
        ("s70", "sexual penetration of a corpse"),
    ),
    *_provisions(
        "dvcva_2004",
        "Domestic Violence, Crime and Victims Act 2004",
        ("s5", "causing or allowing the death or serious physical harm of a child or vulnerable adult"),
    ),
    *_provisions(
        "terrorism_act_2006",
        "Terrorism Act 2006",
        ("s5", "preparation of terrorist acts"),
        ("s6", "training for terrorism"),
        ("s9", "making or possession of radioactive device or material"),
        ("s10", "use of radioactive device or material for terrorist purposes etc"),
        ("s11", "terrorist threats relating to radioactive devices etc"),
    ),
    *_provisions(
        "msa_2015",
        "Modern Slavery Act 2015",
        ("s1", "slavery, servitude and forced or compulsory labour"),
        ("s2", "human trafficking"),
    ),
)

_BY_CODE: dict[str, ExcludedOffence] = {offence.code: offence for offence in SCHEDULE_4}


def excluded(code: str) -> ExcludedOffence | None:
    """The Schedule 4 offence stored under ``code``, or None if the code names none."""
    return _BY_CODE.get(code)


def search(text: str) -> list[ExcludedOffence]:
    """The Schedule 4 offences matching what an officer typed, in the Schedule's order.

    Case-insensitive; every word typed must appear in the offence's Act, provision or name, so
    "firearms s16" finds the Firearms Act 1968 s16 and s16A offences. Nothing typed finds nothing.
    """
    words = text.lower().split()
    if not words:
        return []
    return [
        offence
        for offence in SCHEDULE_4
        if all(word in f"{offence.act} {offence.section} {offence.name}".lower() for word in words)
    ]
