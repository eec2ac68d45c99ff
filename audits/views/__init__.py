"""The audits app's pages, a module for each: Section 11 cycles and their compliance report, agencies'
submissions, and frameworks of standards."""
