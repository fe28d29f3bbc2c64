#!/usr/bin/env python3
"""check_html.py - checks an HTML report of oblys without trusting oblys:
the page is self-contained (no script, no external URL, UTF-8) and holds
the expected charts, each an <svg> with the expected number of series
(elements carrying data-series), each series with drawn points.

Usage: check_html.py FILE.html --series N[,N...] [--bars N] [--tables N] [--render]

--series  the expected series count of each chart, in page order
--bars    the expected number of bars (<rect class="bar">) in all charts
--tables  the expected number of <table> elements
--render  also open the page in headless Chromium (Debian's chromium):
          the rendered DOM (--dump-dom) must hold the same charts, and a
          screenshot must show coloured pixels (the charts' lines and bars:
          text and axes are grey). Without Chromium this FAILS.

Prints one summary line and exits 0, or prints what is wrong and exits 1.
Standard library only.
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser

SVG_NS = 'http://www.w3.org/2000/svg'
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
                  '--no-first-run', '--disable-background-networking',
                  '--disable-component-update', '--disable-sync']


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.charts = []            # per <svg>: [declared count, series found, empty paths]
        self.tables = 0
        self.bars = 0
        self.problems = []
        self.charset = False
        self.depth_svg = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'script':
            self.problems.append('a <script> element')
        for name, value in attrs:
            if name.startswith('on'):
                self.problems.append(f'an event handler attribute {name}')
            if value and name in ('href', 'src', 'xlink:href', 'action') and \
                    re.match(r'\s*(https?:)?//', value):
                self.problems.append(f'an external URL {value}')
            if value and name == 'xmlns' and value != SVG_NS:
                self.problems.append(f'an unexpected namespace {value}')
        if tag == 'meta' and a.get('charset', '').lower() == 'utf-8':
            self.charset = True
        if tag == 'table':
            self.tables += 1
        if self.depth_svg and tag == 'rect' and a.get('class') == 'bar':
            self.bars += 1
        if tag == 'svg':
            self.depth_svg += 1
            self.charts.append([int(a.get('data-series-count', -1)), 0, 0])
        elif self.depth_svg and 'data-series' in a:
            chart = self.charts[-1]
            chart[1] += 1
            if tag == 'path' and not re.search(r'M\s*-?\d', a.get('d', '')):
                chart[2] += 1

    def handle_endtag(self, tag):
        if tag == 'svg':
            self.depth_svg -= 1


def check_page(text, series, tables, where, bars=None):
    page = Page()
    page.feed(text)
    problems = [f'{where}: {p}' for p in page.problems]
    if not page.charset and where == 'file':
        problems.append('file: no <meta charset="utf-8">')
    found = [c[1] for c in page.charts]
    if found != series:
        problems.append(f'{where}: series per chart {found}, expected {series}')
    for i, (declared, count, empty) in enumerate(page.charts, 1):
        if declared != count:
            problems.append(f'{where}: chart {i} says {declared} series, draws {count}')
        if empty:
            problems.append(f'{where}: chart {i} has {empty} series without points')
    if bars is not None and page.bars != bars:
        problems.append(f'{where}: {page.bars} bars, expected {bars}')
    if tables is not None and page.tables != tables:
        problems.append(f'{where}: {page.tables} tables, expected {tables}')
    return problems


def png_pixels(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB/RGBA PNG."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, header = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    width, height, depth, color = header[:4]
    if depth != 8 or color not in (2, 6):
        raise ValueError(f'PNG depth {depth} colour type {color} not handled')
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        filt = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = prev[x]
            ul = prev[x - bpp] if x >= bpp else 0
            if filt == 1:
                line[x] = (line[x] + left) & 255
            elif filt == 2:
                line[x] = (line[x] + up) & 255
            elif filt == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif filt == 4:
                p = left + up - ul
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else ul
                line[x] = (line[x] + pred) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def count_pixels(path):
    """(non-white pixels, coloured pixels): coloured = far from grey."""
    width, height, bpp, rows = png_pixels(path)
    ink = colour = 0
    for line in rows:
        for x in range(0, width * bpp, bpp):
            r, g, b = line[x], line[x + 1], line[x + 2]
            if r < 240 or g < 240 or b < 240:
                ink += 1
            if max(r, g, b) - min(r, g, b) > 60:
                colour += 1
    return ink, colour


def find_chromium():
    for name in ('chromium', 'chromium-browser'):
        path = shutil.which(name)
        if path:
            return path
    return None


def render(path, series, tables, bars):
    chromium = find_chromium()
    if not chromium:
        return ['render: Chromium is not installed (apt-get install chromium; '
                'scripts/test.sh installs it): the render test cannot run'], None
    url = 'file://' + os.path.abspath(path)
    with tempfile.TemporaryDirectory() as tmp:
        def run(extra):
            profile = tempfile.mkdtemp(dir=tmp)
            return subprocess.run([chromium] + CHROMIUM_FLAGS + [f'--user-data-dir={profile}']
                                  + extra + [url], capture_output=True, text=True,
                                  timeout=60)
        dom = run(['--dump-dom'])
        problems = []
        if dom.returncode != 0 or '<svg' not in dom.stdout:
            problems.append(f'render: --dump-dom failed ({dom.returncode}): '
                            f'{dom.stderr.strip()[-300:]}')
        else:
            problems += check_page(dom.stdout, series, tables, 'rendered DOM', bars)
        png = os.path.join(tmp, 'page.png')
        shot = run([f'--screenshot={png}', '--window-size=1200,2000',
                    '--hide-scrollbars'])
        if not os.path.exists(png):
            problems.append(f'render: no screenshot ({shot.returncode}): '
                            f'{shot.stderr.strip()[-300:]}')
            return problems, None
        ink, colour = count_pixels(png)
        if ink < 1000:
            problems.append(f'render: the screenshot is blank ({ink} non-white pixels)')
        if series and colour < 200:
            problems.append(f'render: no chart drawn in the screenshot ({colour} coloured '
                            'pixels)')
        return problems, colour


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('file')
    ap.add_argument('--series', default='')
    ap.add_argument('--tables', type=int)
    ap.add_argument('--bars', type=int)
    ap.add_argument('--render', action='store_true')
    args = ap.parse_args()
    series = [int(n) for n in args.series.split(',') if n]
    with open(args.file, encoding='utf-8') as f:
        text = f.read()
    problems = check_page(text, series, args.tables, 'file', args.bars)
    if not text.startswith('<!DOCTYPE html>'):
        problems.append('file: no <!DOCTYPE html>')
    rendered = ''
    if args.render and not problems:
        render_problems, colour = render(args.file, series, args.tables, args.bars)
        problems += render_problems
        rendered = ', rendered by Chromium' if not render_problems else ''
    if problems:
        print('\n'.join(problems))
        return 1
    counts = ', '.join(str(n) for n in series) or 'no'
    bars = f' ({args.bars} bars)' if args.bars is not None else ''
    print(f'ok: {len(series)} chart(s) with {counts} series{bars}, no script, no external '
          f'URL{rendered}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
