"""Write docs/rules.md: every registered rule of every stage, in the order it runs, with what it
may do, what it decides (its docstring's first paragraph) and the word lists it reads.

    .venv/bin/python scripts/rules_doc.py           # rewrite docs/rules.md
    .venv/bin/python scripts/rules_doc.py --check   # fail when docs/rules.md is out of date

``tests/test_rules_doc.py`` runs the check, so a rule added, removed or reworded without the page
fails the suite.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"

HEAD = """# Registered rules

_Written by `scripts/rules_doc.py` from the registries; do not edit by hand._

Every linguistic decision of the quote and event stages is a **registered rule**: a small
function with an id, in one ordered list per step of its stage (`rasd.quotes.registry`,
`rasd.events.registry`; the mechanism is `rasd.rules`). A rule declares what it may do when it
fires — **drop** the candidate, **retype** it, fill a **role**, set the **status**, choose a
**read**ing of a cue word, **merge** two reports or keep them **apart** — and its list checks
what it returns. Each quote and event names the rules that made it (`rules` in the JSON, see
[schema.md](schema.md)); `rasd analyze --explain` also lists the candidates each drop rule turned
down. The word lists a rule reads are rows of `src/rasd/data/lexicon/<stage>_words.tsv` keyed by
its id. Each rule has at least one example on which it fires and one on which it stays quiet in
`tests/<stage>/examples.jsonl`.
"""


def render() -> str:
    """The page."""
    from rasd.events.registry import REGISTRY as EVENTS
    from rasd.quotes.registry import REGISTRY as QUOTES

    out = [HEAD]
    for registry, words_file in ((QUOTES, "quotes_words.tsv"), (EVENTS, "events_words.tsv")):
        n = sum(1 for _ in registry)
        out.append(f"\n## {registry.stage} ({n} rules, word lists in `{words_file}`)\n")
        for rl in registry.lists:
            out.append(f"\n### `{rl.id}`\n\n`{rl.signature}`\n\n| rule | effect | decides | word lists |\n|---|---|---|---|")
            for r in rl:
                summary = r.summary.replace("|", "\\|")
                words = ", ".join(r.words)
                out.append(f"| `{r.id}` | {r.effect} | {summary} | {words} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite docs/rules.md, or check that it is current."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail when docs/rules.md is out of date")
    args = ap.parse_args(argv)
    text = render()
    if args.check:
        if not DOC.exists() or DOC.read_text("utf-8") != text:
            print("docs/rules.md is out of date: run .venv/bin/python scripts/rules_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, "utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
