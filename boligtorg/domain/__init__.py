"""Pure rules of the trade. No Django here: core/tests/test_domain_is_pure.py enforces it."""
