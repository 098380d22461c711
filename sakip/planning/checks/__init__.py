"""Pure rule modules (no Django): cascade coverage, SMART per indicator, IKU stability.

Each takes plain data and returns plain data with Indonesian reasons, so the UI, the report,
the Excel export and the Evaluation app's automatic LKE answers all say the same thing.
"""
