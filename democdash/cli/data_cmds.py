"""Commands on the curated data: validation and seeding (filled in by the foundation work)."""
