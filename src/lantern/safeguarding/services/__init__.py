"""Every change in safeguarding, by subject: referrals, decisions, support, disclosures."""
