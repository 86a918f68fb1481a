"""Temporary accommodation (midlertidig botilbud): providers with their quality
agreements and the placements of households (sosialtjenesteloven § 27; seed 003)."""
