"""Justice: the s45 defence, charging and prosecution, prevention and risk orders, disruptions."""
