"""Pure-Python core: identifiers, nomenclature, grappe, campaign rules, eligibility, budget.

Nothing here imports Qt, SQLAlchemy or ReportLab: the rules must be testable and reusable by the
command line, the store, the PDF and the GUI alike.
"""
