"""Returnee pages are for coordinators and guardians only: none is public."""

PUBLIC: set[str] = set()
