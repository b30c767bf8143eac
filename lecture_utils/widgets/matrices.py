"""Explorers for notebook 02 (matrix operations)."""

__all__ = []
