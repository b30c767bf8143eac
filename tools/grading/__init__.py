"""Grading a class behind a trust boundary (used by tools/grade.py; README "For instructors").

By topic:

- ``discover``   find submissions: ``<student>/<notebook>.ipynb``, renamed copies, nbgrader's layout;
- ``submission`` read a file without trusting it, find its exercise cells, write the runner's plan;
- ``sandbox``    bubblewrap (no network, pid namespace, read-only student edition, private /tmp), caps;
- ``runner``     the only code that runs student code, inside the sandbox: answers out as plain data;
- ``judge``      outside: decode the runner's lines with limits, ``evaluate_data`` with the key;
- ``rules``      forbidden functions per exercise and the grading rule shown to students;
- ``one``        one student's notebooks: plan, run, judge (reruns after a stopped sandbox);
- ``gradebook``  per-submission result files (atomic), grades.csv, merge of shards;
- ``feedback``, ``report``, ``export``  pages per student, the class report, Canvas/Moodle CSV;
- ``stages``     plan / judge steps around a runner container (deploy/grade-job.yaml);
- ``hub``        collect from homes or nbgrader's exchange, return feedback pages;
- ``nbgrader_course`` the release's nbgrader config keeps an instructor's course_id.
"""
