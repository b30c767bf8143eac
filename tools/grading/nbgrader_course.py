"""nbgrader course folder helpers for `make release` (the release tool calls them).

``keep_course_id``: `make release` rebuilds ``build/release/nbgrader/``; an instructor who set
their own ``course_id`` in its ``nbgrader_config.py`` keeps it.
"""

import re

_COURSE_ID = re.compile(r"^c\.CourseDirectory\.course_id\s*=\s*(.+)$", re.MULTILINE)


def keep_course_id(template, previous):
    """``template`` (a config's text) with the ``course_id`` line of ``previous`` (an older config), if it had one."""
    found = _COURSE_ID.search(previous or "")
    if found is None:
        return template
    return _COURSE_ID.sub(lambda m: f"c.CourseDirectory.course_id = {found.group(1).strip()}", template, count=1)
