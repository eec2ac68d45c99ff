"""The reviews app's pages, a module for each: case reviews, and their lessons and recommendations."""
