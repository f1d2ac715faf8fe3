"""Widgets more than one window uses: segmented choices, elided labels, outcome rows, form pieces.

A widget lives here once a second window needs it; these modules import only Qt, the core's
domain and `mlcoach.ui.names`/`colours`/`i18n`, never a window module.
"""
