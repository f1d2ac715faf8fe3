"""The command line (`main`), the coach commands (`coach`) and `doctor`, which reads every
other part. The top of the core: anything may be imported from here, nothing imports it
except `mlcoach.__main__`. It opens windows only through a lazy import of `mlcoach.ui`.
"""
