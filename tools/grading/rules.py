"""What each exercise forbids, and the grading rule every student notebook states above its first exercise.

A forbidden function is forbidden in the student's own code for that exercise: the exercise
cell and the cells the student added before it (since the previous exercise). Course cells may
use it. Two checks, both needed: the judge reads those cells' source outside the sandbox
(``static_breaks``: a name or ``a.b`` suffix, or the ``@`` operator), and inside the sandbox
the functions themselves raise while those cells and the exercise's function run (the
runner's ``Forbidden``), which also catches a name bound earlier (``f = np.linalg.norm``).
"""

import ast

# exercise id -> (functions replaced by a raiser in the sandbox, names the source must not use)
FORBIDDEN = {
    "02.entry_by_hand": (("numpy.matmul", "numpy.dot"), ("@", "matmul", "dot")),
    "03.lp_norm": (("numpy.linalg.norm", "lecture_utils.linalg.lp_norm"), ("linalg.norm", "lp_norm")),
    "03.frobenius_by_hand": (("numpy.linalg.norm", "lecture_utils.linalg.frobenius_norm",
                              "lecture_utils.linalg.lp_norm"), ("linalg.norm", "frobenius_norm", "lp_norm")),
    "06.cost": (("lecture_utils.logistic.log_loss", "lecture_utils.logistic.cost"), ("log_loss",)),
    "06.train": (("lecture_utils.logistic.gradients", "lecture_utils.logistic.LogisticRegression"),
                 ("gradients", "LogisticRegression")),
    "07.backprop": (("lecture_utils.network.backward",), ("backward",)),
}

GRADING_RULE = """\
**How this notebook is graded.** Each exercise is graded from the value you pass to `check(...)` \
in its exercise cell, whatever you call it (you may also write the answer inside the `check(...)` \
line). Your notebook is run top to bottom in a fresh kernel, as you submit it: cells you add or \
edit run in their place, so a helper cell must come *before* the exercise that uses it. If you copy an \
exercise cell, the copy you ran last is graded. Where an exercise says not to use a function, \
using it (directly or through a helper) gives that exercise 0 ("rule broken"). The grader runs \
your code without network access and with limits on time and memory; printed text is not read.\
"""


def runtime_forbidden(exercise_id):
    """The dotted names of functions that raise in the sandbox while ``exercise_id``'s code runs."""
    return list(FORBIDDEN.get(exercise_id, ((), ()))[0])


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def static_breaks(exercise_id, sources):
    """The first forbidden name that ``sources`` (the student's own code for the exercise) use, or None."""
    patterns = FORBIDDEN.get(exercise_id, ((), ()))[1]
    if not patterns:
        return None
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        bound |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        for node in ast.walk(tree):
            if "@" in patterns and isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult):
                return "@"
            if isinstance(node, ast.alias) and node.name.split(".")[-1] in patterns:
                return node.name
            if isinstance(node, (ast.Attribute, ast.Name)) and isinstance(node.ctx, ast.Load):
                dotted = _dotted(node)
                for pattern in patterns:
                    if "." in pattern and (dotted == pattern or dotted.endswith("." + pattern)):
                        return pattern
                    if "." not in pattern and pattern != "@" and dotted.split(".")[-1] == pattern \
                            and not (isinstance(node, ast.Name) and pattern in bound):
                        return pattern
    return None


RULE_TAG = "grading-rule"


def with_grading_rule(nb):
    """``nb`` (a student edition) with :data:`GRADING_RULE` as a markdown cell above its first exercise.

    The cell goes above the text introducing the first exercise (the markdown cell right before
    the exercise cell), is tagged ``grading-rule`` and is added once (a second call changes nothing).
    """
    import nbformat

    cells = nb.cells
    if any(RULE_TAG in c.get("metadata", {}).get("tags", []) for c in cells):
        return nb
    first = next((i for i, c in enumerate(cells) if "exercise" in c.get("metadata", {}).get("tags", [])), None)
    if first is None:
        return nb
    at = first - 1 if first > 0 and cells[first - 1].cell_type == "markdown" else first
    rule = nbformat.v4.new_markdown_cell(GRADING_RULE)
    rule.metadata["tags"] = [RULE_TAG]
    rule.id = RULE_TAG  # a fixed id: the same notebook gives the same edition (release_updates hashes it)
    cells.insert(at, rule)
    return nb
