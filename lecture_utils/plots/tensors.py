"""Drawings for notebook 01 (tensors)."""
__all__ = []
