"""Attributed statements: who said what, with the reporting cue and the exact words.

Three constructions are recognised, all from a reporting cue (``src/rasd/data/lexicon/
quote_cues.tsv``):

* **direct**: the cue introduces words in quotation marks (« », “ ”, " ", ‹ ›), with or without
  a colon or an إن/أن before them; quotations may run across sentences and paragraphs;
* **indirect**: the cue takes an أن/إن clause (``أكد أن``، ``أشار إلى أن``، ``مشيراً إلى أن``),
  or, after ``جدد التأكيد على``, a noun phrase; the clause runs to the next cue or the end of
  the sentence;
* **mixed**: an indirect clause that carries a quoted fragment (``وهو «مرفوض تماماً»``).

The speaker is the name right after the cue (VSO: ``أكد لاريجاني والمقداد``, joint speakers
become co-speakers), else the subject named before it in the sentence (SVO), else — for
continuations such as ``وقال:``، ``وأضاف``، ``واعتبر أن`` and circumstantial participles — the
speaker of the previous statement, following the article's order. ``بحسب وكالة «سانا»`` sets the
source the statement is relayed through (``via``). An unnamed source (``مصدر أمني``) keeps its
words as ``speaker_text`` with no speaker id.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasd.arabic.normalize import normalize
from rasd.model import Actor, Document, Mention, Quote, Sentence, Span, Token

_OPEN_CLOSE = {"«": "»", "“": "”", "‹": "›", "„": "”"}
_COMPLEMENTIZERS = frozenset(normalize(w) for w in "أن إن بأن وأن وإن لأن".split())
# the complementizer with an attached pronoun: أنه، إنها، إننا، بأنه…
_COMP_PRON = frozenset(
    normalize(c + p) for c in ("أن", "إن", "بأن", "وأن") for p in ("ه", "ها", "هم", "هما", "نا", "ني")
)
_VIA_CUES = frozenset(normalize(w) for w in "بحسب حسب وفقا وفق نقلا نقلت".split())
# nouns after which words in quotation marks are a name, not speech (اجتماع "الشراكة الدولية")
_NAMING_NOUNS = frozenset(
    normalize(w)
    for w in "كلمة عبارة اجتماع مؤتمر منتدى قمة حملة عملية مبادرة اتفاق اتفاقية بعنوان عنوان مسمى شعار منظمة جماعة حركة حزب تنظيم صحيفة مجلة كتاب برنامج قانون مشروع وثيقة خطة مجموعة شركة قناة موقع فيلم وسم هاشتاغ".split()
)
# cues that are also ordinary words (تابع = affiliated, بين = between, رد = reply): they
# report speech only when the words follow at once
_WEAK_CUES = frozenset(normalize(w) for w in "تابع تابعت رد ردت بين بينت كتب كتبت شرح شرحت".split())
# a cue in a subordinate clause of time is a narrated act, not reported speech (بعد أن شرح)
_SUBORDINATORS = frozenset(normalize(w) for w in "بعد قبل عندما حين حينما لما كلما".split())
_MEDIA_WORDS = frozenset(normalize(w) for w in "بي صحيفة وكالة قناة موقع تلفزيون إذاعة شبكة".split())
_TO_WHOM = frozenset(normalize(w) for w in "لـ ل بـ ب لصحيفة لوكالة لقناة لموقع لتلفزيون لإذاعة".split())
_SOURCE_NOUNS = frozenset(
    normalize(w)
    for w in "مصدر مصادر مسؤول مسؤولون مسؤولين متحدث المتحدث ناطق ناشطون ناشطين سكان شهود شاهد بيان تقرير دبلوماسي دبلوماسيون خبراء محللون عضو أعضاء أحد".split()
)
# an unnamed person as the speaker (قال رجل كان يقود سيارة خلف الشاحنة إن…، قال زميل له، هو…)
_PERSON_NOUNS = frozenset(
    normalize(w)
    for w in "رجل امرأة سيدة شاب شابة فتاة زميل زميلة جار جارة صديق صديقة قريب مواطن مواطنة موظف طالب طبيب ضابط جندي سائق لاجئ لاجئة".split()
)
_MAX_PERSON_WORDS = 12
_NOMINAL_CUES = frozenset(normalize(w) for w in "قوله قولها قولهم تصريحه تصريحها القول".split())
_IMPERSONAL = frozenset(normalize(w) for w in "يذكر ويذكر يشار ويشار يعتقد ويعتقد".split())
_ACCORDING = frozenset(normalize(w) for w in "بحسب وبحسب حسب وحسب وفقا ووفقا طبقا وطبقا".split())
_DOCUMENT_NOUNS = frozenset(normalize(w) for w in "بيان تقرير رسالة وثيقة تصريح".split())
# cues that state a thing named by a noun after على/إلى (شدد على أهمية، مشيراً إلى تنسيق)
_NP_CUES = frozenset(
    normalize(w)
    for w in "شدد شددت أكد أكدت لفت لفتت أشار أشارت دعا دعت مشددا مشددة مؤكدا مؤكدة مؤكدين لافتا لافتة مشيرا مشيرة داعيا داعية".split()
)
# cues whose object stands between them and بأنه (وصف الاتهام بأنه): the words there are what is
# described, not who speaks
_OBJECT_CUES = frozenset(normalize(w) for w in "وصف وصفت يصف تصف".split())
_CUE_ADVERBS = frozenset(normalize(w) for w in "أيضا كذلك مجددا بدوره بدورها".split())
# words opening a qualifier of the noun before them (التحالف الذي تقوده السعودية، بقيادة)
_RELATIVES = frozenset(normalize(w) for w in "الذي التي الذين اللذين اللتين اللواتي بقيادة".split())
_NP_PREPS = frozenset(normalize(w) for w in "على إلى".split())
_CLAUSE_OPENERS = frozenset(normalize(w) for w in "كما ثم بينما فيما حيث لكن لكنه لكنها".split())
_AS_SAID_HEADS = frozenset(normalize(w) for w in "وفق بحسب حسب مثل".split())
_AS_SAID = frozenset(normalize(w) for w in "كما حسبما مثلما وفقما".split())
_SVO_OPENERS = frozenset(normalize(w) for w in "إن أن وإن وأن بأن لأن عن".split())
_MAX_SPEAKER_GAP = 30
_MAX_NARRATIVE_WORDS = 5
_MIN_STATEMENT_WORDS = 3
_MAX_SOURCE_WORDS = 6  # عضو في حركة طالبان باكستان
_MAX_DOCUMENT_WORDS = 9  # بيان صادر عن المجلس الوزاري الأمني المصغر  # tokens between a cue and the start of what was said
_PREPOSITIONS = frozenset(normalize(w) for w in "إلى على في من عن مع ضد لدى عبر نحو بين".split())
_MIN_UNCUED_WORDS = 8


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue found in a document."""

    token: int  # first token
    last: int  # last token (phrase cues span several)
    start: int
    end: int
    kind: str  # verb | circ | reiterate | source
    stance: str
    gender: str  # m | f | pl


