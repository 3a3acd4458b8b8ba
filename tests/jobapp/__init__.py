"""A test-only app whose tasks the worker subprocesses of tests/test_job_faults.py run."""
