#!/usr/bin/env python3
"""Preset benchmark: the pixel work of one upload with a project's default presets — `thumb`
(256×256 cover, WebP q80) and `preview` (1024 wide, never enlarged, WebP q80) — in Carcosa's
pipeline (one decode at the scale the larger preset needs, both outputs from it) against libvips
(pyvips, in-process: `thumbnail_buffer` per preset, libvips' own shrink-on-load, WebP at its
default effort) on the same files, in the same invocation, on one pinned core.

Each (tool, file) runs in a fresh process: one warm-up and N timed iterations; the tools
alternate file by file. Reported: median CPU ms per upload (both presets), and the bytes of both
outputs against libvips' (WebP EXIF/XMP chunks libvips 8.14 leaves in are not counted).

    taskset -c 1 python3 load-tests/presets.py [--passes 2] [--iterations 7]

load-tests/presets.sh installs what it needs and writes load-tests/reports/presets-<date>.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from thumbs import webp_without_metadata  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = [
    os.path.join(HERE, "work/photo-2mp.jpg"),  # the upload benchmarks' photo (1632×1224)
    os.path.join(HERE, "../../shared/corpus/real/photo_iphone5_3264x2448.jpg"),
    os.path.join(HERE, "../../shared/corpus/real/photo_canon_4608x3456.jpg"),
    os.path.join(HERE, "../../shared/corpus/real/photo_flickr_2725x2225.jpg"),
    os.path.join(HERE, "../../shared/corpus/real/progressive_android_685x999.jpg"),
    os.path.join(HERE, "../../shared/corpus/real/png_rgb_photo_800x533.png"),
]

PYVIPS_CHILD = r"""
import json, sys, time, pyvips
path, iterations = sys.argv[1], int(sys.argv[2])
pyvips.concurrency_set(1)
pyvips.cache_set_max(0)
data = open(path, "rb").read()
cpu, outs = [], []
for i in range(iterations + 1):
    c0 = time.process_time()
    preview = pyvips.Image.thumbnail_buffer(data, 1024, height=10000000, size="down")
    p = preview.webpsave_buffer(Q=80, strip=True)
    thumb = pyvips.Image.thumbnail_buffer(data, 256, height=256, crop="centre")
    t = thumb.webpsave_buffer(Q=80, strip=True)
    c1 = time.process_time()
    if i:
        cpu.append((c1 - c0) * 1e3)
    outs = [p.hex(), t.hex()]
print(json.dumps({"tool": "pyvips", "cpu_ms": cpu, "outs": outs}))
"""


def run_pyvips(path, iterations):
    out = subprocess.run([sys.executable, "-c", PYVIPS_CHILD, path, str(iterations)],
                         capture_output=True, text=True, check=True, env={**os.environ, "VIPS_CONCURRENCY": "1"})
    row = json.loads(out.stdout)
    row["out_bytes"] = sum(webp_without_metadata(bytes.fromhex(o)) for o in row.pop("outs"))
    return row


def run_carcosa(binary, path, iterations):
    out = subprocess.run([binary, path, "presets", "--iterations", str(iterations)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(HERE, "../target/release/carcosa-thumbs"))
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--iterations", type=int, default=7)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    rows = []
    for p in range(args.passes):
        for n, path in enumerate(FILES):
            order = ["pyvips", "carcosa"] if (n + p) % 2 else ["carcosa", "pyvips"]
            for tool in order:
                row = run_pyvips(path, args.iterations) if tool == "pyvips" else run_carcosa(args.binary, path, args.iterations)
                row["tool"], row["name"] = tool, os.path.basename(path)
                rows.append(row)
            print(f"pass {p + 1}: {os.path.basename(path)}", file=sys.stderr)
    sh = lambda c: subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
    import pyvips
    vips = ".".join(str(pyvips.version(i)) for i in range(3))
    lines = ["# Preset benchmark: one upload's default presets, Carcosa vs libvips (pyvips), one pinned core\n",
             f"- date (UTC): {sh('date -u +%Y-%m-%dT%H:%MZ')}; commit {sh('git rev-parse --short HEAD')}; libvips {vips}, pyvips {pyvips.__version__}",
             "- task: `preview` 1024 wide (never enlarged) + `thumb` 256×256 cover, both WebP q80, from one source; "
             f"{args.passes} passes × (1 warm-up + {args.iterations} timed iterations) per tool and file, each in a fresh process; "
             f"affinity {sh('taskset -p $$ | cut -d: -f2')}",
             "- CPU ms: median of all timed iterations (process CPU time). Bytes: both outputs together.\n",
             "| file | carcosa CPU ms/upload | pyvips CPU ms/upload | ratio | carcosa bytes | pyvips bytes | size ratio |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    ratios, sizes = [], []
    for path in FILES:
        name = os.path.basename(path)
        c = [r for r in rows if r["tool"] == "carcosa" and r["name"] == name]
        v = [r for r in rows if r["tool"] == "pyvips" and r["name"] == name]
        cm = statistics.median(x for r in c for x in r["cpu_ms"])
        vm = statistics.median(x for r in v for x in r["cpu_ms"])
        cb, vb = c[0]["out_bytes"], v[0]["out_bytes"]
        ratios.append(cm / vm)
        sizes.append(cb / vb)
        lines.append(f"| {name} | {cm:.1f} | {vm:.1f} | **{cm / vm:.2f}** | {cb} | {vb} | {cb / vb:.3f} |")
    lines.append(f"| **geometric mean** | | | **{statistics.geometric_mean(ratios):.2f}** | | | {statistics.geometric_mean(sizes):.3f} |")
    report = "\n".join(lines) + "\n"
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)
    print(report)


if __name__ == "__main__":
    main()
