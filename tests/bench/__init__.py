"""Speed and memory benchmarks (``make bench``): run as scripts, never collected as tests."""
