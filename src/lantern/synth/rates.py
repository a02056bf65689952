"""The generator's proportions and timings: every judgement the seeds do not publish, in one place.

Plain Python: no Django. Calibration tunes these (``targets.py`` holds what they must reproduce;
``tests/synth/test_calibration.py`` checks it). Rates are probabilities per case, person or
suspect as each comment says; ``DAYS`` are (shortest, longest) spans drawn uniformly.
"""

from __future__ import annotations

from datetime import date

from lantern.cases.rules import ExploitationType, Industry
from lantern.synth.name_pools import Origin

RATES = {
    "victims_2": 0.25, "victims_3": 0.12,  # cases with two or three victims; the rest have one
    "suspects_0": 0.2, "suspects_2": 0.25, "suspects_3": 0.1,  # no suspect identified, two or three
    "witness": 0.3,
    "victim_and_suspect_criminal": 0.3, "victim_and_suspect_other": 0.04,
    "suspect_british": 0.62,
    "reappearance": 0.08,  # a victim or suspect already recorded in another force
    "messiness": 0.4,
    "consent": 0.75,  # adults who agree to an NRM referral; the rest get a duty-to-notify notice
    "referred": 0.92, "rg": 0.85, "rg_positive": 0.88, "cg": 0.7, "cg_positive": 0.9,
    "safe_place": 0.8, "interpreter": 0.9, "vlo": 0.5, "ictg": 0.6, "contact": 0.7,
    "cps": 0.056,  # times the suspects squared: a bigger conspiracy goes to the CPS far more often
    "charge": 0.78, "guilty_plea": 0.5, "stpo": 0.35, "stro": 0.03, "granted": 0.75,
    "disruption": 0.2, "organised": 0.12, "s45_applies": 0.7,
    "court_delay_2020": 0.74,  # verdicts due from the first lockdown on that the courts put back
    "cps_delay_2020": 0.35,  # files for the CPS due in the 2020 lockdowns that went later
    "other_suspect": 0.05,  # a case recorded from another first responder's referral that finds a suspect
}
# How long the stages take, in days (low, high): judgement, tuned so the live investigations
# match Table 1 (the average live case takes about eight months).
DAYS = {
    "investigation": (30, 275), "cps_referral": (60, 300), "cps_decision": (14, 90),
    "trial": (90, 420), "closing": (5, 40), "other_investigation": (1, 10), "other_closing": (0, 5),
    "court_delay_2020": (120, 300), "cps_delay_2020": (60, 240),
}
# CPS conviction rates by the year of the verdict (seed 004 §5 Table 1); other years take 0.72.
CONVICTION_RATE = {2019: 0.719, 2020: 0.738}
DEFAULT_CONVICTION_RATE = 0.72
FIRST_LOCKDOWN = date(2020, 3, 23)
# Who else refers: the first responders among Lantern's partner organisations, adults' by
# weight (the Home Office's immigration functions refer most adults, then NGOs; seed 004 §6);
# children are referred by their local authority's children's services where Lantern has one
# for the force's region, else by Barnardo's.
ADULT_FIRST_RESPONDERS = {"immigration-enforcement": 0.45, "border-force": 0.15, "salvation-army": 0.3,
                          "glaa": 0.1}
CHILD_FIRST_RESPONDERS = {"north_west": "manchester-childrens-services",
                          "yorkshire_humber": "leeds-childrens-services",
                          "west_midlands": "birmingham-childrens-services",
                          "south_east": "kent-childrens-services", "wales": "cardiff-childrens-services"}
CHILD_FIRST_RESPONDER_ELSEWHERE = "barnardos"
# Police NRM referrals per police case, measured from plans (victims per case, referred, on the
# NRM route); the calibration test holds the result to Table 1, so a change to RATES that moves
# it shows there.
POLICE_REFERRALS_PER_CASE = 1.18
SEEN_KEPT = 20_000  # people remembered per kind for reappearing elsewhere: memory stays flat

LANGUAGES = {Origin.ALBANIAN: "Albanian", Origin.VIETNAMESE: "Vietnamese", Origin.ROMANIAN: "Romanian",
             Origin.POLISH: "Polish", Origin.NIGERIAN: "English", Origin.CHINESE: "Mandarin",
             Origin.ARABIC: "Arabic", Origin.BRITISH: "English", Origin.ERITREAN: "Tigrinya",
             Origin.SUDANESE: "Arabic", Origin.INDIAN: "Hindi", Origin.LITHUANIAN: "Lithuanian"}
INDUSTRIES = {
    ExploitationType.SEXUAL: (Industry.BROTHEL_SEX_INDUSTRY,),
    ExploitationType.LABOUR: (Industry.CAR_WASH, Industry.NAIL_BAR, Industry.AGRICULTURE,
                              Industry.CONSTRUCTION, Industry.FOOD_PROCESSING, Industry.CLEANING,
                              Industry.HOSPITALITY, Industry.TEXTILES, Industry.CARE),
    ExploitationType.DOMESTIC_SERVITUDE: (Industry.DOMESTIC_HOUSEHOLD,),
    ExploitationType.CRIMINAL_COUNTY_LINES: (Industry.DRUG_SUPPLY,),
    ExploitationType.CRIMINAL_CANNABIS: (Industry.DRUG_SUPPLY,),
    ExploitationType.CRIMINAL_OTHER: (Industry.OTHER,),
}
SAFE_PLACES = ("safe_house", "hotel_or_bb", "local_authority", "family_or_friends", "hospital")
SUSPECT_NATIONALITIES = ("Albanian", "Romanian", "Vietnamese", "Chinese", "Nigerian", "Polish", "Iraqi")
MAX_PHONES_FROM_POOL = 900  # Ofcom has 1,000 drama mobiles; after these, spare 04 numbers, none repeated