_PHRASE_GAP = 8


@lru_cache(maxsize=1)
def _lexicon() -> dict[tuple[str, ...], tuple[str, str, str]]:
    text = (resources.files("rasd") / "data" / "lexicon" / "quote_cues.tsv").read_text("utf-8")
    lex: dict[tuple[str, ...], tuple[str, str, str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        form, kind, stance, gender = [*line.split("\t"), "m"][:4]
        lex[tuple(normalize(w) for w in form.split())] = (kind, stance, gender or "m")
    return lex


@lru_cache(maxsize=1)
def _phrase_heads() -> dict[str, frozenset[str]]:
    heads: dict[str, set[str]] = {}
    for key in _lexicon():
        if len(key) == 2:
            heads.setdefault(key[0], set()).add(key[1])
    return {k: frozenset(v) for k, v in heads.items()}


def _nominal(tok: Token) -> bool:
    """A nominal cue (قوله، قولهم، القول), with its pronoun attached or split off."""
    return tok.norm in _NOMINAL_CUES or _stem(tok) in _NOMINAL_CUES or any(f in _NOMINAL_CUES for f in _forms(tok))


def _imperfect(cue: Cue, tok: Token) -> bool:
    """A present-tense cue (يعتبر، ترى، يؤكدون): a view held, not a statement made."""
    stem = _stem(tok)
    if stem.startswith("ي"):
        return True
    return stem.startswith("ت") and cue.gender == "f" and not stem.endswith("ت")


def _stem(tok: Token) -> str:
    """Token without attached conjunction/preposition (and without a pronoun)."""
    if not tok.segments:
        return tok.norm
    out = "".join(s.norm for s in tok.segments if s.role in ("stem", "det", "fut"))
    return out or tok.norm


def _forms(tok: Token) -> tuple[str, ...]:
    """The token as written, without its particles, and without a leading و/ف the segmenter kept."""
    stem = _stem(tok)
    forms = [tok.norm, stem]
    if tok.norm[:1] in ("و", "ف") and len(tok.norm) > 3:
        forms.append(tok.norm[1:])
    return tuple(forms)


def find_cues(doc: Document, lo: int, hi: int) -> list[Cue]:
    """Reporting cues among tokens ``lo..hi``."""
    lex = _lexicon()
    phrase_heads = _phrase_heads()
    toks = doc.tokens
    out: list[Cue] = []
    i = lo
    while i < hi:
        t = toks[i]
        if t.kind != "ar":
            i += 1
            continue
        forms = _forms(t)
        hit: tuple[int, tuple[str, str, str]] | None = None
        stripped = False  # matched with a leading و/ف the segmenter left on
        # phrase cues first (جدد التأكيد); the speaker may stand between the two words
        for f in forms:
            second = phrase_heads.get(f)
            if second is None:
                continue
            for j in range(i + 1, min(hi, i + 1 + _PHRASE_GAP)):
                if toks[j].norm in second or _stem(toks[j]) in second:
                    entry = lex.get((f, toks[j].norm)) or lex.get((f, _stem(toks[j])))
                    if entry:
                        hit = (j, entry)
                    break
            if hit:
                break
        if hit is None:
            for f in forms:
                entry = lex.get((f,))
                if entry:
                    hit = (i, entry)
                    stripped = f != t.norm and f == t.norm[1:]
                    break
        if hit is None:
            i += 1
            continue
        last, (kind, stance, gender) = hit
        end = t.end if kind == "reiterate" else toks[last].end
        start = t.start + 1 if stripped else t.start
        for seg in t.segments:
            if seg.role not in ("conj", "prep"):
                start = max(start, seg.start)
                break
        out.append(Cue(i, last, start, end, kind, stance, gender))
        i = last + 1
    return out


def quote_pairs(body: str) -> list[tuple[int, int]]:
    """Offsets ``(open, close)`` of matched quotation marks; quotations may cross lines."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int, int]] = []  # (closing mark, offset, paragraphs crossed)
    ascii_open: int | None = None
    for i, ch in enumerate(body):
        if ch == "\n":
            ascii_open = None  # a straight quote does not cross a paragraph
            stack = [(c, o, n + 1) for c, o, n in stack if n < 3]
            continue
        if ch in _OPEN_CLOSE and ch != "„":
            stack.append((_OPEN_CLOSE[ch], i, 0))
        elif stack and ch == stack[-1][0]:
            _, o, _ = stack.pop()
            pairs.append((o, i))
        elif ch in "»”›":
            # a closing mark without its opening one: close the nearest open of that kind
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == ch:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
        elif ch == '"':
            if ascii_open is None:
                ascii_open = i
            else:
                pairs.append((ascii_open, i))
                ascii_open = None
    pairs.sort()
    return pairs


class _Entities:
    """Name mentions of the document by offset, with their actor ids."""

    def __init__(self, doc: Document) -> None:
        self.items: list[tuple[int, int, Actor, Mention]] = []
        for e in doc.entities:
            for m in e.mentions:
                self.items.append((m.start, m.end, e, m))
        self.items.sort(key=lambda x: (x[0], -x[1]))

    def between(self, start: int, end: int) -> list[tuple[int, int, Actor, Mention]]:
        return [x for x in self.items if start <= x[0] and x[1] <= end]


def _word_count(text: str) -> int:
    return len(text.split())


class _Extractor:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.body = doc.body
        self.pairs = quote_pairs(doc.body)
        self.entities = _Entities(doc)
        self.quotes: list[Quote] = []
        self.last_speaker: Actor | None = None
        self.genders: dict[str, str] = {}  # speaker id -> gender of the verbs it took
        self.last_subject: tuple[int, Actor] | None = None
        self.last_speaker_at = -1
        self.last_text: str | None = None
        self.covered: list[tuple[int, int]] = []
        self.token_ends = [t.end for t in doc.tokens]
        self.token_starts = [t.start for t in doc.tokens]

    # ---------------------------------------------------------------- helpers

    def pair_at(self, offset: int) -> tuple[int, int] | None:
        for o, c in self.pairs:
            if o == offset:
                return o, c
        return None

    def pair_containing(self, offset: int) -> tuple[int, int] | None:
        best = None
        for o, c in self.pairs:
            if o < offset < c and (best is None or o > best[0]):
                best = (o, c)
        return best

    def speaker_after(self, cue: Cue, limit: int) -> tuple[Actor | None, list[Actor], Span | None]:
        """The name right after the cue, with joint speakers joined by و."""
        items = [
            x
            for x in self.entities.between(cue.end, limit)
            if x[2].type in ("PER", "ORG", "LOC") and not self.governed(x[0])
        ]
        if not items:
            return None, [], None
        first = items[0]
        # the speaker must come first after the cue (titles and a few words may precede it)
        # رئيس شرطة تورنتو، مارك سوندرز: a place or body named in the title, then the person
        if first[2].type != "PER":
            later = next((x for x in items[1:] if x[2].type == "PER"), None)
            if later is not None and _word_count(self.body[first[1] : later[0]]) <= 2:
                first = later
        gap = self.body[cue.end : first[0]]
        if any(normalize(w) in _RELATIVES for w in gap.split()):
            return None, [], None  # ذكر التحالف الذي تقوده السعودية: the name is in a qualifier
        if gap.strip() in ("«", "“", '"'):
            gap = ""  # the name itself in quotation marks: أعلنت «جبهة النصرة»
        commas_ok = first[2].type == "PER" and _word_count(gap) <= 4
        if _word_count(gap) > 6 or any(c in gap for c in "«“\":") or (not commas_ok and any(c in gap for c in "،,")):
            return None, [], None
        if gap.split() and normalize(gap.split()[0]) in _SOURCE_NOUNS and first[2].type != "PER":
            return None, [], None  # مصدر أمني تركي لبي بي سي: the source is unnamed
        speaker = first[2]
        co: list[Actor] = []
        end = first[1]
        for s, e, actor, _m in items[1:]:
            between = self.body[end:s].strip()
            if between in ("", "و") or (between == "" and self.body[s] == "و"):
                if actor.id != speaker.id and actor.type in ("PER", "ORG"):
                    co.append(actor)
                end = e
                continue
            # "والمقداد": the conjunction is inside the mention's token
            if between == "" or self.body[end:s].strip() == "":
                end = e
                continue
            break
        return speaker, co, Span(first[0], first[1])

    def governed(self, offset: int) -> bool:
        """True when the name at ``offset`` is the object of a preposition (لبي بي سي، إلى دمشق)."""
        return self.governor(offset) is not None

    def governor(self, offset: int) -> str | None:
        """The preposition the name at ``offset`` is the object of (written on it, or before it or
        its title), or None."""
        toks = self.doc.tokens
        k = bisect_right(self.token_ends, offset)
        if k >= len(toks):
            return None
        tok = toks[k]
        prep = next((seg for seg in tok.segments if seg.role == "prep" and seg.end <= offset), None)
        if prep is not None:
            return prep.norm  # a preposition written on the name: لـ، بـ
        # a title between: موالٍ للرئيس عبد ربه منصور هادي، مع وزير الخارجية الإيراني فلان
        title = self.title_start(offset)
        if title < offset:
            return self.governor(title)
        if k > 0 and toks[k - 1].kind == "ar" and toks[k - 1].norm in _PREPOSITIONS:
            return toks[k - 1].norm
        return None

    def title_start(self, offset: int) -> int:
        """Where the title of the name at ``offset`` begins (وزير الخارجية الإيراني فلان), or
        ``offset`` when no title stands right before it."""
        start = offset
        while True:
            title = next(
                (
                    m
                    for m in self.doc.mentions
                    if m.label in ("TITLE", "NISBA") and 0 <= start - m.end <= 1 and m.start < start
                ),
                None,
            )
            if title is None:
                return start
            start = title.start

    def subject_before(self, sentence: Sentence, cue: Cue) -> Actor | None:
        """The actor the sentence is about, named before the cue and agreeing with it in gender.

        The subject of the sentence's first clause comes first (ونفت إسرائيل…، وقالت: إسرائيل,
        not a place named in between); else the nearest agreeing actor that is not the object of
        a preposition.
        """
        cands: list[tuple[int, Actor]] = []
        for s, _e, actor, _m in self.entities.between(sentence.start, cue.start):
            if actor.type not in ("PER", "ORG", "LOC"):
                continue
            if self.pair_containing(s) or any(a <= s < b for a, b in self.covered):
                continue
            if self.governed(s):
                continue
            cands.append((s, actor))
        agreeing = [(s, a) for s, a in cands if _agrees(a, cue.gender)]
        if not agreeing:
            return None
        first_at, first = agreeing[0]
        lead = self.doc.body[sentence.start : self.title_start(first_at)].split()
        if len(lead) <= 2:
            return first  # VSO: the subject right after the sentence's first verb
        return agreeing[-1][1]

    def narrative_gap(self, cue: Cue, offset: int) -> bool:
        """A quotation mark that opens no statement: a word or two quoted in the writer's own
        narrative (أنشطة "إرهابية"، بإصلاح "العيوب المروعة"), or words quoted after a comma and a
        stretch of narrative."""
        pair = self.pair_at(offset)
        if pair is not None and _word_count(self.body[pair[0] + 1 : pair[1]]) < _MIN_STATEMENT_WORDS:
            gap = self.body[cue.end : offset]
            return _word_count(gap) > 2
        gap = self.body[cue.end : offset]
        for s, e, _a, _m in reversed(self.entities.between(cue.end, offset)):
            gap = gap[: s - cue.end] + gap[e - cue.end :]
        return "،" in gap and _word_count(gap) > _MAX_NARRATIVE_WORDS

    def only_a_name(self, start: int, end: int) -> bool:
        """True when the words ``[start, end)`` are just a name (the subject of a nested cue)."""
        names = self.entities.between(start, end)
        if not names:
            return False
        covered = sum(e - s for s, e, _a, _m in names)
        return covered >= len(self.body[start:end].strip()) - 2

    def adjacent_subject(self, cue: Cue, loose: bool = False) -> tuple[Actor, Span] | None:
        """SVO: a name right before the cue that can only be its subject: after إن/أن
        (إن بوتين أبلغ…) or after عن (نقلت الوكالة عن الوزير قوله)."""
        for s, e, actor, _m in reversed(self.entities.items):
            if e > cue.start:
                continue
            between = self.body[e : cue.start]
            if between.strip(" ،,") != "" or actor.type not in ("PER", "ORG", "LOC"):
                return None
            governor = self.governor(s)
            # نقلت الوكالة عن وزير الداخلية الأمير فلان قوله: عن names the source of a nominal cue
            if governor is not None and not (governor == "عن" and _nominal(self.doc.tokens[cue.token])):
                return None
            # the opener may stand a title away: عن وزير الداخلية الأمير عبد العزيز بن سعود قوله
            before = [normalize(w) for w in self.body[max(0, s - 60) : s].split()][-6:]
            if any(w in _SVO_OPENERS for w in before) and not any(c in self.body[max(0, s - 60) : s] for c in "،.:«\""):
                return actor, Span(s, e)
            if before and before[-1] in _SVO_OPENERS:
                return actor, Span(s, e)
            if loose and between.strip() == "" and _agrees(actor, cue.gender, loose=actor.type == "ORG"):
                return actor, Span(s, e)  # وكان عدد من مسؤولي الحزب قالوا: nothing follows the verb
            return None
        return None

    def carried(self, cue: Cue) -> Actor | None:
        """The previous statement's speaker, when the cue's gender fits it (a woman who said
        قالت is not the speaker of the next قال); or the person a later sentence was about, when
        one came after that statement (طالب الأمين العام غوتيريش… وقال لبي بي سي إنه…). None
        when the last statement came from an unnamed source (وقال مقرب منه إن… وأضاف:), whose
        words the caller carries instead."""
        last_q = next((q for q in reversed(self.quotes) if q.cue is not None), None)
        if (
            last_q is not None
            and last_q.speaker is None
            and last_q.speaker_text
            and last_q.content.end >= self.last_speaker_at
            and (self.last_subject is None or self.last_subject[0] < last_q.content.start)
        ):
            return None
        if self.last_subject is not None and self.last_subject[0] > self.last_speaker_at:
            subject = self.last_subject[1]
            known = self.genders.get(subject.id)
            if not (known in ("m", "f") and cue.gender in ("m", "f") and known != cue.gender):
                return subject
        last = self.last_speaker
        if last is None:
            return None
        known = self.genders.get(last.id)
        if known in ("m", "f") and cue.gender in ("m", "f") and known != cue.gender:
            return None
        return last if _agrees(last, cue.gender, loose=True) else None

    def content_start(self, cue: Cue, hi_token: int) -> tuple[int, str] | None:
        """Token index where the statement starts and how it is introduced.

        Returns ``(token, how)`` with how in ``quote``, ``comp`` (after أن/إن) or ``colon``.
        """
        toks = self.doc.tokens
        k = cue.last + 1
        steps = 0
        while k < hi_token and steps <= _MAX_SPEAKER_GAP:
            t = toks[k]
            if t.kind == "punct" and t.norm in ("«", "“", '"', "‹"):
                prev = toks[k - 1]
                pair = self.pair_at(t.start)
                if pair is not None and (
                    prev.norm in _TO_WHOM
                    or _stem(prev).removeprefix("ال") in _NAMING_NOUNS
                    or self.narrative_gap(cue, t.start)
                    or self.only_a_name(pair[0] + 1, pair[1])
                ):
                    # لـ«الشرق الأوسط»: the quoted words name whom it was said to; a quoted word
                    # far into the narrative (المسجون بتهمة أنشطة "إرهابية") is no statement;
                    # أعلنت «جبهة النصرة»: a name in quotation marks is the speaker
                    k = self._token_after(pair[1] + 1)
                    steps += 1
                    continue
                return k, "quote"
            if t.kind == "punct" and t.norm == ":":
                return k + 1, "colon"
            if t.kind == "ar":
                n = t.norm
                if n in _COMPLEMENTIZERS or _stem(t) in _COMPLEMENTIZERS:
                    return k + 1, "comp"
                if n in _COMP_PRON:
                    return k + 1, "comp"
            if t.kind == "punct" and t.norm in (".", "؟", "!"):
                return None
            k += 1
            steps += 1
        return None

    def definite_subject(self, sentence: Sentence, cue: Cue) -> Actor | None:
        """``وأصدرت الجبهة بيانا اعتبرت فيه أن…``: the sentence's subject is a common noun (الجبهة،
        الصحيفة) standing for the body named earlier with that word."""
        toks = self.doc.tokens
        k = sentence.token_start
        if k + 1 >= cue.token or toks[k].kind != "ar" or toks[k + 1].kind != "ar":
            return None
        noun = toks[k + 1]
        if not noun.norm.startswith("ال") or self.entities.between(noun.start, noun.end):
            return None
        actor, _text = self.source_referent(self.body[noun.start : noun.end], cue)
        return actor if actor is not None and actor.type == "ORG" else None

    def unnamed_subject(self, sentence: Sentence, cue: Cue) -> str | None:
        """SVO with an unnamed source as subject: ``وكان ناشطون أبلغوا…``، ``مصادر أمنية قالت…``:
        the words from the sentence's start (after كان/قد) to the cue, when they are a source
        noun and at most two qualifiers."""
        toks = self.doc.tokens
        k = sentence.token_start
        while k < cue.token and toks[k].kind == "ar" and _stem(toks[k]) in ("كان", "قد", "كانت", "كانوا"):
            k += 1
        n = cue.token - k
        if not 1 <= n <= 3 or any(t.kind != "ar" for t in toks[k : cue.token]):
            return None
        if _stem(toks[k]) not in _SOURCE_NOUNS and toks[k].norm not in _SOURCE_NOUNS:
            return None
        start = toks[k].start
        for seg in toks[k].segments:
            if seg.role not in ("conj", "prep"):
                start = seg.start
                break
        return self.body[start : toks[cue.token - 1].end]

    def relayed_source(self, cue: Cue, hi_token: int) -> tuple[int, int, int] | None:
        """``ذكر المراسل نقلا عن مصادر مطلعة أن…``: the statement after أن is relayed from the
        source named after نقلا عن. Returns the token the statement starts at and the source's
        offsets."""
        toks = self.doc.tokens
        for k in range(cue.last + 1, min(hi_token - 2, cue.last + 1 + _MAX_SPEAKER_GAP)):
            t = toks[k]
            if t.kind == "punct" and t.norm in (".", "؟", "!", ":") and self.body[t.end : t.end + 1] in ("", " ", "\n"):
                return None  # (not the dot inside العربية.نت)
            if t.norm not in ("نقلا", "ونقلا") or toks[k + 1].norm != "عن":
                continue
            for j in range(k + 2, min(hi_token, k + 3 + _MAX_SOURCE_WORDS)):
                tj = toks[j]
                if tj.kind == "punct":
                    return None
                if j > k + 2 and (tj.norm in _COMPLEMENTIZERS or tj.norm in _COMP_PRON):
                    return j + 1, toks[k + 2].start, toks[j - 1].end
            return None
        return None

    def np_start(self, cue: Cue, hi_token: int) -> tuple[int, str] | None:
        """``شدد على أهمية…``، ``مشيراً إلى تنسيق…``: a stating cue whose preposition takes the
        thing stated as a noun phrase (no أن)."""
        toks = self.doc.tokens
        if _stem(toks[cue.token]) not in _NP_CUES:
            return None
        k = cue.last + 1
        spoken = self.speaker_after(cue, toks[min(hi_token, len(toks)) - 1].end)
        if spoken[2] is not None and spoken[2].start >= toks[k].start and _word_count(self.body[toks[k].start : spoken[2].start]) <= 4:
            k = self._token_after(spoken[2].end)
        k = self._skip_adverbs(k, hi_token)
        if k + 1 >= hi_token or toks[k].kind != "ar" or toks[k].norm not in _NP_PREPS:
            return None
        nxt = toks[k + 1]
        if nxt.kind != "ar" or nxt.norm in _COMPLEMENTIZERS or nxt.norm in _COMP_PRON:
            return None
        return k + 1, "np"

    def _skip_adverbs(self, k: int, hi_token: int) -> int:
        """The token after adverbs standing between a cue and its preposition (أكد أيضا على،
        أكد في الوقت ذاته على)."""
        toks = self.doc.tokens
        while k < hi_token and toks[k].kind == "ar":
            if toks[k].norm in _CUE_ADVERBS:
                k += 1
            elif (
                k + 2 < hi_token
                and _stem(toks[k + 1]) == "الوقت"
                and toks[k + 2].norm in ("ذاته", "نفسه")
                and (toks[k].norm == "في" or toks[k + 1].norm == "بالوقت")
            ):
                k += 3
            elif k + 1 < hi_token and toks[k].norm == "بالوقت" and toks[k + 1].norm in ("ذاته", "نفسه"):
                k += 2
            else:
                break
        return k

    def _token_after(self, offset: int) -> int:
        return bisect_left(self.token_starts, offset)

    # ---------------------------------------------------------------- main loop

    def run(self) -> list[Quote]:
        doc = self.doc
        previous: Sentence | None = None
        for sentence in doc.sentences:
            cues = find_cues(doc, sentence.token_start, sentence.token_end)
            via = self.via(sentence)
            sentence_speaker: Actor | None = None
            before = len(self.quotes)
            for n, cue in enumerate(cues):
                if any(a <= cue.start < b for a, b in self.covered):
                    continue  # a cue inside words already quoted belongs to the quotation
                next_cue = next((c for c in cues[n + 1 :] if self.opens_clause(c)), None)
                q = self.quote_for(sentence, cue, next_cue, sentence_speaker, via, cues[n + 1] if n + 1 < len(cues) else None)
                if q is not None:
                    sentence_speaker = doc.entity(q.speaker) or sentence_speaker
            if len(self.quotes) == before:
                self.according_to(sentence)
            if len(self.quotes) == before:
                self.continued(sentence, previous)
            previous = sentence
            self.according_after(sentence)
            self.uncued(sentence)
            self.note_subject(sentence)
        return self.quotes

    def note_subject(self, sentence: Sentence) -> None:
        """Remember the person a sentence is about (its first person, not after a preposition),
        for a later «وقال» that names nobody."""
        for s, _e, actor, _m in self.entities.between(sentence.start, sentence.end):
            if actor.type == "PER" and not self.governed(s) and not self.pair_containing(s):
                # the subject opens the sentence or follows its first verb (and the title)
                if len(self.body[sentence.start : self.title_start(s)].split()) <= 2:
                    self.last_subject = (s, actor)
                return

    def opens_clause(self, cue: Cue) -> bool:
        """Whether a cue starts a new statement, so that the one before it ends there: a
        circumstantial participle, or a verb after و/ف, a comma or كما (not تؤكد in the middle of
        الاتصالات تؤكد إرساء…, nor بين meaning "between")."""
        if cue.kind == "circ":
            return True
        toks = self.doc.tokens
        tok = toks[cue.token]
        if _stem(tok) in _WEAK_CUES:
            return False
        if (tok.segments and tok.segments[0].role == "conj") or (tok.norm[:1] in ("و", "ف") and cue.start > tok.start):
            return True
        prev = toks[cue.token - 1] if cue.token > 0 else None
        return prev is None or prev.kind == "punct" or prev.norm in _CLAUSE_OPENERS

    def continued(self, sentence: Sentence, previous: Sentence | None) -> None:
        """``وأن الجانبين اتفقا…`` opening a sentence with no cue of its own: one more clause of
        the statement that ended the sentence before."""
        toks = self.doc.tokens
        k = sentence.token_start
        if previous is None or k + 2 >= sentence.token_end or not self.quotes:
            return
        if self.body[toks[k].start : toks[k].end] not in ("وأن", "وان"):
            return  # not وإن (even if)
        last = self.quotes[-1]
        if last.cue is None or not previous.start <= last.content.end <= previous.end:
            return
        start = toks[k + 1].start
        end = sentence.end
        while end > start and self.body[end - 1] in " .،؛\n":
            end -= 1
        if _word_count(self.body[start:end]) < _MIN_STATEMENT_WORDS:
            return
        self.quotes.append(
            Quote(
                id=f"q{len(self.quotes) + 1}",
                speaker=last.speaker,
                speaker_text=last.speaker_text,
                cue=None,
                content=Span(start, end),
                kind="mixed" if any(start <= o < end for o, _c in self.pairs) else "indirect",
                via=last.via,
                co_speakers=list(last.co_speakers),
                stance=last.stance,
            )
        )
        self.covered.append((start, end))

    def according_to(self, sentence: Sentence) -> Quote | None:
        """``وبحسب صالح، فهذا القانون سيضاعف…``: a sentence whose words are ascribed by its
        opening phrase, with no reporting verb of its own."""
        toks = self.doc.sentence_tokens(sentence)
        if len(toks) < 4 or not (_stem(toks[0]) in _ACCORDING or toks[0].norm in _ACCORDING):
            return None
        k = 1
        if toks[0].norm.endswith(("وفقا", "طبقا")) and toks[1].norm in ("ل", "لـ"):
            k = 2
        comma = next(
            (j for j in range(k, min(len(toks), k + 9)) if toks[j].norm in ("،", ",", "فان", "فانه")), None
        )
        if comma is None or comma + 1 >= len(toks):
            return None
        toks_after = comma + 1  # after the comma, or after فإن (ووفقا لمنظمة بتسيلم فإن …)
        src_start, src_end = toks[k].start, toks[comma - 1].end
        for seg in toks[k].segments:
            if seg.role not in ("conj", "prep"):
                src_start = seg.start
                break
        names = [x for x in self.entities.between(src_start, src_end) if x[2].type in ("PER", "ORG", "LOC")]
        speaker = names[0][2] if names else None
        first = toks[toks_after]
        start = first.start
        if first.segments and first.segments[0].role == "conj" and len(first.segments) > 1:
            start = first.segments[1].start  # فهذا القانون، فإن الحكومة
        end = sentence.end
        while end > start and self.body[end - 1] in " .،؛":
            end -= 1
        if _word_count(self.body[start:end]) < _MIN_STATEMENT_WORDS:
            return None
        q = Quote(
            id=f"q{len(self.quotes) + 1}",
            speaker=speaker.id if speaker else None,
            speaker_text=self.body[src_start:src_end],
            cue=Span(next((g.start for g in toks[0].segments if g.role != "conj"), toks[0].start), toks[k - 1].end),
            content=Span(start, end),
            kind="mixed" if any(start <= o < end for o, _c in self.pairs) else "indirect",
            stance="say",
            speaker_span=Span(names[0][0], names[0][1]) if names else None,
        )
        self.quotes.append(q)
        self.covered.append((start, end))
        return q

    def via(self, sentence: Sentence) -> str | None:
        """``بحسب وكالة «سانا»``: the source a sentence's statements are relayed through."""
        toks = self.doc.sentence_tokens(sentence)
        for t in toks:
            if t.kind == "ar" and (t.norm in _VIA_CUES or _stem(t) in _VIA_CUES):
                for s, _e, actor, _m in self.entities.between(t.end, sentence.end):
                    if actor.type == "ORG" and s - t.end < 40:
                        return actor.id
                return None
        return None

    def quote_for(
        self,
        sentence: Sentence,
        cue: Cue,
        next_cue: Cue | None,
        sentence_speaker: Actor | None,
        via: str | None,
        following: Cue | None = None,
    ) -> Quote | None:
        doc = self.doc
        toks = doc.tokens
        hi_token = next_cue.token if next_cue is not None else sentence.token_end
        if self.subordinate(cue) or self.impersonal(sentence, cue):
            return None
        postposed = self.postposed(sentence, cue)
        if postposed is not None:
            return self.add_postposed(sentence, cue, postposed, via)
        relayed = self.relayed_source(cue, hi_token)
        start = (
            (relayed[0], "comp") if relayed else self.content_start(cue, hi_token) or self.np_start(cue, hi_token)
        )
        # كتب السفير … على تويتر أن…: a weak cue far from its words counts when a name follows it
        if (
            start is not None
            and _stem(toks[cue.token]) in _WEAK_CUES
            and start[0] - cue.last > 3
            and self.speaker_after(cue, toks[start[0] - 1].start)[0] is None
        ):
            start = None
        if start is None:
            if cue.kind != "reiterate":
                return None
            # جدد التأكيد على + noun phrase
            k = cue.last + 1
            while k < hi_token and toks[k].kind == "ar" and toks[k].norm not in ("علي",):
                k += 1
            if k >= hi_token:
                return None
            start = (k + 1, "np")
        k, how = start
        if k >= sentence.token_end:
            return None
        # the statement starts at the quotation mark itself, or after the word introducing it
        lead = k if how == "quote" else k - 1
        limit = toks[lead].start if lead < len(toks) else sentence.end
        speaker, co, speaker_span = self.speaker_after(cue, limit)
        conj = bool(toks[cue.token].segments) and toks[cue.token].segments[0].role == "conj"
        # a circumstantial participle's subject is the main clause's, never the noun before it
        svo = None if conj or cue.kind == "circ" else self.adjacent_subject(cue, loose=speaker is None)
        if svo is not None:
            speaker, speaker_span = svo
            co = []
        speaker_text: str | None = None
        if relayed is not None:
            # ذكر المراسل نقلا عن مصادر مطلعة أن…: the words are the sources'
            src = Span(relayed[1], relayed[2])
            names = [x for x in self.entities.between(src.start, src.end) if x[2].type in ("PER", "ORG")]
            if names and names[0][0] == src.start:
                speaker, co, speaker_span = names[0][2], [], Span(names[0][0], names[0][1])
            else:
                speaker, co, speaker_span = None, [], None
                speaker_text = self.body[src.start : src.end]
        elif speaker is None:
            if cue.kind == "circ":
                speaker = sentence_speaker or self.subject_before(sentence, cue) or self.carried(cue)
                if speaker is None and self.quotes and self.quotes[-1].speaker is None:
                    speaker_text = self.quotes[-1].speaker_text  # قال مصدر إن…، مضيفا أن…
            else:
                said_to = _before_addressee(doc.body[cue.end : limit])
                qualified = _before_relative(said_to) != said_to
                gap = _strip_preps(_before_relative(said_to).strip(" ،,:"))
                first_word = normalize(gap.split()[0]) if gap.split() else ""
                longest = (
                    _MAX_DOCUMENT_WORDS
                    if first_word in _DOCUMENT_NOUNS
                    else _MAX_SOURCE_WORDS
                    if first_word in _SOURCE_NOUNS
                    else _MAX_PERSON_WORDS
                    if first_word in _PERSON_NOUNS
                    else 4
                )
                explicit = gap and _word_count(gap) <= longest and not any(c in gap for c in "«“\"")
                if qualified and conj and self.subject_before(sentence, cue) is not None:
                    # رحبت الدولة… وحذرت الشركات التي…: after a subject named earlier in the
                    # sentence, a qualified noun after وحذرت is the verb's object
                    explicit = ""
                if (source := self.unnamed_subject(sentence, cue)) is not None:
                    speaker, speaker_text = None, source  # وكان ناشطون أبلغوا الصحيفة أن
                elif explicit and not _is_adverbial(gap) and _stem(toks[cue.token]) not in _OBJECT_CUES:
                    speaker, speaker_text = self.source_referent(gap, cue)  # مصدر أمني
                elif _nominal(toks[cue.token]) and (source := self.source_before(sentence, cue)):
                    # نسبت الصحيفة إلى أحد المصادر قوله؛ نقلت الإذاعة عن المصادر القول
                    speaker, speaker_text = self.source_referent(source, cue)
                elif conj and sentence_speaker is not None:
                    # قال فلان إن…، ووصف الاتهام بأنه…: a verb joined by و after a statement
                    # shares that statement's subject
                    speaker = sentence_speaker
                else:
                    speaker = (
                        self.subject_before(sentence, cue)
                        or self.definite_subject(sentence, cue)
                        or sentence_speaker
                        or self.carried(cue)
                    )
                    if speaker is None and self.quotes and self.quotes[-1].speaker is None:
                        # وأشارت … : the unnamed source of the statement just before
                        speaker_text = self.quotes[-1].speaker_text
        # what was said
        content = self.content_span(sentence, k, how, next_cue)
        if content is None:
            return None
        c_start, c_end, kind = content
        if c_end - c_start < 3:
            return None
        if (
            kind in ("indirect", "mixed")
            and following is not None
            and c_start < following.start <= c_end
            and self.only_a_name(c_start, following.start)
            and not _imperfect(following, toks[following.token])
        ):
            # قال الكرملين إن بوتين أبلغ…: the statement is the next cue's; but in أكد الوزير أن
            # الشعب يعتبر أن… the speaker states what others hold
            return None
        if any(q.content.start == c_start and q.content.end == c_end for q in self.quotes):
            return None  # two cues of one clause (لم يذكر … التي قال إنها …) report one statement
        q = Quote(
            id=f"q{len(self.quotes) + 1}",
            speaker=speaker.id if speaker else None,
            speaker_text=speaker_text or (doc.body[speaker_span.start : speaker_span.end] if speaker_span else (speaker.name if speaker else None)),
            cue=Span(cue.start, cue.end),
            content=Span(c_start, c_end),
            kind=kind,
            via=via,
            co_speakers=[a.id for a in co],
            stance=cue.stance,
            speaker_span=speaker_span,
        )
        self.quotes.append(q)
        self.covered.append((c_start, c_end))
        if speaker is not None:
            self.last_speaker = speaker
            self.last_speaker_at = c_end
            if speaker_span is not None and speaker.type == "PER" and cue.gender in ("m", "f"):
                self.genders.setdefault(speaker.id, cue.gender)
        return q

    def source_referent(self, gap: str, cue: Cue) -> tuple[Actor | None, str]:
        """Who an unnamed source stands for, when the text says, and the words naming it.

        ``بيان صادر عن الحكومة`` / ``بيان للخارجية``: the body that issued it; ``الصحيفة``،
        ``الجبهة``، ``الوزارة``: the newspaper, front or ministry named last with that word;
        ``المصادر``، ``البيان``، ``الرجل``: the same source as the last statement made by
        ``مصادر …``، ``بيان …``، ``رجل …``.
        """
        words = gap.split()
        head = normalize(words[0])
        bare = head.removeprefix("ال")
        if len(words) >= 2:
            # رئيس الوفد، فلان … ورأى رئيس الوفد: a title that introduced a name earlier
            at = self.body.rfind(gap, 0, cue.start)
            while at >= 0:
                after = at + len(gap)
                named = [
                    x
                    for x in self.entities.between(after, after + 60)
                    if x[2].type == "PER" and self.body[after : x[0]].strip(" ،,") == ""
                ]
                if named:
                    return named[0][2], gap
                at = self.body.rfind(gap, 0, at)
        if bare in _DOCUMENT_NOUNS:
            after = self.body.find(gap, cue.end)
            if after >= 0:
                named = [
                    x
                    for x in self.entities.between(after, after + len(gap))
                    if x[2].type in ("ORG", "LOC", "PER")
                ]
                if named:
                    return named[0][2], gap
        if head.startswith("ال") and bare in _DOCUMENT_NOUNS:
            # أصدرت الجبهة بيانا اعتبرت فيه أن… وأضاف البيان: the issuer of the statement just quoted
            recent = [q for q in self.quotes if q.cue is not None and q.speaker is not None][-3:]
            for q in reversed(recent):
                if q.cue is None or q.speaker is None:
                    continue
                sentence = next((x for x in self.doc.sentences if x.start <= q.cue.start < x.end), None)
                lead = self.body[sentence.start if sentence else q.cue.start : q.cue.start].split()
                if any(normalize(w).removesuffix("ا") == bare for w in lead):
                    return self.doc.entity(q.speaker), gap
        if head.startswith("ال") and len(words) <= 2:
            for q in reversed(self.quotes):
                if not q.speaker_text:
                    continue
                first = normalize(q.speaker_text.split()[0])
                # the source as first introduced (مصادر أمنية), not a later المصادر
                if first.removeprefix("ال") == bare and not first.startswith("ال"):
                    return self.doc.entity(q.speaker), q.speaker_text
            for s, _e, actor, _m in reversed(self.entities.items):
                if s >= cue.start or actor.type != "ORG":
                    continue
                before = self.body[max(0, s - 20) : s].split()
                first = normalize(actor.name).split()[0].removeprefix("ال")
                if first == bare or (before and normalize(before[-1]).removeprefix("ال") == bare):
                    return actor, gap  # صحيفة خبر ترك … وقالت الصحيفة
        return None, gap

    def source_before(self, sentence: Sentence, cue: Cue) -> str | None:
        """The words between عن/إلى and a nominal cue (قوله): who the words are ascribed to."""
        words = self.body[sentence.start : cue.start].split()
        for i in range(len(words) - 1, -1, -1):
            if normalize(words[i]) in ("عن", "الي"):
                phrase = " ".join(words[i + 1 :])
                return phrase if 0 < len(words) - i - 1 <= _MAX_SOURCE_WORDS else None
        return None

    def impersonal(self, sentence: Sentence, cue: Cue) -> bool:
        """``يذكر أن`` opening a sentence is the passive "it is recalled that": the writer's words."""
        return cue.token == sentence.token_start and self.doc.tokens[cue.token].norm in _IMPERSONAL

    def subordinate(self, cue: Cue) -> bool:
        """``بعد أن شرح``: the cue sits in a clause of time."""
        toks = self.doc.tokens
        k = cue.token
        prev = [toks[j].norm for j in range(max(0, k - 2), k)]
        return len(prev) == 2 and prev[0] in _SUBORDINATORS and prev[1] in ("ان", "ما")

    def postposed(self, sentence: Sentence, cue: Cue) -> int | None:
        """``…، كما قال المرصد``: the cue follows the words it reports; returns their end."""
        toks = self.doc.tokens
        k = cue.token
        if k >= 3 and toks[k - 1].norm == "ما" and toks[k - 2].norm in _AS_SAID_HEADS:
            k -= 1  # وفق ما أعلن، بحسب ما قال
        elif k < 2 or toks[k - 1].norm not in _AS_SAID:
            return None
        comma = toks[k - 2]
        if comma.kind != "punct" or comma.norm not in ("،", ","):
            return None
        return comma.start

    def add_postposed(self, sentence: Sentence, cue: Cue, end: int, via: str | None) -> Quote | None:
        toks = self.doc.tokens
        speaker, co, speaker_span = self.speaker_after(cue, sentence.end)
        start = sentence.start
        first = toks[sentence.token_start]
        if first.segments and first.segments[0].role == "conj":
            start = first.segments[1].start if len(first.segments) > 1 else start
        if end - start < 10:
            return None
        text = None
        if speaker is None:
            # بحسب ما قاله مسؤولون: an unnamed source after the cue
            rest = self.body[cue.end : sentence.end].strip(" .،")
            if not rest or _word_count(rest) > _MAX_SOURCE_WORDS or any(c in rest for c in "«\"،"):
                return None
            text = rest
        q = Quote(
            id=f"q{len(self.quotes) + 1}",
            speaker=speaker.id if speaker else None,
            speaker_text=text or (self.body[speaker_span.start : speaker_span.end] if speaker_span else speaker.name if speaker else None),
            cue=Span(cue.start, cue.end),
            content=Span(start, end),
            kind="indirect",
            via=via,
            co_speakers=[a.id for a in co],
            stance=cue.stance,
            speaker_span=speaker_span,
        )
        self.quotes.append(q)
        self.covered.append((start, end))
        if speaker is not None:
            self.last_speaker = speaker
        return q

    def content_span(
        self, sentence: Sentence, k: int, how: str, next_cue: Cue | None
    ) -> tuple[int, int, str] | None:
        toks = self.doc.tokens
        body = self.body
        if k >= len(toks):
            return None
        # skip a second complementizer after a colon: وقال: إن «...»، وأضاف: إننا «...»
        first = toks[k]
        if how == "colon" and first.kind == "ar" and (first.norm in _COMPLEMENTIZERS or first.norm in _COMP_PRON):
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is not None and nxt.norm in ("«", "“", '"'):
                k, first = k + 1, nxt
        if first.kind == "punct" and first.norm in ("«", "“", '"', "‹"):
            pair = self.pair_at(first.start)
            if pair is None:
                return None
            o, c = pair
            after = body[c + 1 : c + 40].lstrip(" ")
            if not after or not (after[0].isalpha() or after[0] in "«“\""):
                return o + 1, c, "direct"
            # أن "ما لا يقل عن ست" دول تدرس…: the quoted words are a fragment of the clause
        start = first.start
        # a clause ends at the next circumstantial cue or new reporting verb, or the sentence end
        end = sentence.end
        if next_cue is not None and next_cue.start > start:
            end = next_cue.start
        # but never inside a quotation that opened within the clause
        for o, c in self.pairs:
            if start <= o < end < c:
                end = c + 1
        text = body[start:end]
        trimmed = text.rstrip(" ،,.؛;:\n")
        while trimmed.endswith((" و", "،و")):
            trimmed = trimmed[:-1].rstrip(" ،,")
        # …مشجعة، لكنه أكد…: the connective before the next cue is not part of what was said
        last_word = trimmed.rsplit(None, 1)[-1] if trimmed.split() else ""
        if normalize(last_word) in _CLAUSE_OPENERS and _word_count(trimmed) > 1:
            trimmed = trimmed[: len(trimmed) - len(last_word)].rstrip(" ،,")
        end = start + len(trimmed)
        if end <= start:
            return None
        has_quote = any(start <= o < end for o, _c in self.pairs)
        if how == "colon" and body[start] in "«“\"" and not any(o == start for o, _c in self.pairs):
            return None
        kind = "mixed" if has_quote else "indirect"
        if how == "colon" and not has_quote:
            kind = "direct"
        return start, end, kind

    def according_after(self, sentence: Sentence) -> None:
        """``"…" حسب الوزير فلان.``: words in quotation marks ascribed by the phrase right after
        them, closing the sentence."""
        for o, c in self.pairs:
            if not (sentence.start <= o < sentence.end) or c >= sentence.end:
                continue
            if any(a <= o + 1 and c <= b + 1 for a, b in self.covered):
                continue
            if _word_count(self.body[o + 1 : c]) < _MIN_STATEMENT_WORDS:
                continue
            rest = self.body[c + 1 : sentence.end].strip(" ،,.")
            words = rest.split()
            if not words or normalize(words[0]) not in _ACCORDING or len(words) > _MAX_SOURCE_WORDS:
                continue
            names = [
                x
                for x in self.entities.between(c + 1, sentence.end)
                if x[2].type in ("PER", "ORG") and not self.pair_containing(x[0])
            ]
            if not names:
                continue
            s, e, actor, _m = names[0]
            head = self.body.index(words[0], c + 1)
            self.quotes.append(
                Quote(
                    id=f"q{len(self.quotes) + 1}",
                    speaker=actor.id,
                    speaker_text=self.body[s:e],
                    cue=Span(head, head + len(words[0])),
                    content=Span(o + 1, c),
                    kind="direct",
                    stance="say",
                    speaker_span=Span(s, e),
                )
            )
            self.covered.append((o + 1, c))
            self.last_speaker = actor
            self.last_speaker_at = c

    def uncued(self, sentence: Sentence) -> None:
        """A long quotation with no reporting cue in its sentence: kept, speaker unknown."""
        for o, c in self.pairs:
            if not (sentence.start <= o < sentence.end):
                continue
            if any(a <= o + 1 and c <= b + 1 for a, b in self.covered):
                continue
            text = self.body[o + 1 : c]
            if _word_count(text) < _MIN_UNCUED_WORDS:
                continue
            before = self.body[sentence.start : o]
            if before.strip(" :،") and _word_count(before) > 3:
                continue  # words in quotation marks inside a sentence of the writer's own
            self.quotes.append(
                Quote(f"q{len(self.quotes) + 1}", None, None, None, Span(o + 1, c), "direct")
            )
            self.covered.append((o + 1, c))


