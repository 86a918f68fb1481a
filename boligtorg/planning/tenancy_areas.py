"""Makers for the tenancy walk of the areas pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""
