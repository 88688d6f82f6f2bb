"""The staff audit trail: who did what to personal data or accounts, when, from where.

Features call ``trail.record(...)``; the admins' page and its CSV export live in
``routes.py`` (imported by ``create_app``, not here, so recording never pulls in the
console's permission checks).
"""