# countries whose Arabic names are masculine (قال العراق); the others take feminine verbs
_MASCULINE_COUNTRIES = frozenset("IRQ LBN JOR YEM SDN MAR KWT BHR".split())


def actor_gender(actor: Actor) -> str:
    """Grammatical gender of an actor's name: ``m``, ``f`` or ``pl``."""
    name = normalize(actor.name).split()
    head = name[0] if name else ""
    if actor.type == "PER":
        return "m"
    if actor.type == "LOC":
        return "m" if actor.country in _MASCULINE_COUNTRIES and (actor.kb_id or "").startswith("country:") else "f"
    if head.endswith("ات") or (head.startswith("ال") and head.endswith("ون")):
        return "pl"
    return "f" if head.endswith("ه") else "m"


def _agrees(actor: Actor, gender: str, loose: bool = False) -> bool:
    """Verb–subject agreement; plural verbs (قالوا) take plural nouns and groups of people."""
    g = actor_gender(actor)
    if gender == "pl":
        return g == "pl" or loose
    if actor.type == "PER":
        return True  # a person's gender is not known from the name; a plural verb still fits a group
    return g == gender or (loose and g == "pl")


_ADVERBIAL_HEADS = frozenset(
    normalize(w)
    for w in "فيه فيها بقوله بقولها بقولهم بالقول في خلال منها منه لها له لنا لي عقب بعد قبل أمس اليوم أيضا كذلك مجددا دائما أخيرا مؤخرا مرارا سابقا لاحقا صراحة بدوره بدورها اليوم الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت لدى أثناء على إلى عن".split()
)


