"""Drawings for notebook 06 (logistic regression)."""

__all__ = []
