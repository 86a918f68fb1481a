"""Makers for the tenancy walk of the career pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""
