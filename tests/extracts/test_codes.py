"""Verification codes: 100 random bits, typable, read back however they are typed."""

import math
import re

import pytest

from extracts import codes


def test_a_code_is_five_groups_of_four_unambiguous_symbols():
    code = codes.new_code()
    assert re.fullmatch(codes.PATTERN, code)
    assert len(code) == codes.CODE_LENGTH == 24
    assert not set(code) & set("ILOU")


def test_a_code_carries_at_least_80_random_bits():
    assert len(codes.ALPHABET) == 32
    assert codes.SYMBOLS * math.log2(len(codes.ALPHABET)) == codes.BITS >= 80


def test_codes_do_not_repeat_and_use_the_whole_alphabet():
    many = [codes.new_code() for _ in range(2000)]
    assert len(set(many)) == len(many)
    assert set("".join(many).replace("-", "")) == set(codes.ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "7K3M-Q9XD-2HFA-PB4T-W8CZ",
        "7k3m-q9xd-2hfa-pb4t-w8cz",
        "7K3MQ9XD2HFAPB4TW8CZ",
        " 7K3M Q9XD 2HFA PB4T W8CZ ",
        "7K3M--Q9XD-2HFA-PB4T-W8CZ",
    ],
)
def test_a_code_is_read_back_in_any_case_and_grouping(typed):
    assert codes.normalise(typed) == "7K3M-Q9XD-2HFA-PB4T-W8CZ"


def test_letters_that_look_like_digits_are_taken_for_them():
    assert codes.normalise("O1LI-0000-0000-0000-0000") == "0111-0000-0000-0000-0000"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "7K3M-Q9XD-2HFA-PB4T",  # 16 symbols
        "7K3M-Q9XD-2HFA-PB4T-W8CZ-A",  # 21
        "7K3M-Q9XD-2HFA-PB4T-W8CU",  # U is not in the alphabet
        "7K3M/Q9XD/2HFA/PB4T/W8CZ",
        "7K3M-Q9XD-2HFA-PB4T-W8C\u0417",  # Cyrillic Ze
        "\x00" * 20,
        "7" * 10_000,
        None,
        12345,
    ],
)
def test_anything_else_is_not_a_code(typed):
    assert codes.normalise(typed) is None
