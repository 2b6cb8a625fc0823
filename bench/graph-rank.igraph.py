"""Baseline for bench/graph-rank.ts: igraph (Debian python3-igraph, PRPACK) loads cnr-2000 from the same
.gz edge file and computes PageRank. Prints one JSON line with seconds per phase.

Run with Debian's interpreter: /usr/bin/python3 bench/graph-rank.igraph.py FILE.gz OUT.tsv [VARIANT]
VARIANT c-reader (default): gunzip to a temporary file, then igraph's own C reader (Graph.Read_Edgelist;
igraph's readers cannot read .gz). The fastest loader found.
VARIANT python-loop: gzip.open, a Python loop splitting lines into a list of pairs, Graph(edges=...): what
most scripts do.
Multi-edges are collapsed (simplify(loops=False)) so the graph is the same as NetworkX's DiGraph and
linkledger's.
"""
import gzip
import json
import os
import shutil
import sys
import tempfile
import time

import igraph

path, out = sys.argv[1], sys.argv[2]
variant = sys.argv[3] if len(sys.argv) > 3 else "c-reader"
t0 = time.perf_counter()
if variant == "c-reader":
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as tmp:
        with gzip.open(path, "rb") as src:
            shutil.copyfileobj(src, tmp, 1 << 20)
    t1 = time.perf_counter()
    g = igraph.Graph.Read_Edgelist(tmp.name, directed=True)
    os.unlink(tmp.name)
else:
    edges = []
    with gzip.open(path, "rt") as src:
        for line in src:
            if line.startswith("#") or not line.strip():
                continue
            a, b = line.split()
            edges.append((int(a), int(b)))
    t1 = time.perf_counter()
    g = igraph.Graph(edges=edges, directed=True)
g.simplify(multiple=True, loops=False)
t2 = time.perf_counter()
pr = g.pagerank(damping=0.85, directed=True, implementation="prpack")
t3 = time.perf_counter()
with open(out, "w") as f:
    f.write("#node\tscore\n")
    f.write("".join(f"{v}\t{s!r}\n" for v, s in enumerate(pr)))
t4 = time.perf_counter()
print(json.dumps({
    "igraph": igraph.__version__,
    "variant": variant,
    "nodes": g.vcount(),
    "edges": g.ecount(),
    "read_s": round(t1 - t0, 3),
    "build_s": round(t2 - t1, 3),
    "pagerank_s": round(t3 - t2, 3),
    "write_s": round(t4 - t3, 3),
    "total_s": round(t4 - t0, 3),
}))
