"""Helpers the tests share: fixtures' builders, emulations, corpora of hostile submissions."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout
