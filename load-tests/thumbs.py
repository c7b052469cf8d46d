#!/usr/bin/env python3
"""Thumbnail benchmark: Carcosa's imaging pipeline against libvips (pyvips, in-process) on the same
files, in the same invocation, on one pinned core.

Each (tool, file, format) runs in a fresh process: one warm-up and N timed iterations of
"400 px wide, never enlarge, EXIF-oriented, WebP q80 / JPEG q80". The two tools alternate file by
file, so machine noise hits both. Reported per file: median CPU ms of the timed iterations,
peak RSS of the process (VmHWM) and output bytes. WebP sizes from libvips 8.14 are compared
without the EXIF/XMP chunks it fails to strip (its `strip` is ignored for WebP).

    taskset -c 1 python3 load-tests/thumbs.py [--passes 2] [--iterations 7] [--corpus ../shared/corpus/real]

Needs: libvips (Debian: libvips42) and pyvips (pip), and a release build of carcosa-thumbs
(load-tests/thumbs.sh does all of that).
"""

import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import time

JPEGS = [
    "photo_canon_4608x3456.jpg",
    "photo_canon_portrait_3456x4608.jpg",
    "photo_nexus6p_4032x3024.jpg",
    "photo_iphone5_3264x2448.jpg",
    "photo_iphone4s_city_3264x2448.jpg",
    "progressive_iphone4s_city_3264x2448.jpg",
    "photo_grayscale_3264x2448.jpg",
    "photo_flickr_2725x2225.jpg",
    "exif_orient6_landscape.jpg",
    "progressive_android_685x999.jpg",
    "cmyk_adobe_800x533.jpg",
]
BIG = JPEGS[:5]  # the five 8-16 MP baseline photos
PNGS = [
    "png_rgba_2048x1536.png",
    "png_rgba_paper_2048x1536.png",
    "png_rgb_photo_800x533.png",
    "png_palette_290x442.png",
    "png_16bit_rgb_290x442.png",
]

# Runs inside a fresh interpreter: libvips on one thread, no operation cache.
PYVIPS_CHILD = r"""
import json, sys, time, pyvips
path, fmt, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])
pyvips.concurrency_set(1)
pyvips.cache_set_max(0)
data = open(path, "rb").read()
cpu, wall, out = [], [], b""
for i in range(iterations + 1):
    c0, w0 = time.process_time(), time.perf_counter()
    image = pyvips.Image.thumbnail_buffer(data, 400, height=10000000, size="down")
    out = image.webpsave_buffer(Q=80, strip=True) if fmt == "webp" else image.jpegsave_buffer(Q=80, strip=True)
    c1, w1 = time.process_time(), time.perf_counter()
    if i:
        cpu.append((c1 - c0) * 1e3); wall.append((w1 - w0) * 1e3)
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"tool": "pyvips", "file": path, "format": fmt, "cpu_ms_median": sorted(cpu)[len(cpu) // 2],
    "wall_ms_median": sorted(wall)[len(wall) // 2], "cpu_ms": cpu, "peak_rss_kb": hwm, "out_bytes": len(out),
    "webp_payload_bytes": None, "out_width": image.width, "out_height": image.height, "out": out.hex() if fmt == "webp" else ""}))
"""


