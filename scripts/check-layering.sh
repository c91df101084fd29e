#!/usr/bin/env bash
# Checks the module layering that Package.swift declares, in two ways, and fails with a sentence
# naming the file for each problem:
#  1. every `import X` in a target's sources names a module the target declares as a dependency
#     in Package.swift (directly: SwiftPM's --explicit-target-dependency-import-check accepts a
#     module reached through another dependency, which lets a stage lean on a module it never
#     declared);
#  2. the module list of docs/architecture.md ("Layout") names every target under Sources/ and
#     lists each after the modules it depends on, so the order a reader is shown is one the
#     build allows.
# Imports of modules outside the package graph (Foundation, Glibc, Testing, …) are not checked.
# Run by `make test`. Usage: scripts/check-layering.sh [REPOSITORY]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
[ -d .build/checkouts ] || swift package resolve >/dev/null  # the dependencies' own modules (such as CYaml)
package_json=$(mktemp)
trap 'rm -f "$package_json"' EXIT
swift package dump-package > "$package_json"
python3 - "$package_json" <<'PYTHON'
import glob, json, os, re, sys

# Imports that are known and allowed although not declared, each with the reason.
ALLOWED = {
    ("SieveSpec", "CYaml"): "Yams exposes libyaml's event stream only through its internal C target, which it does not "
                            "offer as a product; AliasBudget needs those events to bound aliases before Yams composes "
                            "the document (Yams' own compose hangs on an alias bomb used as a key)",
}

package = json.load(open(sys.argv[1]))
IMPORT = re.compile(r"^\s*(?:@[\w()]+\s+)*import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?(\w+)")

def dependency_names(target):
    names = set()
    for dependency in target.get("dependencies", []):
        for how in ("byName", "target", "product"):
            if how in dependency:
                names.add(dependency[how][0])
    return names

targets = {t["name"]: t for t in package["targets"]}
declared_products = {d["product"][0] for t in package["targets"] for d in t.get("dependencies", []) if "product" in d}
# Modules of the package graph: this package's targets, its dependencies' products, and the
# targets inside the dependencies' checkouts (such as Yams' CYaml).
graph_modules = set(targets) | declared_products
for folder in glob.glob(".build/checkouts/*/Sources/*/"):
    graph_modules.add(os.path.basename(os.path.normpath(folder)))

def source_folder(target):
    if target.get("path"):
        return target["path"]
    return os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])

def module_name(name):
    return name.replace("-", "_")

problems, allowed_seen = [], []
for name, target in sorted(targets.items()):
    if target["type"] in ("system", "plugin", "binary"):
        continue
    allowed = {module_name(d) for d in dependency_names(target)} | {module_name(name)}
    for path in sorted(glob.glob(os.path.join(source_folder(target), "**", "*.swift"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                match = IMPORT.match(line)
                if not match:
                    continue
                module = match.group(1)
                if module not in graph_modules or module in allowed:
                    continue
                if (name, module) in ALLOWED:
                    allowed_seen.append(f"{path}:{number}: imports {module} undeclared, allowed: {ALLOWED[(name, module)]}.")
                    continue
                problems.append(f"{path}:{number}: the target {name} imports {module}, which Package.swift does not "
                                f"declare among {name}'s dependencies; declare it there (if the layering allows it) "
                                f"or stop importing it.")

# The module list of docs/architecture.md, in its order.
listed, in_block, started = [], False, False
for line in open("docs/architecture.md", encoding="utf-8"):
    if line.startswith("## Layout"):
        started = True
    elif started and line.startswith("```"):
        if in_block:
            break
        in_block = True
    elif in_block:
        match = re.match(r"^([\w-]+(?:, [\w-]+)*)\s{2,}\S", line)
        if match:
            listed += match.group(1).split(", ")
in_sources = sorted(n for n, t in targets.items()
                    if t["type"] in ("regular", "executable") and source_folder(t) == os.path.join("Sources", n))
for name in in_sources:
    if name not in listed:
        problems.append(f"docs/architecture.md: the Layout list does not name the target {name} of Package.swift; add it "
                        f"after the modules it depends on.")
for position, name in enumerate(listed):
    if name not in targets:
        problems.append(f"docs/architecture.md: the Layout list names {name}, which is not a target of Package.swift.")
        continue
    for dependency in sorted(dependency_names(targets[name])):
        if dependency in listed and listed.index(dependency) > position:
            problems.append(f"docs/architecture.md: the Layout list puts {name} before {dependency}, which {name} depends "
                            f"on in Package.swift; list {dependency} first.")

for note in allowed_seen:
    print(note)
for problem in problems:
    print(problem, file=sys.stderr)
if problems:
    print(f"check-layering: {len(problems)} problem(s) with the module layering.", file=sys.stderr)
    sys.exit(1)
print(f"check-layering: every import of the package's modules is declared in Package.swift, and docs/architecture.md "
      f"lists the {len(listed)} modules in an order Package.swift allows.")
PYTHON
