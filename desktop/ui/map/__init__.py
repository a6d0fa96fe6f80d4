"""The offline county map of visits."""
