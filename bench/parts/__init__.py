"""One module per benchmark part: each has `run(...)`, which returns its lines for RESULTS.md and its numbers."""
