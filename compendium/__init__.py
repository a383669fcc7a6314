"""Helpers shared by the compendium's notebooks: paths, validated data loading, plot style."""
