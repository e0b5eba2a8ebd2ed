"""Lesson 01: mitragynine and 7-hydroxymitragynine at opioid receptors.

``model`` holds the receptor theory (occupancy, operational model, competitive antagonism,
signalling bias), ``figures`` the live figures, ``app`` the interactive demos.
"""
