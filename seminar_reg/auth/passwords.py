"""What a staff password must be: long enough, and not one that guessers try first.

zxcvbn (Dropbox's estimator, kept on PyPI) knows the 30,000 most common passwords,
keyboard walks, dates, repeats and l33t spellings of them; a password it scores below
3 (fewer than about 10^8 guesses) is refused. It reads at most 72 characters.
"""

from __future__ import annotations

MIN_LENGTH = 10
MAX_LENGTH = 200
MIN_SCORE = 3
_ZXCVBN_MAX = 72


def password_problem(password: str, email: str = "") -> str | None:
    """None for an acceptable password, else a code for ``AccountError``."""
    if len(password) < MIN_LENGTH:
        return "short_password"
    if len(password) > MAX_LENGTH:
        return "long_password"
    from zxcvbn import zxcvbn  # reads its word lists on import: only when a password is set

    hints = [email, *email.replace("@", " ").replace(".", " ").split()] if email else []
    if zxcvbn(password[:_ZXCVBN_MAX], user_inputs=hints)["score"] < MIN_SCORE:
        return "common_password"
    return None
