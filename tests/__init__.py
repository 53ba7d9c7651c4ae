"""Tests of the whole portal that are not one app's: security; helpers others reuse."""
