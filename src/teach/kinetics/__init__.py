"""Lesson 02: from leaf to receptor (dose, pharmacokinetics, metabolism, interactions)."""
