"""The capstone: an evidence brief about Sam for his clinician."""
