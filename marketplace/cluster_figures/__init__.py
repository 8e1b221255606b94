"""A cluster's dashboard for its managers: figures by month, partner country and sector, and benchmarking."""
