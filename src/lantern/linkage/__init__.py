"""Connections across forces: which person records are the same person.

The batch engine is plain Python, no Django: ``records`` holds the input record, ``normalise``
and ``nicknames`` turn what officers typed into comparable forms, ``model`` holds the Splink
comparisons, blocking rules and fixed priors, ``engine`` trains, scores and clusters (``link``)
and explains one pair (``explain``), and ``clusters`` keeps cluster ids stable from one run to
the next. See ``docs/linkage.md``. The Django layer (models, services, views) calls it.
"""
