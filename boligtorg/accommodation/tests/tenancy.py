"""Makers for the tenancy walk of the accommodation pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""
