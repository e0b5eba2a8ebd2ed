"""Lesson 06: holistic care planning for chronic pain while watching the liver."""
