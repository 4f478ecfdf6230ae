#!/usr/bin/env python3
"""module-graph.py [--drop FROM->TO]... SRC_DIR... — a crate's top-level module graph, and its cycles.

Reads every `.rs` file under each SRC_DIR (a crate's `src/`), finds its references to the crate's
own modules (`use crate::x::..`, `use crate::{x::.., y}`, `crate::x::..` in code, and `super::`
paths that climb to the crate root), and builds the graph of top-level modules: `src/x.rs` and
everything under `src/x/` are module `x`. Names the crate root re-exports (`pub use crate::x::Y`
in `lib.rs`) count as references to `x`; names that are not a module of the crate (an external
crate re-exported at the root, `__private`) are left out. Comments and string literals are
ignored, and so are tests: files under a `tests/` folder, `#[cfg(test)]` items (`mod tests { .. }`
and `mod tests;` with its file).

Prints each module's dependencies, then the strongly connected components; for each one with more
than one module, the edges inside it with the file and line of one reference each. Exits 1 when
a component has more than one module (a cycle), 0 otherwise. `--drop FROM->TO` leaves an edge
out, to see what is left once a planned move lands. Python 3 standard library only.
"""

import os
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def strip(text):
    """Blanks comments, string and char literals, keeping newlines (so line numbers hold)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 20]) and not re.match(r"[A-Za-z0-9_]", text[i - 1:i] or " "):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = text.find('"' + hashes, i + len(hashes) + 2)
            end = n if end < 0 else end + 1 + len(hashes)
            out.append('""' + "\n" * text.count("\n", i, end))
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'":
            # A char literal ('a', '\n', '\u{..}'), not a lifetime ('a).
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:i + 12])
            if m:
                out.append("' '")
                i += len(m.group(0))
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def block_end(text, start):
    """The index just past the item starting at `start`: its `{ .. }` block or its `;`."""
    depth = 0
    for j in range(start, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        elif text[j] == ";" and depth == 0:
            return j + 1
    return len(text)


CFG_TEST = re.compile(r"#\[cfg\((?:all\()?\s*test\b[^\]]*\]")


def drop_tests(text):
    """Blanks `#[cfg(test)]` items; returns the text and the names of `mod NAME;` test files."""
    test_files = []
    while True:
        m = CFG_TEST.search(text)
        if not m:
            return text, test_files
        start = m.start()
        rest = m.end()
        # Skip further attributes before the item.
        while True:
            a = re.match(r"\s*#\[[^\]]*\]", text[rest:])
            if not a:
                break
            rest += a.end()
        decl = re.match(r"\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;", text[rest:])
        if decl:
            test_files.append(decl.group(1))
        end = block_end(text, rest)
        text = text[:start] + "\n" * text.count("\n", start, end) + text[end:]


def module_of(rel):
    """The top-level module of a file, by its path relative to src/; None for the crate root."""
    parts = rel.split(os.sep)
    if len(parts) == 1:
        name = parts[0][:-3]
        return None if name in ("lib", "main") else name
    return parts[0]


def module_path(rel):
    """The module path of a file: `a/b.rs` and `a/b/mod.rs` are ["a", "b"]."""
    parts = rel[:-3].split(os.sep)
    if parts[-1] == "mod" or (len(parts) == 1 and parts[0] in ("lib", "main")):
        parts = parts[:-1]
    return parts


def use_groups(text, pos):
    """The first segments of the paths of a use tree starting at `pos` (just past `crate::`)."""
    m = re.match(r"\s*(" + IDENT + r"|\{)", text[pos:])
    if not m:
        return []
    if m.group(1) != "{":
        return [m.group(1)]
    firsts, depth, expect = [], 0, True
    j = pos + m.start(1)
    while j < len(text):
        c = text[j]
        if c == "{":
            depth += 1
            expect = depth == 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                break
        elif c == "," and depth == 1:
            expect = True
        elif expect and depth == 1:
            w = re.match(IDENT, text[j:])
            if w:
                firsts.append(w.group(0))
                expect = False
                j += w.end()
                continue
        j += 1
    return firsts


def root_aliases(src, modules):
    """Names the crate root re-exports from its modules: `pub use crate::{x::Y}` makes Y → x."""
    aliases = {}
    for root in ("lib.rs", "main.rs"):
        path = os.path.join(src, root)
        if not os.path.exists(path):
            continue
        text = strip(open(path, encoding="utf-8").read())
        for m in re.finditer(r"\buse\s+crate\s*::\s*", text):
            tree = text[m.end():block_end(text, m.end())]
            for module, names in re.findall(r"\b(" + IDENT + r")\s*::\s*(\{[^{}]*\}|" + IDENT + r")", tree):
                if module in modules:
                    for name in re.findall(IDENT, names):
                        aliases.setdefault(name, module)
    return aliases


def graph(src):
    files = []
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d != "tests")
        for f in sorted(filenames):
            if f.endswith(".rs"):
                files.append(os.path.relpath(os.path.join(dirpath, f), src))
    modules = {module_of(rel) for rel in files} - {None}
    aliases = root_aliases(src, modules)
    texts, excluded = {}, set()
    for rel in files:
        text, test_files = drop_tests(strip(open(os.path.join(src, rel), encoding="utf-8").read()))
        texts[rel] = text
        base = os.path.dirname(rel) if os.path.basename(rel) in ("mod.rs", "lib.rs", "main.rs") else rel[:-3]
        for name in test_files:
            excluded.add(os.path.normpath(os.path.join(base, name + ".rs")))
            excluded.add(os.path.normpath(os.path.join(base, name, "mod.rs")))
    edges = {m: {} for m in modules}
    for rel in files:
        if rel in excluded:
            continue
        me = module_of(rel)
        if me is None:
            continue
        text = texts[rel]

        def add(target, offset):
            target = aliases.get(target, target) if target not in modules else target
            if target in modules and target != me and target not in edges[me]:
                edges[me][target] = f"{rel}:{text.count(chr(10), 0, offset) + 1}"

        for m in re.finditer(r"(?<![A-Za-z0-9_:])crate\s*::\s*", text):
            for first in use_groups(text, m.end()):
                add(first, m.start())
        here = module_path(rel)
        for m in re.finditer(r"(?<![A-Za-z0-9_:])((?:super\s*::\s*)+)(" + IDENT + r"|\{)", text):
            ups = m.group(1).count("super")
            if ups == len(here):
                for first in use_groups(text, m.start(2)):
                    add(first, m.start())
    return edges


def components(edges):
    """Tarjan's strongly connected components, each sorted, in a stable order."""
    index, low, on, stack, out = {}, {}, set(), [], []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main(args):
    if not args:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    dropped = []
    while args and args[0] == "--drop":
        dropped.append(tuple(args[1].split("->")))
        args = args[2:]
    status = 0
    for src in args:
        edges = graph(src)
        for a, b in dropped:
            if edges.get(a, {}).pop(b, None) is not None:
                print(f"{src}: leaving out {a} -> {b}")
        print(f"{src}: {len(edges)} top-level modules")
        for m in sorted(edges):
            print(f"  {m} -> {', '.join(sorted(edges[m])) or '-'}")
        cycles = [c for c in components(edges) if len(c) > 1]
        if not cycles:
            print("  no cycle: every strongly connected component is one module")
        for c in cycles:
            status = 1
            print(f"  CYCLE of {len(c)} modules: {{{', '.join(c)}}}")
            for m in c:
                for t in sorted(edges[m]):
                    if t in c:
                        print(f"    {m} -> {t}  ({edges[m][t]})")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
