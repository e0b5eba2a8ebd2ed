"""Lessons 04 and 05: reading a liver panel (drug-induced liver injury), and causality in one
patient (RUCAM versus fatty liver, MASLD).

``model`` holds the clinical formulas (R ratio, DILI criteria, Hy's law, FIB-4, NFS, MASLD,
RUCAM, all seven items), ``figures`` the live figures, ``app`` the interactive demos.
"""
