"""``lantern import-nrm-statistics``."""
