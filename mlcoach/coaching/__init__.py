"""When and what to prompt: the pure scheduler (`scheduler`), the prompt library (`content`)
and choice (`chooser`), the coach service the app drives (`service`), meeting calendars
(`calendar_ics`) and preparation (`meeting_prep`), the weekly focus and "on this day".

May import `domain`, `system`, `store` and `influence`.
"""
