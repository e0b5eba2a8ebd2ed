"""Lesson 04: causation in one patient, drug-induced liver injury versus fatty liver (MASLD).

``model`` holds the clinical formulas (R ratio, DILI criteria, Hy's law, FIB-4, NFS, MASLD,
RUCAM, all seven items), ``figures`` the live figures, ``app`` the interactive demos.
"""
