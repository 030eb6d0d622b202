"""The type stubs (polgraph/__init__.pyi) describe the package as it is: every public name, and
each function and method with the runtime's parameters; every public one has a docstring."""

import ast
import inspect
import os
import unittest

import polgraph


def stub_functions(tree):
    """{"name" or "Class.name": [parameter names]} of the stub's functions and methods."""
    out = {}

    def params(f):
        a = f.args
        names = [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs]
        if a.vararg:
            names.append("*" + a.vararg.arg)
        if a.kwarg:
            names.append("**" + a.kwarg.arg)
        return [n for n in names if n not in ("self", "cls")]

    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = params(node)
        elif isinstance(node, ast.ClassDef):
            out[node.name] = None
            for m in node.body:
                if isinstance(m, ast.FunctionDef) and not m.name.startswith("_"):
                    out[f"{node.name}.{m.name}"] = params(m)
    return out


def runtime_params(f):
    names = []
    for p in inspect.signature(f).parameters.values():
        if p.name in ("self", "cls"):
            continue
        prefix = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "")
        names.append(prefix + p.name)
    return names


class ApiTest(unittest.TestCase):
    def test_the_stubs_match_the_package(self):
        path = os.path.join(os.path.dirname(polgraph.__file__), "__init__.pyi")
        with open(path) as f:
            stubs = stub_functions(ast.parse(f.read()))
        for name in polgraph.__all__:
            with self.subTest(name=name):
                self.assertIn(name, stubs)
                obj = getattr(polgraph, name)
                self.assertTrue(obj.__doc__, f"{name} has no docstring")
                if inspect.isfunction(obj):
                    self.assertEqual(stubs[name], runtime_params(obj))
                elif inspect.isclass(obj) and not issubclass(obj, BaseException):
                    for attr, value in vars(obj).items():
                        if attr.startswith("_") or not callable(getattr(obj, attr)):
                            continue
                        with self.subTest(method=f"{name}.{attr}"):
                            self.assertTrue(getattr(obj, attr).__doc__)
                            self.assertEqual(stubs[f"{name}.{attr}"],
                                             runtime_params(getattr(obj, attr)))


if __name__ == "__main__":
    unittest.main()