_TRAILING_PREPS = ("إلى", "على", "الى", "علي", "ب")


def _before_addressee(gap: str) -> str:
    """``مصدر أمني تركي لبي بي سي``: the words before the one the statement was made to."""
    words = gap.split()
    for i, w in enumerate(words):
        rest = normalize(w[1:])
        if (
            w.startswith(("لـ", "لل"))
            or normalize(w) in _TO_WHOM
            or (w.startswith("ل") and len(w) >= 3 and (rest in _MEDIA_WORDS or _known_actor(rest)))
        ):
            return " ".join(words[:i])
    return gap


@lru_cache(maxsize=4096)
def _known_actor(word: str) -> bool:
    from rasd.kb import load_kb

    return any(kind in ("actor", "actor_short", "country") for kind, _ in load_kb().lookup(word))


def _before_relative(gap: str) -> str:
    """``التحالف العسكري الذي تقوده السعودية``: the words before the clause qualifying them."""
    words = gap.split()
    for i, w in enumerate(words):
        if i > 0 and normalize(w) in _RELATIVES:
            return " ".join(words[:i])
    return gap


def _strip_preps(gap: str) -> str:
    """Drop the preposition a cue takes before أن (أشار إلى أن، شدد على أن)."""
    words = gap.split()
    while words and words[-1] in _TRAILING_PREPS:
        words.pop()
    return " ".join(words)


def _is_adverbial(gap: str) -> bool:
    words = [normalize(w) for w in gap.split()]
    return not words or words[0] in _ADVERBIAL_HEADS or any(w.startswith("ل") and len(w) <= 3 for w in words[:1])


def extract_quotes(doc: Document) -> list[Quote]:
    """The attributed statements of ``doc`` (which must have sentences, tokens and entities)."""
    return _Extractor(doc).run()


def quotes_stage(doc: Document) -> Document:
    """Add ``doc.quotes``: the quote rules find them, the trained ranking
    (:mod:`rasd.attribution.speakers`) chooses each one's speaker unless
    ``RASD_SPEAKERS=rules``."""
    doc.quotes = extract_quotes(doc)
    from rasd.attribution import speaker_ranking

    if speaker_ranking() == "learned":
        from rasd.attribution.speakers import apply, default_model

        apply(default_model(), doc)
    return doc
