"""AST → rule text: how a condition, deadline or subject reads, for answers and explanations."""

from __future__ import annotations

from engine import ast


def value(node: ast.Value) -> str:
    if isinstance(node, ast.Symbol):
        return node.name
    if isinstance(node, ast.Number):
        return str(int(node.value)) if node.value == int(node.value) else str(node.value)
    if isinstance(node, ast.Text):
        return f'"{node.value}"'
    if isinstance(node, ast.DateLit):
        return node.value.isoformat()
    if isinstance(node, ast.Flag):
        return "true" if node.value else "false"
    if isinstance(node, ast.Today):
        return "today"
    return f"param {node.name}"


def period(node: ast.Period) -> str:
    if isinstance(node, ast.FixedPeriod):
        return f"{node.amount} {node.unit}"
    return f"param {node.name}"


def test(node: ast.Test) -> str:
    if node.op == "in":
        return f"{node.field_name} in [{', '.join(value(v) for v in node.values)}]"
    return f"{node.field_name} {node.op} {value(node.values[0])}"


def operand(node: ast.Operand) -> str:
    text = f"{node.ref}.{node.field_name}"
    return f"{text} + {period(node.offset)}" if node.offset is not None else text


def through(node: ast.Exists | ast.Count) -> str:
    """`` of unit.staff_of`` where a condition reads the facts of the subject's linked unit."""
    return f" of {operand(node.through)}" if node.through is not None else ""


def condition(node: ast.Condition, nested: bool = False) -> str:
    """The condition as rule text (parenthesised where it nests)."""
    if isinstance(node, ast.Exists):
        alias = f" as {node.alias}" if node.alias else ""
        return f"{node.fact}({', '.join(test(t) for t in node.tests)}){through(node)}{alias}"
    if isinstance(node, ast.Count):
        tests = ", ".join(test(t) for t in node.tests)
        return (
            f"count {node.fact}({tests}){through(node)} >= {value(node.at_least)}"
            f" within {period(node.within)}"
        )
    if isinstance(node, ast.OpenTerm):
        return f"param {node.name}"
    if isinstance(node, ast.Compare):
        right = operand(node.right) if isinstance(node.right, ast.Operand) else value(node.right)
        return f"{operand(node.left)} {node.op} {right}"
    if isinstance(node, ast.Not):
        return f"not {condition(node.item, True)}"
    joiner = " and " if isinstance(node, ast.AllOf) else " or "
    text = joiner.join(condition(i, True) for i in node.items)
    return f"({text})" if nested else text


def deadline(node: ast.Deadline) -> str:
    """The deadline as rule text."""
    if isinstance(node, ast.Within):
        return f"within {period(node.period)} after {node.after.fact}.{node.after.field_name}"
    if isinstance(node, ast.Immediately):
        return f"immediately after {node.after.fact}.{node.after.field_name}"
    if isinstance(node, ast.ByDate):
        return f"by {node.date.fact}.{node.date.field_name}"
    if isinstance(node, ast.Every):
        return f"every {period(node.period)}"
    parts = ["every year"]
    if node.at_least:
        parts.append(f"at_least {node.at_least}")
    if node.by_month_day:
        parts.append(f"by {node.by_month_day[0]:02d}-{node.by_month_day[1]:02d}")
    if node.in_week:
        parts.append(f"in month {node.in_week[0]} week {node.in_week[1]}")
    return " ".join(parts)


def subject(node: ast.Subject) -> str:
    if node.tag is not None:
        return f"tag {node.tag}"
    return f"{node.kind}({', '.join(node.levels)})" if node.levels else str(node.kind)
