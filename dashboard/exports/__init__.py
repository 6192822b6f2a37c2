"""Exports for briefings (issue 14): figures, slide decks, data files and commune sheets of
the view on screen, each naming its sources, its date and "illustrative" where it applies.

:mod:`dashboard.exports.briefing` gathers what every export shows from the views (one
place, so the files tell the story the page tells); the other modules write one kind of
file each. No module here imports dash.
"""
