"""The law and policy of the criminal justice response, as plain Python (no Django).

``s45`` and ``schedule4``: the statutory defence for victims who offend and the offences it does not
cover; ``prosecution``: referral, charge, verdict and the reasons cases fail; ``orders``: slavery and
trafficking prevention and risk orders and their breach; ``disruptions``: recording disruptions
with every threat type they touch, and counting them without counting one twice.
"""
