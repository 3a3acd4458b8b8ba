"""Chinese full-text search over the disclosure catalogue (tantivy, character bigrams).

The engine (document, tokens, schema, query, engine, …) knows nothing of Django;
indexing.py, jobs.py and source.py connect it to the catalogue and the task queue.
"""
