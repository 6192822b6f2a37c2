"""The CSIL domain: snapshots, the public record, the importer, metrics (no dash, no plotly)."""
