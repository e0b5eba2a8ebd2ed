"""Lesson 03: correlation versus causation on a simulated chronic-pain cohort (model, figures, apps)."""
