"""The page layout: component trees, filled in by the callbacks."""
