"""One module per family of checks; each reads a ``CrawlResult`` and yields observations."""
