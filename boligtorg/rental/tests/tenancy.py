"""Makers for the tenancy walk of the rental pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""
