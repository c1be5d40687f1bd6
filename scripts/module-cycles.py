#!/usr/bin/env python3
"""Fails when the modules of a crate import each other in a cycle.

For every crate under crates/, each module (a file) gets an edge to each module it uses: through
`use` declarations and through paths in code (`crate::a::b`, `super::c`, `self::d`, or a child
module's name). A name a module re-exports (`pub use x::Y`) is followed to where it is defined,
so importing `crate::Db` depends on the module that defines `Db`, not on the crate root that
re-exports it. `mod x;` declarations are ownership, not use. Comments and string literals are
ignored. Then every strongly connected component of more than one module is a cycle.

Usage: scripts/module-cycles.py [crates-dir]   (exit status 1 when a cycle is found)
"""

import re
import sys
from pathlib import Path

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def strip(source: str) -> str:
    """Removes comments, string and char literals (keeping line structure roughly)."""
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if source.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif source.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif c == "r" and re.match(r'r#*"', source[i:]):
            hashes = re.match(r"r(#*)\"", source[i:]).group(1)
            end = source.find('"' + hashes, i + 2 + len(hashes))
            out.append('""')
            i = n if end < 0 else end + 1 + len(hashes)
        elif c == '"':
            i += 1
            while i < n and source[i] != '"':
                i += 2 if source[i] == "\\" else 1
            out.append('""')
            i += 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", source[i:]):
            m = re.match(r"'(\\.|[^\\'])'", source[i:])
            out.append("' '")
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def drop_inline_modules(text: str) -> str:
    """Removes inline `mod name { … }` blocks (test modules): their `super::*` is theirs."""
    out, i = [], 0
    for m in re.finditer(r"\bmod\s+" + IDENT + r"\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i : m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def modules_of(src: Path):
    """Maps module paths (tuples) to their files, for one crate's src folder."""
    root = src / "lib.rs" if (src / "lib.rs").exists() else src / "main.rs"
    found = {(): root}

    def visit(path, file):
        text = strip(file.read_text())
        folder = file.parent if file.name in ("mod.rs", "lib.rs", "main.rs") else file.with_suffix("")
        for m in re.finditer(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;", text, re.M):
            name = m.group(1)
            for candidate in (folder / f"{name}.rs", folder / name / "mod.rs"):
                if candidate.exists():
                    found[path + (name,)] = candidate
                    visit(path + (name,), candidate)
                    break

    visit((), root)
    return found


def use_trees(text: str):
    """Yields (is_pub, path segments) for every leaf of every `use` declaration."""
    for m in re.finditer(r"(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", text):
        is_pub = m.group(1) is not None
        for leaf in expand(m.group(2).replace("\n", " ")):
            yield is_pub, leaf


def expand(tree: str, prefix=()):
    tree = tree.strip()
    if not tree:
        return
    if "{" not in tree:
        for part in split_top(tree):
            part = re.sub(r"\s+as\s+" + IDENT, "", part.strip())
            segs = [s for s in part.split("::") if s]
            if segs:
                yield prefix + tuple(segs)
        return
    for part in split_top(tree):
        part = part.strip()
        if "{" in part:
            head, _, rest = part.partition("{")
            inner = rest[: rest.rfind("}")]
            head_segs = tuple(s for s in head.split("::") if s.strip())
            yield from expand(inner, prefix + tuple(s.strip() for s in head_segs))
        else:
            yield from expand(part, prefix)


def split_top(text: str):
    depth, start = 0, 0
    for i, c in enumerate(text):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            yield text[start:i]
            start = i + 1
    yield text[start:]


def absolute(module, segs):
    """The absolute path of `segs` used in `module`, or None for other crates."""
    segs = list(segs)
    base = list(module)
    if segs[0] == "crate":
        return tuple(segs[1:])
    if segs[0] in ("super", "self"):
        while segs and segs[0] in ("super", "self"):
            if segs.pop(0) == "super":
                base = base[:-1]
        return tuple(base + segs)
    return None


def analyse(src: Path):
    modules = modules_of(src)
    texts = {m: drop_inline_modules(strip(f.read_text())) for m, f in modules.items()}
    # Re-exports: module -> {name: absolute path of what it names}
    reexports = {m: {} for m in modules}
    for m, text in texts.items():
        for is_pub, segs in use_trees(text):
            if not is_pub:
                continue
            target = absolute(m, segs)
            if target is None and segs[0] in {k[-1] for k in modules if k and k[:-1] == m}:
                target = m + tuple(segs)
            if target:
                reexports[m][target[-1]] = target

    def resolve(path, seen=()):
        """The module that defines what `path` names."""
        best = ()
        for i in range(len(path), -1, -1):
            if tuple(path[:i]) in modules:
                best = tuple(path[:i])
                rest = path[i:]
                break
        if rest and rest[0] in reexports.get(best, {}) and (best, rest[0]) not in seen:
            return resolve(reexports[best][rest[0]] + tuple(rest[1:]), seen + ((best, rest[0]),))
        return best

    edges = {m: set() for m in modules}
    for m, text in texts.items():
        children = {k[-1] for k in modules if k and k[:-1] == m}
        paths = []
        for _, segs in use_trees(text):
            target = absolute(m, segs)
            if target is None and segs[0] in children:
                target = m + tuple(segs)
            if target is not None:
                paths.append(target)
        body = re.sub(r"(pub(?:\([^)]*\))?\s+)?use\s+[^;]+;", "", text)
        for p in re.finditer(r"(?<![:\w])((?:crate|super|self)(?:::" + IDENT + r")+)", body):
            target = absolute(m, p.group(1).split("::"))
            if target is not None:
                paths.append(target)
        for p in re.finditer(r"(?<![:\w.])(" + IDENT + r")::", body):
            if p.group(1) in children:
                paths.append(m + (p.group(1),))
        for target in paths:
            t = resolve(target)
            if t != m:
                edges[m].add(t)
    return modules, edges


def cycles(edges):
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                strong(w)
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
            if len(comp) > 1:
                out.append(comp)

    sys.setrecursionlimit(10000)
    for v in edges:
        if v not in index:
            strong(v)
    return out


def name(crate, module):
    return "::".join((crate,) + module) if module else crate


def main():
    crates = Path(sys.argv[1] if len(sys.argv) > 1 else "crates")
    failed = False
    for src in sorted(crates.glob("*/src")):
        crate = src.parent.name.replace("-", "_")
        modules, edges = analyse(src)
        found = cycles(edges)
        count = sum(len(e) for e in edges.values())
        if found:
            failed = True
            for comp in found:
                members = sorted(comp)
                print(f"{crate}: modules import each other in a cycle: " + ", ".join(name(crate, m) for m in members))
                for a in members:
                    for b in sorted(edges[a] & set(members)):
                        print(f"    {name(crate, a)} -> {name(crate, b)}")
        else:
            print(f"{crate}: {len(modules)} modules, {count} imports between them, no cycle")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
