"""History & insights: the window, its Timeline and Insights tabs, and the timeline model.

`window` builds the window from `timeline_tab` (with its `filter_bar` and `moment_editor`)
and `insights_tab`; `model` reads timeline pages on the worker thread and paints them.
Nothing here imports the rest of the window modules except through these names.
"""
