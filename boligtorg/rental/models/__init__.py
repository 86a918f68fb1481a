"""The private rental market: search cases, landlords as partners, deposit and rent
guarantees with their claims, and referral agreements (seeds 002 and 003)."""
