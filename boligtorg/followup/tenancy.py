"""Makers for the tenancy walk of the follow-up module's URL parameters (see
``boligtorg.core.testing.tenancy``)."""
