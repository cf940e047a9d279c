"""Guideline editions (Förderrichtlinie) as data, with their post rules and extra items."""
