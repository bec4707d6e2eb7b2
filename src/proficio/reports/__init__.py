"""Read models for teachers' reports: mastery progress, skill levels and activity, and CSV.

Every report reads the progress caches (`CourseProgress`, `UnitProgress`, `SkillState`,
`ActivityDay`), never the attempt log, so its cost grows with the learners and columns shown,
not with the class's history. Reports are given the class and the learners to show (the caller
resolves a group); they check that a course or unit they are asked for is the class's.
"""
