"""Lesson 07: checking popular claims about kratom against the evidence.

``model`` holds the cited claims table and the comparison of a learner's ratings with the
evidence, ``figures`` the live figures, ``app`` the interactive demos.
"""
