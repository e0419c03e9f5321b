"""Build the NER tagger's gazetteer: ``src/rasd/data/models/ner_gazetteer.tsv``.

Each line is ``key<TAB>FLAG[,FLAG...]`` where the key is the tagger's lookup form of a name
(every token normalized, conjunction/preposition clitics and the article removed, tokens joined
by one space) and the flags say which lists hold it:

- ``PERS``, ``LOC``, ``ORG``: names from the ANERcorp gazetteers (ANERGazet.*.txt) and, when
  the project knowledge base exists at build time, from ``src/rasd/data/kb/`` (countries,
  places, actors);
- ``NAT``: nationality / country adjectives from the knowledge base (سوري);
- ``TPERS`` also gets the knowledge base's titles (``titles.tsv``);
- ``TPERS``, ``TORG``, ``TLOC``: curated trigger words that tend to precede or head a name of
  that type (titles such as وزير, organization heads such as حزب, place heads such as مدينة).

The key depends on the word counts in the cluster table (they decide bare-clitic splits), so
build the clusters first. The tagger reads only this derived file, never the sources::

    .venv/bin/python scripts/build_ner_gazetteer.py
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rasd.entities.features import FeatureExtractor, Resources  # noqa: E402

DEFAULT_ANERGAZET = ROOT.parent / "shared" / "data" / "anercorp"
DEFAULT_KB = ROOT / "src" / "rasd" / "data" / "kb"
MODELS = ROOT / "src" / "rasd" / "data" / "models"

# Flag order decides the label of a multi-word match when a key is in several lists.
FLAG_ORDER = ("PERS", "ORG", "LOC", "NAT", "TPERS", "TORG", "TLOC")

TRIGGERS: dict[str, str] = {
    "TPERS": """الرئيس رئيس الملك الملكة الأمير الأميرة الشيخ الشيخة السيد السيدة الدكتور
        وزير وزيرة نائب الزعيم المستشار الجنرال العقيد اللواء العميد الفريق المشير الرائد
        النقيب القائد المتحدث الناطق السفير المبعوث البابا الإمام المرشد القاضي المحامي
        الأستاذ البروفيسور الحاج المدرب اللاعب الفنان الفنانة المطرب المطربة الكاتب الشاعر
        الصحفي المخرج الممثل الممثلة النجم المهاجم الحارس المدافع العاهل ولي المندوب الأمين
        المدير مدير المنسق رئيسة السناتور الحاخام الكاردينال المطران الأب المفتي""",
    "TORG": """وزارة حزب شركة جامعة منظمة مجلس اتحاد وكالة جبهة حركة هيئة مؤسسة بنك مصرف
        صندوق لجنة جمعية نادي منتخب محكمة برلمان جيش قوات مركز معهد أكاديمية صحيفة جريدة
        قناة إذاعة تلفزيون مجموعة ائتلاف تحالف كتلة رابطة نقابة مجمع دار مكتب سلطة جهاز
        مديرية كلية مستشفى مجلة منتدى تنظيم كتائب سرايا فيلق لواء ألوية""",
    "TLOC": """مدينة محافظة ولاية جزيرة جزر نهر بحر جبل جبال عاصمة قرية منطقة إقليم خليج
        مضيق شارع ساحة مطار ميناء حي بلدة مخيم صحراء وادي سهل بحيرة قضاء ناحية مقاطعة
        دولة جمهورية مملكة إمارة""",
}


def read_anergazet(folder: Path) -> Iterator[tuple[str, str]]:
    """``(name, flag)`` pairs from ANERGazet.{Loc,Org,Pers}.txt (separator lines skipped)."""
    for fname, flag in (("Loc", "LOC"), ("Org", "ORG"), ("Pers", "PERS")):
        path = folder / f"ANERGazet.{fname}.txt"
        if not path.exists():
            print(f"skip: {path} not found")
            continue
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            name = line.strip()
            if name and not name.startswith(("====", "****")):
                yield name, flag


def _split_names(value: str) -> list[str]:
    """A KB cell may hold several names separated by | or ; ."""
    out = []
    for part in value.replace(";", "|").split("|"):
        part = part.strip()
        if part and any("\u0621" <= c <= "\u064a" for c in part):
            out.append(part)
    return out


def _arabic_cells(row: dict[str, str], words: Iterable[str]) -> list[str]:
    """Names from the columns whose header contains one of ``words`` and looks Arabic."""
    out: list[str] = []
    for col, value in row.items():
        if not col or value is None:
            continue
        c = col.lower()
        if any(w in c for w in words) and not c.endswith("_en"):
            out.extend(_split_names(value))
    return out


def _tsv_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a KB TSV file with a header line; ``#`` comment lines are skipped."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as f:
        yield from csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")


_NAME_KEYS = frozenset(
    ("name", "name_ar", "names", "names_ar", "aliases", "aliases_ar", "short_aliases")
)


def read_kb(kb: Path) -> Iterator[tuple[str, str]]:
    """``(name, flag)`` pairs from the knowledge base files, whatever their exact columns.

    The KB is read defensively (column names containing ``name``/``alias``/``adj``), so a
    change of its layout degrades this list rather than breaking the build.
    """
    for row in _tsv_rows(kb / "countries.tsv"):
        for name in _arabic_cells(row, ("name", "alias", "capital")):
            yield name, "LOC"
        for adj in _arabic_cells(row, ("adj", "nisba", "demonym", "nationality")):
            yield adj, "NAT"
    for row in _tsv_rows(kb / "places.tsv"):
        for name in _arabic_cells(row, ("name", "alias", "admin")):
            yield name, "LOC"
    for row in _tsv_rows(kb / "titles.tsv"):
        for name in _arabic_cells(row, ("title", "alias")):
            yield name, "TPERS"
    actors = kb / "actors.jsonl"
    if actors.exists():
        with actors.open(encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                rec = json.loads(line)
                kind = str(rec.get("kind") or rec.get("type") or "").lower()
                flag = "PERS" if kind in ("person", "per", "pers", "people") else "ORG"
                if kind in ("country", "place", "loc", "location", "gpe", "city"):
                    flag = "LOC"
                names: list[str] = []
                for key, value in rec.items():
                    k = key.lower()
                    if k in _NAME_KEYS:
                        if isinstance(value, str):
                            names.extend(_split_names(value))
                        elif isinstance(value, list):
                            names.extend(v for v in value if isinstance(v, str))
                for name in names:
                    if any("\u0621" <= c <= "\u064a" for c in name):
                        yield name, flag


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--anergazet", type=Path, default=DEFAULT_ANERGAZET)
    ap.add_argument("--kb", type=Path, default=DEFAULT_KB)
    ap.add_argument("--clusters", type=Path, default=MODELS / "ner_clusters.tsv.gz")
    ap.add_argument("--out", type=Path, default=MODELS / "ner_gazetteer.tsv")
    ap.add_argument("--no-kb", action="store_true", help="ignore the knowledge base")
    args = ap.parse_args()

    if not args.anergazet.exists() and not args.kb.exists():
        print(f"skip: neither {args.anergazet} nor {args.kb} exists; {args.out.name} kept")
        return 0
    res = Resources.load(args.clusters if args.clusters.exists() else None, None)
    ext = FeatureExtractor(res)

    entries: dict[str, set[str]] = {}
    sources: dict[str, int] = {}

    def add(name: str, flag: str, source: str) -> None:
        toks = name.replace("_", " ").split()
        key = " ".join(ext.gazetteer_key(t) for t in toks)
        if not key.strip() or len(key.replace(" ", "")) < 2:
            return
        entries.setdefault(key, set()).add(flag)
        sources[source] = sources.get(source, 0) + 1

    for name, flag in read_anergazet(args.anergazet):
        add(name, flag, "anergazet")
    if not args.no_kb and args.kb.exists():
        for name, flag in read_kb(args.kb):
            add(name, flag, "kb")
    for flag, words in TRIGGERS.items():
        for w in words.split():
            add(w, flag, "triggers")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# key\tflags (built by scripts/build_ner_gazetteer.py)\n")
        for key in sorted(entries):
            flags = sorted(entries[key], key=FLAG_ORDER.index)
            f.write(f"{key}\t{','.join(flags)}\n")
    print(f"wrote {len(entries)} keys to {args.out} from {sources}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
