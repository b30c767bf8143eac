"""Drawings for notebook 04 (derivatives and computation graphs)."""

__all__ = []
