"""Explorers for notebook 05 (gradient descent)."""

__all__ = []