def webp_without_metadata(data: bytes) -> int:
    """Size of a WebP file without its EXIF/XMP/ICCP chunks."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return len(data)
    size, pos = 12, 12
    while pos + 8 <= len(data):
        tag, length = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        chunk = 8 + length + (length & 1)
        if tag not in (b"EXIF", b"XMP ", b"ICCP"):
            size += chunk
        pos += chunk
    return size


def run_pyvips(path, fmt, iterations):
    out = subprocess.run([sys.executable, "-c", PYVIPS_CHILD, path, fmt, str(iterations)],
                         capture_output=True, text=True, check=True, env={**os.environ, "VIPS_CONCURRENCY": "1"})
    row = json.loads(out.stdout)
    if fmt == "webp":
        row["webp_payload_bytes"] = webp_without_metadata(bytes.fromhex(row.pop("out")))
    else:
        row.pop("out")
    return row


def run_carcosa(binary, path, fmt, iterations):
    out = subprocess.run([binary, path, fmt, "--iterations", str(iterations)], capture_output=True, text=True, check=True)
    return {**json.loads(out.stdout), "format": fmt}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../shared/corpus/real"))
    ap.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "../target/release/carcosa-thumbs"))
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--iterations", type=int, default=7)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    rows = []
    files = JPEGS + PNGS
    for p in range(args.passes):
        for n, name in enumerate(files):
            path = os.path.join(args.corpus, name)
            for fmt in ("webp", "jpeg"):
                order = [("pyvips", run_pyvips), ("carcosa", None)]
                if (n + p) % 2:
                    order.reverse()
                for tool, _ in order:
                    row = run_pyvips(path, fmt, args.iterations) if tool == "pyvips" else run_carcosa(args.binary, path, fmt, args.iterations)
                    row["name"], row["pass"] = name, p
                    rows.append(row)
            print(f"pass {p + 1}: {name}", file=sys.stderr)
    report = summarize(rows, args)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)
    print(report)


def per_file(rows, tool, fmt, names):
    """name -> (median CPU ms over passes' medians, max peak RSS MB, output bytes, width x height)."""
    out = {}
    for name in names:
        mine = [r for r in rows if r["tool"] == tool and r["format"] == fmt and r["name"] == name]
        cpu = statistics.median(c for r in mine for c in r["cpu_ms"])
        rss = max(r["peak_rss_kb"] for r in mine) / 1024
        size = mine[0]["webp_payload_bytes"] if tool == "pyvips" and fmt == "webp" else mine[0]["out_bytes"]
        out[name] = (cpu, rss, size, f'{mine[0]["out_width"]}x{mine[0]["out_height"]}')
    return out


def summarize(rows, args):
    lines = []
    sh = lambda c: subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
    lines.append("# Thumbnail benchmark: Carcosa vs libvips (pyvips), same invocation, one pinned core\n")
    import pyvips  # only the version, in the parent
    vips = ".".join(str(pyvips.version(i)) for i in range(3))
    lines.append(f"- date (UTC): {sh('date -u +%Y-%m-%dT%H:%MZ')}; commit {sh('git rev-parse --short HEAD')}; libvips {vips}, pyvips {pyvips.__version__}")
    lines.append(f"- task: 400 px wide, never enlarge, EXIF orientation applied, WebP q80 / JPEG q80; "
                 f"{args.passes} passes × (1 warm-up + {args.iterations} timed iterations) per tool, file and format, each in a fresh process; "
                 f"tools alternate file by file; affinity {sh('taskset -p $$ | cut -d: -f2')}")
    lines.append("- CPU ms: median over all timed iterations of both passes (process CPU time for both). "
                 "Peak RSS: the process's VmHWM (pyvips includes the Python interpreter).")
    lines.append("- pyvips WebP sizes exclude the EXIF/XMP chunks libvips 8.14 leaves in despite `strip`; Carcosa writes none.\n")
    for title, names in (("big JPEGs (5 × 8–16 MP baseline)", BIG), ("all 11 JPEGs", JPEGS), ("5 PNGs", PNGS)):
        lines.append(f"## {title}\n")
        lines.append("| format | carcosa CPU ms/image | pyvips CPU ms/image | ratio | carcosa images/s | pyvips images/s | carcosa peak RSS MB | pyvips peak RSS MB | size ratio (mean, min–max) |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for fmt in ("webp", "jpeg"):
            c, v = per_file(rows, "carcosa", fmt, names), per_file(rows, "pyvips", fmt, names)
            cm, vm = statistics.mean(x[0] for x in c.values()), statistics.mean(x[0] for x in v.values())
            sizes = [c[n][2] / v[n][2] for n in names]
            lines.append(f"| {fmt} | {cm:.1f} | {vm:.1f} | **{cm / vm:.2f}** | {1000 / cm:.1f} | {1000 / vm:.1f} | "
                         f"{max(x[1] for x in c.values()):.1f} | {max(x[1] for x in v.values()):.1f} | "
                         f"{statistics.mean(sizes):.2f} ({min(sizes):.2f}–{max(sizes):.2f}) |")
        lines.append("")
    lines.append("## per file (CPU ms / peak RSS MB / output KB / size)\n")
    lines.append("| file | carcosa webp | pyvips webp | carcosa jpeg | pyvips jpeg |")
    lines.append("|---|---|---|---|---|")
    files = JPEGS + PNGS
    cells = {(t, f): per_file(rows, t, f, files) for t in ("carcosa", "pyvips") for f in ("webp", "jpeg")}
    for name in files:
        fmt_cell = lambda t, f: "{:.1f} / {:.1f} / {:.1f} / {}".format(cells[(t, f)][name][0], cells[(t, f)][name][1], cells[(t, f)][name][2] / 1024, cells[(t, f)][name][3])
        lines.append(f"| {name} | {fmt_cell('carcosa', 'webp')} | {fmt_cell('pyvips', 'webp')} | {fmt_cell('carcosa', 'jpeg')} | {fmt_cell('pyvips', 'jpeg')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
