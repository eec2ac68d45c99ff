"""The reports app's pages, a module for each: the home page (dashboards per role) and annual reports."""
