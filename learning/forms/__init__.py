"""The learning app's forms: each part of the app in its own module."""
