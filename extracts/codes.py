"""Verification codes: unguessable, short enough to type from paper, forgiving of how it is typed.

A code is 20 symbols of Crockford's base 32 (digits and capitals without I, L, O and U, so no
two symbols look alike), drawn with `secrets`: 100 random bits. Printed in five groups of four,
read back in any case, with or without dashes or spaces, and with O, I and L taken for the
digits they resemble.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SYMBOLS = 20
GROUP = 4
BITS = SYMBOLS * 5
CODE_LENGTH = SYMBOLS + SYMBOLS // GROUP - 1
PATTERN = rf"^[{ALPHABET}]{{{GROUP}}}(-[{ALPHABET}]{{{GROUP}}}){{{SYMBOLS // GROUP - 1}}}$"
_SEPARATORS = re.compile(r"[\s\-]+")
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Longest text worth normalising: a code with a separator or two around every group.
_MAX_INPUT = CODE_LENGTH * 3


def _grouped(symbols: str) -> str:
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def new_code() -> str:
    """A fresh random code in its printed form, such as 7K3M-Q9XD-2HFA-PB4T-W8CZ."""
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS)))


def normalise(text: str) -> str | None:
    """The printed form of a typed code, or None when it cannot be one."""
    if not isinstance(text, str) or len(text) > _MAX_INPUT:
        return None
    symbols = _SEPARATORS.sub("", text).upper().translate(_LOOKALIKES)
    if len(symbols) != SYMBOLS or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return _grouped(symbols)
