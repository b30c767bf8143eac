"""Drawings for notebook 03 (norms)."""

__all__ = []
