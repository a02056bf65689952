"""Every change in justice, by subject: s45, prosecution, orders, disruptions."""
