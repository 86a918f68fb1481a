"""Makers for the tenancy walk of the houses pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""
