"""Learning's hand-written SQL, in one place: the statements of starting, answering and finishing.

Through the ORM, building these statements cost more CPU than running them
(docs/benchmarks.md). Each returns plain values of `learning.data`, never a model instance
filled in part. Portable SQL for SQLite and PostgreSQL alike.
"""
