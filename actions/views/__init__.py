"""The actions app's pages, a module for each: plans, themes, update cycles and actions."""
