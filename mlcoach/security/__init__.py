"""Keys: the store's random key in the system keyring (`keys`), read directly from the
freedesktop Secret Service on Linux (`secretservice`), passphrases and the recovery key.

May import `mlcoach.domain` and `mlcoach.system`.
"""
