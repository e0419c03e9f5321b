"""Build the web app's Arabic font: Amiri (SIL Open Font License 1.1) from Debian's
``fonts-hosny-amiri`` package, cut down to the characters the app shows and written as WOFF2.

The app serves the font itself (``/static/fonts/``), so every page looks the same on every
machine and nothing is fetched from a font service. Run it at build time, never at run time;
the built files are committed::

    apt-get install fonts-hosny-amiri          # the source TTF files
    .venv/bin/python scripts/build_font.py     # needs fonttools and brotli (the dev extra)

Writes ``src/rasd/web/static/fonts/amiri-regular.woff2``, ``amiri-bold.woff2`` and copies the
licence (``OFL.txt``) beside them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "rasd" / "web" / "static" / "fonts"
SOURCE = Path("/usr/share/fonts/opentype/fonts-hosny-amiri")
LICENCE = Path("/usr/share/doc/fonts-hosny-amiri/copyright")
FACES = {"Amiri-Regular.ttf": "amiri-regular.woff2", "Amiri-Bold.ttf": "amiri-bold.woff2"}
# Arabic, its presentation forms, Arabic-Indic digits, Latin-1 and general punctuation
UNICODES = "U+0020-007E,U+00A0-00FF,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+2000-206F,U+2190-2193"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--source", type=Path, default=SOURCE, help="folder of the Amiri TTF files")
    args = ap.parse_args()
    try:
        from fontTools import subset
    except ImportError:
        print("fonttools is missing: pip install fonttools brotli (the dev extra)", file=sys.stderr)
        return 1
    missing = [name for name in FACES if not (args.source / name).is_file()]
    if missing:
        print(f"{', '.join(missing)} not found in {args.source}: apt-get install fonts-hosny-amiri", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for source, target in FACES.items():
        subset.main([
            str(args.source / source), f"--unicodes={UNICODES}", "--flavor=woff2", "--layout-features=*",
            "--no-hinting", "--desubroutinize", f"--output-file={OUT / target}",
        ])
        print(f"{target}: {(OUT / target).stat().st_size:,} bytes")
    if LICENCE.is_file():
        (OUT / "OFL.txt").write_text(LICENCE.read_text("utf-8"), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
