"""The history page: filters, tabs, tables, the pain chart, the calendar, and the care-team report."""
