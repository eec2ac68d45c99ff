"""The performance app's pages, a module for each: the scorecard, indicators and their targets, figures.
Office staff edit; everyone else who can see the board gets 403, other boards 404."""
