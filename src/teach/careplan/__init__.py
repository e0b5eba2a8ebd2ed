"""Lesson 05: holistic care planning for chronic pain while watching the liver."""
