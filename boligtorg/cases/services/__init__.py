"""Writes of the cases app, one module per area: applications (persons, households,
applications), decisions (decisions, letters, appeals), team (interview, team, consent)."""
