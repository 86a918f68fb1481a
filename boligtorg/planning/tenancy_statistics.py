"""Makers for the tenancy walk of the statistics pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""
