"""Formulas of claims: arithmetic over other claims' ids, read safely. No Sphinx here.

A formula is an expression of claim ids, numbers, `+ - * /`, parentheses and `sum(...)`:
`deepseek-v3-gpu-hours * deepseek-v3-assumed-gpu-hour-price`. A claim id holds hyphens, so a
subtraction is written with spaces around its minus sign (`a - b`). The text is split into
tokens, the ids replaced by Python names, and the result parsed with `ast` and walked through a
whitelist of node types: nothing is ever evaluated by Python itself.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .records import JSONValue

if TYPE_CHECKING:
    from .units import Amount

#: at most this many characters and tokens: a formula is a line of arithmetic, not a program
MAX_LENGTH = 1000
MAX_TOKENS = 200

_TOKEN = re.compile(
    r"\s+|(?P<number>[0-9]*\.[0-9]+(?:e[+-]?[0-9]+)?)|(?P<word>[a-z0-9]+(?:-[a-z0-9]+)*)"
    r"|(?P<op>[-+*/(),])",
    re.IGNORECASE,
)
_OPERATORS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}


class FormulaError(ValueError):
    """A formula that cannot be read: the message says where and why."""


@dataclass(frozen=True)
class Token:
    kind: str  # "id", "number", "op" or "sum"
    text: str


def tokens(formula: str) -> list[Token]:
    """The formula's tokens; FormulaError at the first character that belongs to none."""
    if not isinstance(formula, str):
        raise FormulaError("a formula is text")
    if len(formula) > MAX_LENGTH:
        raise FormulaError(f"the formula is {len(formula)} characters long; at most {MAX_LENGTH}")
    found: list[Token] = []
    position = 0
    while position < len(formula):
        match = _TOKEN.match(formula, position)
        if match is None or match.end() == position:
            raise FormulaError(
                f"unexpected {formula[position]!r} at character {position + 1} of the formula"
            )
        position = match.end()
        if match.group("word"):
            found.append(_word(match.group("word"), formula, position))
        elif match.group("number"):
            found.append(Token("number", match.group("number")))
        elif match.group("op"):
            found.append(Token("op", match.group("op")))
    if len(found) > MAX_TOKENS:
        raise FormulaError(f"the formula has {len(found)} parts; at most {MAX_TOKENS}")
    return found


def _word(word: str, formula: str, end: int) -> Token:
    try:
        float(word)
        return Token("number", word)
    except ValueError:
        pass
    if word == "sum" and formula[end:].lstrip().startswith("("):
        return Token("sum", word)
    return Token("id", word.lower())


def formula_ids(formula: JSONValue) -> list[str]:
    """The claim ids a formula names, in order, once each; [] when it cannot be read."""
    try:
        return list(dict.fromkeys(t.text for t in tokens(formula) if t.kind == "id"))
    except FormulaError:
        return []


def parse(formula: str) -> tuple[ast.expr, dict[str, str]]:
    """The formula's checked syntax tree, and Python name -> claim id."""
    names: dict[str, str] = {}
    ids: dict[str, str] = {}
    parts = []
    for token in tokens(formula):
        if token.kind == "id":
            name = ids.setdefault(token.text, f"c{len(ids)}")
            names[name] = token.text
            parts.append(name)
        elif token.kind == "number":
            parts.append(repr(float(token.text)))
        else:
            parts.append(token.text)
    if not parts:
        raise FormulaError("the formula is empty")
    try:
        tree = ast.parse(" ".join(parts), mode="eval")
    except SyntaxError:
        raise FormulaError("the formula is not arithmetic that can be read") from None
    _check(tree.body, names)
    return tree.body, names


def _check(node: ast.AST, names: dict[str, str]) -> None:
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        _check(node.left, names)
        _check(node.right, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, names)
    elif _is_leaf(node, names):
        return
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "sum"
        and node.args
        and not node.keywords
    ):
        for arg in node.args:
            _check(arg, names)
    else:
        raise FormulaError("only claim ids, numbers, + - * /, parentheses and sum(...) are allowed")


def _is_leaf(node: ast.AST, names: dict[str, str]) -> bool:
    """A number, or a name that stands for a claim id."""
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float)
    return isinstance(node, ast.Name) and node.id in names


def evaluate(
    node: ast.expr,
    value_of: Callable[[str], Amount],
    number: Callable[[float], Amount],
) -> Amount:
    """Walk a checked tree: `value_of(name)` for ids, `number(x)` for numbers. The arithmetic of
    what they return (pint quantities) does the rest; their errors propagate."""
    result: Amount  # what pint's arithmetic gives is not typed: it is an amount again
    if isinstance(node, ast.BinOp):
        left = evaluate(node.left, value_of, number)
        right = evaluate(node.right, value_of, number)
        if isinstance(node.op, ast.Add):
            result = left + right
        elif isinstance(node.op, ast.Sub):
            result = left - right
        elif isinstance(node.op, ast.Mult):
            result = left * right
        else:
            result = left / right
        return result
    if isinstance(node, ast.UnaryOp):
        operand = evaluate(node.operand, value_of, number)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return number(float(node.value))
    if isinstance(node, ast.Name):
        return value_of(node.id)
    assert isinstance(node, ast.Call), "`_check` lets only sum(...) through"
    args = [evaluate(arg, value_of, number) for arg in node.args]
    total = args[0]
    for arg in args[1:]:
        total = total + arg
    return total


def shown_parts(formula: str) -> list[Token]:
    """The formula's tokens as a card writes them: × ÷ − for * / -."""
    words = {"*": "×", "/": "÷", "-": "−"}
    return [
        Token(t.kind, words.get(t.text, t.text)) if t.kind == "op" else t for t in tokens(formula)
    ]
