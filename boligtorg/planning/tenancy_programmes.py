"""Makers for the tenancy walk of the programmes pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""
