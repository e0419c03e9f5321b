"""Token features for the statistical named-entity tagger.

Everything that depends on a word alone (normalized form, clitic segmentation, affixes, shape,
cluster ids, gazetteer flags) is computed once per word type and cached, already rendered as
the feature strings the word contributes at each window position. A sentence's features are
then mostly list concatenation; only bigrams and multi-word gazetteer matches are computed per
sentence. That keeps extraction well above the tagger's speed goal in plain Python.

Resources (both optional, both plain text shipped under ``rasd/data/models``):

- a cluster table ``word<TAB>count<TAB>c64<TAB>c256...`` learned from unlabeled news;
- a gazetteer ``key<TAB>FLAG,FLAG`` whose keys are :func:`gazetteer_key` forms of names
  (tokens joined by one space).
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rasd.arabic.normalize import normalize

# Presentation-form code points that NFKC maps to themselves: normalize() cannot fold them,
# and they carry no letters, so they are dropped first.
_UNFOLDABLE = {
    o: None
    for lo, hi in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
    for o in range(lo, hi + 1)
    if unicodedata.normalize("NFKC", chr(o)) == chr(o)
}

# Conjunction + preposition + article combinations that reliably mark a clitic (the article
# makes the split unambiguous); longest first. ``لل`` is ل + ال with the alef elided.
_SURE_PROCLITICS: tuple[str, ...] = (
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
)
# Bare one- or two-letter proclitics: split only when the rest is the more frequent word.
_BARE_PROCLITICS: tuple[str, ...] = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# Pronoun suffixes (normalized, so ة-final nouns look like ه-final ones: frequency decides).
_ENCLITICS: tuple[str, ...] = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ه", "ك", "ي")

_PROCLITIC_FIRST = frozenset("وفبلك")
_ENCLITIC_LAST = frozenset(e[-1] for e in _ENCLITICS)

# Sentence-edge markers by distance (index 0 unused).
_BOS = tuple(f"-{d}BOS" for d in range(10))
_EOS = tuple(f"+{d}EOS" for d in range(10))

_AR_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B))

# Feature names of the stem's suffixes by length.
_STEM_SUFFIX_NAMES = ("", "ss1", "ss2", "ss3")


def safe_normalize(word: str) -> str:
    """:func:`rasd.arabic.normalize.normalize` guarded against unfoldable code points."""
    return normalize(word.translate(_UNFOLDABLE))


@dataclass(frozen=True)
class Segmentation:
    """A word split into proclitics, article, stem and pronoun suffix (all normalized)."""

    proclitic: str  # conjunction/preposition letters, "" if none
    article: bool  # the definite article ال was present
    stem: str
    enclitic: str  # pronoun suffix, "" if none
    base: str  # the word without conjunction/preposition, article kept (المقداد)


class Resources:
    """Word counts, cluster ids and gazetteer entries shared by feature extraction."""

    def __init__(
        self,
        clusters: dict[str, tuple[str, ...]] | None = None,
        cluster_columns: Sequence[str] = (),
        counts: dict[str, int] | None = None,
        gazetteer: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.clusters = clusters or {}
        self.cluster_columns = tuple(cluster_columns)
        self.counts = counts or {}
        self.gazetteer = gazetteer or {}
        # First token of every multi-word entry -> longest entry length starting with it,
        # so n-gram lookup is only attempted where a match is possible.
        self.gaz_starts: dict[str, int] = {}
        for key in self.gazetteer:
            parts = key.split(" ")
            if len(parts) > 1:
                n = self.gaz_starts.get(parts[0], 1)
                self.gaz_starts[parts[0]] = max(n, len(parts))

    @classmethod
    def load(cls, clusters: Path | None, gazetteer: Path | None) -> Resources:
        """Read the cluster table and gazetteer files (either may be None)."""
        cl: dict[str, tuple[str, ...]] = {}
        counts: dict[str, int] = {}
        columns: list[str] = []
        if clusters is not None:
            opener = gzip.open if clusters.suffix == ".gz" else open
            with opener(clusters, "rt", encoding="utf-8") as f:
                header = f.readline().rstrip("\n").split("\t")
                columns = header[2:]
                for line in f:
                    cols = line.rstrip("\n").split("\t")
                    counts[cols[0]] = int(cols[1])
                    cl[cols[0]] = tuple(cols[2:])
        gz: dict[str, tuple[str, ...]] = {}
        if gazetteer is not None:
            with gazetteer.open(encoding="utf-8") as f:
                for line in f:
                    if not line.strip() or line.startswith("#"):
                        continue
                    key, _, flags = line.rstrip("\n").partition("\t")
                    gz[key] = tuple(flags.split(","))
        return cls(cl, columns, counts, gz)


@dataclass
class FeatureConfig:
    """Which feature groups to emit; stored in the model sidecar so tagging matches training."""

    affix_max: int = 4
    window: int = 2
    # Column names of the cluster table (granularity-prefixed ids, e.g. c256 = 256 clusters).
    clusters_own: tuple[str, ...] = ("c64", "c256", "c1024")
    clusters_ctx: tuple[str, ...] = ("c256",)
    stem: bool = True
    shape: bool = True
    gazetteer: bool = True
    bigrams: bool = True
    freq: bool = True
    # Conjunctions of the previous word with the current word's cluster and cluster bigrams
    # (the first ``clusters_ctx`` column): a CRF cannot combine features by itself.
    conjunctions: bool = False

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        d = asdict(self)
        d["clusters_own"] = list(self.clusters_own)
        d["clusters_ctx"] = list(self.clusters_ctx)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> FeatureConfig:
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        for k in ("clusters_own", "clusters_ctx"):
            if k in known:
                # Older sidecars list granularities as numbers: 256 means column c256.
                known[k] = tuple(
                    f"c{v}" if isinstance(v, int) else str(v)
                    for v in known[k]  # type: ignore[attr-defined]
                )
        return cls(**known)  # type: ignore[arg-type]


class _WordInfo:
    """Cached per-type features of one word.

    ``own`` are the word's features at its own position; ``left[d - 1]`` are the features,
    already prefixed with ``-d``, it gives the token ``d`` places after it (it stands on that
    token's left), ``right[d - 1]`` those prefixed ``+d`` it gives the token ``d`` places
    before it; ``key`` is its gazetteer lookup form.
    """

    __slots__ = ("cl", "key", "left", "own", "right")

    def __init__(
        self,
        key: str,
        own: tuple[str, ...],
        left: tuple[tuple[str, ...], ...],
        right: tuple[tuple[str, ...], ...],
        cl: str,
    ) -> None:
        self.cl = cl
        self.key = key
        self.own = own
        self.left = left
        self.right = right


def _shape(norm: str) -> str:
    """Coarse script/shape class of a normalized word."""
    if not norm:
        return "empty"
    if all(c in _AR_LETTERS for c in norm):
        return "ar"
    if norm.isdigit():
        return "dig"
    if norm.isascii() and norm.isalpha():
        return "lat"
    if all(unicodedata.category(c)[0] in "PS" for c in norm):
        return "punc"
    if any(c.isdigit() for c in norm):
        return "hasdig"
    return "mix"


def _len_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "45" if n <= 5 else "68" if n <= 8 else "9+"


def _freq_bucket(c: int) -> str:
    # Coarse log scale: unseen, rare, ... frequent; rare words are more often names.
    if c == 0:
        return "0"
    if c < 20:
        return "1"
    if c < 200:
        return "2"
    if c < 2000:
        return "3"
    if c < 20000:
        return "4"
    return "5"


class FeatureExtractor:
    """Turns token sequences into CRF attribute lists, caching everything per word type."""

    def __init__(
        self,
        resources: Resources | None = None,
        config: FeatureConfig | None = None,
        cache_size: int = 200_000,
    ) -> None:
        self.res = resources or Resources()
        self.config = config or FeatureConfig()
        self._cache: dict[str, _WordInfo] = {}
        self._seg_cache: dict[str, Segmentation] = {}
        self._cache_size = cache_size
        # Column index of each requested cluster granularity in the table.
        cols = self.res.cluster_columns
        self._own_cols = [(k, cols.index(k)) for k in self.config.clusters_own if k in cols]
        self._ctx_cols = [(k, cols.index(k)) for k in self.config.clusters_ctx if k in cols]
        self._affix_names = [(k, f"p{k}", f"s{k}") for k in range(1, self.config.affix_max + 1)]

    # -- segmentation ---------------------------------------------------------------------

    def _count(self, w: str) -> int:
        return self.res.counts.get(w, 0)

    def segment(self, norm: str) -> Segmentation:
        """Split a normalized word into proclitics, article, stem and enclitic.

        ``و/ف/ب/ك/ل`` + article is always split (the article makes it safe); a bare proclitic
        or a pronoun suffix only when the corpus counts say the shorter word is the more
        frequent one, which keeps وزير, كندا, فلسطين and مدينه whole.
        """
        seg = self._seg_cache.get(norm)
        if seg is not None:
            return seg
        pro = ""
        rest = norm
        # Cheap guards first: most words start and end with no clitic letter at all.
        if norm[:1] in _PROCLITIC_FIRST:
            for p in _SURE_PROCLITICS:
                if norm.startswith(p) and len(norm) - len(p) >= 2:
                    # لل is ل + ال with the alef elided: keep one ل as the proclitic.
                    pro = p[:-1] if p.endswith("لل") else p[:-2]
                    rest = "ال" + norm[len(p) :]
                    break
            else:
                if self.res.counts:
                    best = self._count(norm)
                    for p in _BARE_PROCLITICS:
                        if norm.startswith(p) and len(norm) - len(p) >= 3:
                            c = self._count(norm[len(p) :])
                            if c > best:
                                best, pro, rest = c, p, norm[len(p) :]
        article = rest.startswith("ال") and len(rest) >= 4
        stem = rest[2:] if article else rest
        enc = ""
        # The article and a pronoun suffix exclude each other, so only bare stems are tried.
        if self.res.counts and not article and len(stem) >= 4 and stem[-1] in _ENCLITIC_LAST:
            best = self._count(rest)
            full = stem
            for e in _ENCLITICS:
                if full.endswith(e) and len(full) - len(e) >= 3:
                    short = full[: -len(e)]
                    # A feminine noun's ة is written ت before a suffix: حكومته = حكومة + ه.
                    shorts = (short, short[:-1] + "ه") if short.endswith("ت") else (short,)
                    for sh in shorts:
                        c = self._count(sh)
                        if c > best:
                            best, stem, enc = c, sh, e
        seg = Segmentation(pro, article, stem, enc, rest)
        if len(self._seg_cache) < self._cache_size:
            self._seg_cache[norm] = seg
        return seg

    def gazetteer_key(self, word: str) -> str:
        """The form under which a token is looked up in the gazetteer: no clitics, no article."""
        return self._gkey(self.segment(safe_normalize(word)))

    @staticmethod
    def _gkey(seg: Segmentation) -> str:
        # Names seldom carry pronoun suffixes, so the key keeps a suffix-split word whole.
        return seg.base if seg.enclitic else seg.stem

    # -- per word type ---------------------------------------------------------------------

    def _pieces(self, word: str) -> tuple[str, str, list[tuple[str, str]], list[tuple[str, str]]]:
        """A word's gazetteer key, context cluster id, and its features as ``(name, value)``
        pairs: those at its own position and those it gives its neighbours (unprefixed).

        The feature string of a pair is ``name=value``, prefixed with ``-d``/``+d`` in context.
        """
        cfg = self.config
        norm = safe_normalize(word)
        own: list[tuple[str, str]] = [("w", norm)]
        ctx_base: list[tuple[str, str]] = [("w", norm)]
        if cfg.shape:
            sh = _shape(norm)
            own.append(("sh", sh))
            own.append(("len", _len_bucket(len(norm))))
            ctx_base.append(("sh", sh))
        for k, pname, sname in self._affix_names:
            if len(norm) > k:
                own.append((pname, norm[:k]))
                own.append((sname, norm[-k:]))
        seg = self.segment(norm)
        gkey = self._gkey(seg)
        if cfg.stem:
            stem = seg.stem
            own.append(("st", stem))
            own.append(("pro", seg.proclitic))
            own.append(("art", "1" if seg.article else "0"))
            if seg.enclitic:
                own.append(("enc", seg.enclitic))
            for k in (1, 2, 3):
                if len(stem) > k + 1:
                    own.append((_STEM_SUFFIX_NAMES[k], stem[-k:]))
            ctx_base.append(("st", stem))
        cl = self.res.clusters.get(norm)
        base = seg.base
        if cl is None and base != norm:
            cl = self.res.clusters.get(base)
        if cl is not None:
            for name, col in self._own_cols:
                own.append((name, cl[col]))
            for name, col in self._ctx_cols:
                ctx_base.append((name, cl[col]))
        else:
            own.append(("c", "none"))
        if cfg.freq and self.res.counts:
            own.append(("f", _freq_bucket(self._count(norm))))
        if cfg.gazetteer:
            for flag in self.res.gazetteer.get(gkey, ()):
                own.append(("g", flag))
                ctx_base.append(("g", flag))
        ccl = cl[self._ctx_cols[0][1]] if cl is not None and self._ctx_cols else "-"
        return gkey, ccl, own, ctx_base

    def _info(self, word: str) -> _WordInfo:
        info = self._cache.get(word)
        if info is not None:
            return info
        gkey, ccl, own_pairs, ctx_pairs = self._pieces(word)
        ctx_base = [n + "=" + v for n, v in ctx_pairs]
        left: list[tuple[str, ...]] = []
        right: list[tuple[str, ...]] = []
        for d in range(1, self.config.window + 1):
            pm, pp = f"-{d}", f"+{d}"
            left.append(tuple([pm + f for f in ctx_base]))
            right.append(tuple([pp + f for f in ctx_base]))
        # Tuples, not lists: the garbage collector stops tracking tuples of strings, which
        # keeps a large cache from slowing every collection down.
        info = _WordInfo(gkey, tuple([n + "=" + v for n, v in own_pairs]), tuple(left), tuple(right), ccl)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[word] = info
        return info

    # -- per sentence ----------------------------------------------------------------------

    def _gazetteer_spans(self, keys: Sequence[str]) -> list[str | None]:
        """Longest multi-word gazetteer match covering each token, as ``B-FLAG``/``I-FLAG``."""
        out: list[str | None] = [None] * len(keys)
        starts = self.res.gaz_starts
        gz = self.res.gazetteer
        i = 0
        n = len(keys)
        while i < n:
            maxlen = starts.get(keys[i])
            matched = 0
            if maxlen:
                for m in range(min(maxlen, n - i), 1, -1):
                    flags = gz.get(" ".join(keys[i : i + m]))
                    if flags:
                        label = flags[0]
                        out[i] = "B-" + label
                        for j in range(i + 1, i + m):
                            out[j] = "I-" + label
                        matched = m
                        break
            i += matched or 1
        return out

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """CRF attributes for every token of one sentence."""
        cfg = self.config
        infos = [self._info(t) for t in tokens]
        n = len(infos)
        win = cfg.window
        gspans: list[str | None] = (
            self._gazetteer_spans([x.key for x in infos])
            if cfg.gazetteer and self.res.gaz_starts
            else [None] * n
        )
        out: list[list[str]] = []
        bigrams = cfg.bigrams
        conj = cfg.conjunctions
        for i, info in enumerate(infos):
            f = list(info.own)
            for d in range(1, win + 1):
                j = i - d
                if j >= 0:
                    f += infos[j].left[d - 1]
                elif j == -1:
                    f.append(_BOS[d])
                j = i + d
                if j < n:
                    f += infos[j].right[d - 1]
                elif j == n:
                    f.append(_EOS[d])
            if bigrams:
                key = info.key
                f.append("b-=" + (infos[i - 1].key if i else "<s>") + "|" + key)
                f.append("b+=" + key + "|" + (infos[i + 1].key if i + 1 < n else "</s>"))
            if conj:
                cl = info.cl
                if i:
                    f.append("wc-=" + infos[i - 1].key + "|" + cl)
                    f.append("cc-=" + infos[i - 1].cl + "|" + cl)
                if i + 1 < n:
                    f.append("cc+=" + cl + "|" + infos[i + 1].cl)
            g = gspans[i]
            gp = gspans[i - 1] if i else None
            gn = gspans[i + 1] if i + 1 < n else None
            if g is not None:
                f.append("gz=" + g)
            if gp is not None:
                f.append("-1gz=" + gp)
            if gn is not None:
                f.append("+1gz=" + gn)
            out.append(f)
        return out

    def sentences(self, sents: Iterable[Sequence[str]]) -> list[list[list[str]]]:
        """:meth:`sentence` over many sentences."""
        return [self.sentence(s) for s in sents]


class ModelFeatures:
    """:meth:`FeatureExtractor.sentence` for tagging with one model: only the attributes the
    model knows, as UTF-8 bytes.

    A CRF drops every attribute its model has no weight for, so leaving them out changes no
    score; handing it bytes spares the conversion of every string on every call. Per word type
    the filtered, encoded features are cached like :class:`FeatureExtractor`'s own.
    ``sentence(tokens)`` equals ``[[a.encode() for a in f if a in known] for f in
    extractor.sentence(tokens)]``.
    """

    def __init__(self, extractor: FeatureExtractor, known: frozenset[str]) -> None:
        self.extractor = extractor
        self.known = known
        self._cache: dict[str, tuple[str, str, tuple[bytes, ...], tuple[tuple[bytes, ...], ...], tuple[tuple[bytes, ...], ...]]] = {}
        self._bos = tuple(_BOS[d].encode() if _BOS[d] in known else None for d in range(10))
        self._eos = tuple(_EOS[d].encode() if _EOS[d] in known else None for d in range(10))
        self._gz: dict[str, tuple[bytes | None, bytes | None, bytes | None]] = {}
        # value -> {feature name: encoded attribute} of the attributes the model knows with
        # that value (``w=الأسد``: "الأسد" -> {"w": b"w=الأسد", ...}), so one look-up per
        # value rules out all the features it would make
        by_value: dict[str, dict[str, bytes]] = {}
        for attr in known:
            name, eq, value = attr.partition("=")
            if eq:
                by_value.setdefault(value, {})[name] = attr.encode()
        self._by_value = by_value
        # value -> {feature name: per distance d, the known (-d, +d) context attributes}
        win = extractor.config.window
        by_context: dict[str, dict[str, list[list[bytes | None]]]] = {}
        for attr in known:
            name, eq, value = attr.partition("=")
            if not eq or name[:1] not in "-+":
                continue
            digits = len(name) - len(name[1:].lstrip("0123456789")) - 1
            if digits == 0 or not 1 <= int(name[1 : 1 + digits]) <= win:
                continue
            d, base = int(name[1 : 1 + digits]), name[1 + digits :]
            sides = by_context.setdefault(value, {}).setdefault(base, [[None, None] for _ in range(win)])
            sides[d - 1][0 if name[0] == "-" else 1] = attr.encode()
        self._by_context = {
            v: {n: tuple([(a, b) for a, b in sides]) for n, sides in names.items()}
            for v, names in by_context.items()
        }
        # for the attributes of two words (b-=A|B): name -> A -> every B with a known
        # attribute; a value holding "|" is split at each of them (a superset, checked later)
        self._pairs: dict[str, dict[str, set[str]]] = {k: {} for k in ("b-", "b+", "wc-", "cc-", "cc+")}
        for attr in known:
            name, eq, value = attr.partition("=")
            index = self._pairs.get(name)
            if not eq or index is None:
                continue
            at = value.find("|")
            while at >= 0:
                index.setdefault(value[:at], set()).add(value[at + 1 :])
                at = value.find("|", at + 1)

    def _word(
        self, word: str
    ) -> tuple[str, str, tuple[bytes, ...], tuple[tuple[bytes, ...], ...], tuple[tuple[bytes, ...], ...]]:
        key, cl, own_pairs, ctx_pairs = self.extractor._pieces(word)
        by_value = self._by_value
        none: dict[str, bytes] = {}
        own = []
        for n, v in own_pairs:
            attr = by_value.get(v, none).get(n)
            if attr is not None:
                own.append(attr)
        win = self.extractor.config.window
        left: list[list[bytes]] = [[] for _ in range(win)]
        right: list[list[bytes]] = [[] for _ in range(win)]
        by_context = self._by_context
        for n, v in ctx_pairs:
            names = by_context.get(v)
            if names is None:
                continue
            sides = names.get(n)
            if sides is None:
                continue
            for d, (a, b) in enumerate(sides):
                if a is not None:
                    left[d].append(a)
                if b is not None:
                    right[d].append(b)
        entry = (key, cl, tuple(own), tuple([tuple(x) for x in left]), tuple([tuple(x) for x in right]))
        if len(self._cache) >= self.extractor._cache_size:
            self._cache.clear()
        self._cache[word] = entry
        return entry

    def _gz_attrs(self, g: str) -> tuple[bytes | None, bytes | None, bytes | None]:
        known = self.known
        here, left, right = "gz=" + g, "-1gz=" + g, "+1gz=" + g
        attrs = (
            here.encode() if here in known else None,
            left.encode() if left in known else None,
            right.encode() if right in known else None,
        )
        self._gz[g] = attrs
        return attrs

    def sentence(self, tokens: Sequence[str]) -> list[list[bytes]]:
        """The model's attributes for every token of one sentence (see the class)."""
        ext = self.extractor
        cfg = ext.config
        known = self.known
        cache = self._cache
        infos = [cache.get(t) or self._word(t) for t in tokens]
        n = len(infos)
        win = cfg.window
        gspans: list[str | None] = (
            ext._gazetteer_spans([x[0] for x in infos])
            if cfg.gazetteer and ext.res.gaz_starts
            else [None] * n
        )
        # the context each token receives from distance d, sentence edges included
        empty: tuple[bytes, ...] = ()
        columns: list[list[tuple[bytes, ...]]] = []
        for d in range(1, win + 1):
            b = self._bos[d]
            left = [empty] * (d - 1) + [(b,) if b is not None else empty]
            left += [x[3][d - 1] for x in infos[: max(0, n - d)]]
            columns.append(left[:n])
            if n >= d:
                b = self._eos[d]
                right = [x[4][d - 1] for x in infos[d:]] + [(b,) if b is not None else empty]
                right += [empty] * (d - 1)
                columns.append(right[:n])
            else:
                columns.append([empty] * n)
        owns = [x[2] for x in infos]
        out: list[list[bytes]]
        if win == 2:
            out = [
                [*own, *l1, *r1, *l2, *r2] for own, l1, r1, l2, r2 in zip(owns, *columns, strict=True)
            ]
        else:
            out = [list(own) for own in owns]
            for i, f in enumerate(out):
                for col in columns:
                    f += col[i]
        # bigram and conjunction attributes are seldom known: the pair indexes rule most out
        # without building the string. One pass per attribute keeps each token's order.
        none: frozenset[str] = frozenset()
        pairs = self._pairs
        keys = [x[0] for x in infos]
        if cfg.bigrams:
            index = pairs["b-"]
            for f, prev, key in zip(out, ["<s>", *keys], keys, strict=False):
                if key in index.get(prev, none):
                    a = "b-=" + prev + "|" + key
                    if a in known:
                        f.append(a.encode())
            index = pairs["b+"]
            for f, key, nxt in zip(out, keys, [*keys[1:], "</s>"], strict=False):
                if nxt in index.get(key, none):
                    a = "b+=" + key + "|" + nxt
                    if a in known:
                        f.append(a.encode())
        if cfg.conjunctions and n:
            cls = [x[1] for x in infos]
            wc_minus, cc_minus, cc_plus = pairs["wc-"], pairs["cc-"], pairs["cc+"]
            for i in range(n):
                f = out[i]
                cl = cls[i]
                if i:
                    prev, pcl = keys[i - 1], cls[i - 1]
                    if cl in wc_minus.get(prev, none):
                        a = "wc-=" + prev + "|" + cl
                        if a in known:
                            f.append(a.encode())
                    if cl in cc_minus.get(pcl, none):
                        a = "cc-=" + pcl + "|" + cl
                        if a in known:
                            f.append(a.encode())
                if i + 1 < n:
                    ncl = cls[i + 1]
                    if ncl in cc_plus.get(cl, none):
                        a = "cc+=" + cl + "|" + ncl
                        if a in known:
                            f.append(a.encode())
        if any(g is not None for g in gspans):
            gzc = self._gz
            for i, f in enumerate(out):
                g = gspans[i]
                if g is not None:
                    b = (gzc.get(g) or self._gz_attrs(g))[0]
                    if b is not None:
                        f.append(b)
                if i:
                    g = gspans[i - 1]
                    if g is not None:
                        b = (gzc.get(g) or self._gz_attrs(g))[1]
                        if b is not None:
                            f.append(b)
                if i + 1 < n:
                    g = gspans[i + 1]
                    if g is not None:
                        b = (gzc.get(g) or self._gz_attrs(g))[2]
                        if b is not None:
                            f.append(b)
        return out
