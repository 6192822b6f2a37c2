"""Analysis views' pure layer: gaps, ranking, peers, search, profile, compare, corrections."""
