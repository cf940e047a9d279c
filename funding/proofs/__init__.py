"""The proof of use (Verwendungsnachweis): narrative report, financial statement and the authority's check."""
