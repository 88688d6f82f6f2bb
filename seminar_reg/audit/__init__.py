"""The staff audit trail: who did what to personal data or accounts, when, from where.

Features call ``trail.record(...)``; the admins' page and its CSV export live in
``auth/audit_log.py`` (auth records logins here, so the page that needs auth's
permission checks sits on auth's side and the packages depend one way).
"""
