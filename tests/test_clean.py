from __future__ import annotations

import html as html_lib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from thucydides.clean import clean, clean_text
from thucydides.clean.boilerplate import boilerplate_reason


def test_repeated_paragraph_with_one_word_changed_is_still_a_copy():
    first = "Gunmen stormed a police post in the town late on Monday, killing two officers, police said."
    edited = first.replace("two", "three")
    result = clean_text(f"{first}\n{edited}\nA different paragraph entirely, about talks in Doha.")
    assert result.text.count("Gunmen stormed") == 1
    assert [r.reason for r in result.removed] == ["repeated paragraph"]


def test_distinct_sentences_sharing_words_are_kept():
    a = "Police said five people were killed in the blast in Quetta on Friday."
    b = "Police said five people were injured in a separate attack in Peshawar on Saturday."
    assert clean_text(f"{a}\n{b}").text == f"{a}\n\n{b}"


def test_page_furniture_lines_are_dropped_story_lines_kept():
    assert boilerplate_reason("Also Read") is not None
    assert boilerplate_reason("This story is from March 3, 2002") is not None
    assert boilerplate_reason("Share this article on Facebook") is not None
    assert boilerplate_reason("* * *") is not None
    assert (
        boilerplate_reason(
            "Read more about why the militants attacked the convoy in the report, officials said on Tuesday."
        )
        is None
    )
    assert boilerplate_reason("Militants seize Mosul government headquarters") is None


def test_mojibake_repaired_and_mapped_to_its_raw_bytes():
    raw = "Officials said â€˜three killedâ€™ in the raid."
    result = clean_text(raw)
    assert "â€" not in result.text and "three killed" in result.text
    start = result.text.index("three")
    raw_start, raw_end = result.raw_span(start, start + len("three killed"))
    assert raw[raw_start:raw_end] == "three killed"


def test_seed_keeps_each_paragraph_once(seed_raw):
    result = clean_text(seed_raw)
    assert result.text.count("The insurgents seized the complex") == 1
    assert "Also Read" not in result.text
    assert "Several residents reported seeing the gunmen" in result.text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_cleaning_any_text_never_raises_and_offsets_are_exact(raw):
    result = clean_text(raw)
    assert len(result.raw_starts) == len(result.raw_ends) == len(result.text)
    for i, ch in enumerate(result.text):
        lo, hi = result.raw_starts[i], result.raw_ends[i]
        assert 0 <= lo < hi <= len(raw)
        if raw[lo:hi] != ch and ch != "\n":
            # A repaired character maps to the raw characters it replaced.
            assert hi - lo >= 1


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_cleaning_is_idempotent(raw):
    once = clean_text(raw).text
    assert clean_text(once).text == once


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Militants attacked a checkpoint in the north on Monday, officials said.",
                "Also Read",
                "The army said it had repelled the attack after a two-hour gunfight.",
                "Share this",
                "Residents fled the area as the fighting spread to nearby villages.",
            ]
        ),
        max_size=12,
    )
)
def test_unchanged_characters_map_to_themselves(paragraphs):
    raw = "\n".join(paragraphs)
    result = clean_text(raw)
    for i, ch in enumerate(result.text):
        if ch != "\n":
            assert raw[result.raw_starts[i] : result.raw_ends[i]] == ch


def test_interview_questions_asked_again_are_kept():
    raw = "\n".join(
        [
            "What inspired you?",
            "My grandmother cooked for the whole village every Sunday after the market closed.",
            "What inspired you?",
            "The war: we had nothing, and cooking together kept the neighbours talking to each other.",
        ]
    )
    assert clean_text(raw).text.count("What inspired you?") == 2


def test_html_page_gives_main_text_and_its_author():
    from thucydides.ingest import make_article

    story = " ".join(
        ["Gunmen killed three villagers in Kandahar on Tuesday, a provincial official said."] * 4
    )
    html = (
        '<html><head><title>Kandahar attack</title><meta name="author" content="Jane Roe">'
        "</head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>Kandahar attack</h1><p>{story}</p></article></body></html>"
    )
    cleaned = clean(make_article(html, "page.html", format="html"))
    assert "Gunmen killed three villagers" in cleaned.text
    assert "Sport" not in cleaned.text
    assert cleaned.author == "Jane Roe"


def test_html_nested_100000_deep_is_read_with_a_warning():
    from thucydides.ingest import make_article

    sentence = "Gunmen killed three villagers in Kandahar on Tuesday, officials said."
    html = f"<html><body>{'<div>' * 100_000}<p>{sentence}</p>{'</div>' * 100_000}</body></html>"
    cleaned = clean(make_article(html, "nested.html", format="html"))
    assert cleaned.text == sentence
    assert any("nested 100003 deep" in w for w in cleaned.warnings)


def _visible(source: str) -> str:
    """What a browser shows of a piece of page source: tags out, references decoded."""
    return html_lib.unescape(re.sub(r"<[^>]*>", "", source))


def test_html_clean_text_maps_into_the_page_source():
    from thucydides.ingest import make_article

    story = (
        "Gunmen <b>killed</b> three villagers in Kandahar on Tuesday &amp; wounded two, "
        "a provincial official told Reuters&#8217; reporter by telephone from the city."
    )
    page = (
        "<html><head><title>Kandahar attack</title>"
        "<script>var teaser = 'Gunmen killed three villagers';</script></head><body>"
        "<nav>Home | World</nav><article><h1>Kandahar attack</h1>"
        f"<p>{story}</p><p>On <i>Wednesday</i> police arrested four men, the second raid "
        "on the district in a week.</p>"
        "</article></body></html>"
    )
    cleaned = clean(make_article(page, "page.html", format="html"))
    assert cleaned.raw == page and not cleaned.warnings
    for word in ("Gunmen killed three", "&", "Wednesday", "second raid"):
        at = cleaned.text.index(word)
        start, end = cleaned.raw_span(at, at + len(word))
        assert _visible(page[start:end]) == word
        assert "var teaser" not in page[start - 20 : end]  # not the script's copy
    for i, char in enumerate(cleaned.text):
        if not char.isspace() and char != "'":  # ftfy straightens the curly apostrophe
            assert html_lib.unescape(page[cleaned.raw_starts[i] : cleaned.raw_ends[i]]) == char


_WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=8), min_size=1, max_size=6),
    st.sampled_from(["b", "a", "span", "em"]),
    st.randoms(),
)
def test_extracted_text_is_found_in_any_page_that_shows_it(lines, tag, random):
    from thucydides.clean.html_offsets import source_offsets

    source_lines = []
    for words in lines:
        written = []
        for word in words:
            word = html_lib.escape(word)
            written.append(f"<{tag}>{word}</{tag}>" if random.random() < 0.3 else word)
        source_lines.append(f"<p>{' '.join(written)}</p>")
    page = "<html><body><script>x = '<p>';</script>" + "\n".join(source_lines) + "</body></html>"
    extracted = "\n".join(" ".join(words) for words in lines)
    starts, ends, found = source_offsets(extracted, page)
    assert found == 1.0
    for i, char in enumerate(extracted):
        if not char.isspace():
            assert char in html_lib.unescape(page[starts[i] : ends[i]])


def test_text_not_found_before_the_page_start_still_covers_a_character():
    # Found by the clean fuzz target: only the last "b" is found, at the page's first
    # character, so the six characters before it had the empty range [0, 0).
    from thucydides.clean.html_offsets import source_offsets

    page = "bb\x11'><Q /><Q$ b\x11'><KKKKKKKKKKKKjKKKQ\x00\x00\x00o!o??o>< b"
    starts, ends, _ = source_offsets("bb'>< b", page)
    assert all(0 <= s < e <= len(page) for s, e in zip(starts, ends, strict=True))


# The plain statement of what _TEXT_RUN skips, lazy bodies and all: the unrolled pattern must
# find the same runs of page text.
_LAZY_TEXT_RUN = re.compile(
    r"""(?:<!--.*?(?:-->|\Z)
         | <(?:script|style|noscript|template|textarea)\b.*?
           (?:</(?:script|style|noscript|template|textarea)\s*>|\Z)
         | <!\[CDATA\[.*?(?:\]\]>|\Z)
         | <[A-Za-z/!?](?:"[^"]*"|'[^']*'|[^'">])*+(?:>|\Z)
         | \s
       )*+
       ([^<\s](?:[^<]|<(?![A-Za-z/!?]))*+|\Z)""",
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
_PAGE_PIECES = st.sampled_from(
    ["<", ">", "-", "!", "[", "]", "/", " ", "\n", "a", "&amp;", '"', "'", "?", "script",
     "Style", "<!--", "-->", "--->", "<![CDATA[", "]]>", "]>", "</script >", "</STYLE>",
     "<script>", "<textarea x='>'>", "<p>", "</p>"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PAGE_PIECES, max_size=30).map("".join))
def test_page_text_runs_are_those_of_the_lazy_pattern(page):
    from thucydides.clean.html_offsets import _TEXT_RUN

    def runs(pattern):
        return [m.span(1) for m in pattern.finditer(page)]

    assert runs(_TEXT_RUN) == runs(_LAZY_TEXT_RUN)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.just("\t")))
def test_printable_ascii_is_what_ftfy_leaves_alone(segment):
    import ftfy

    from thucydides.clean.unicode_repair import _CONFIG, _PLAIN

    assert _PLAIN.fullmatch(segment)
    assert ftfy.fix_text(segment, config=_CONFIG) == segment


def test_page_metadata_is_trafilaturas_for_the_fields_kept():
    import trafilatura

    from thucydides.clean.page_metadata import page_metadata

    page = (
        "<html><head><title>Kandahar attack | example</title>"
        '<link rel="canonical" href="https://news.example.org/world/kandahar-attack">'
        '<meta property="og:site_name" content="@example news">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00+04:30">'
        "</head><body><article><h1>Kandahar attack</h1>"
        '<p class="byline">By <a rel="author" href="/staff/jane">Jane Roe</a></p>'
        "<p>Gunmen killed three villagers in Kandahar on Tuesday.</p></article></body></html>"
    )
    ours = page_metadata(trafilatura.load_html(page))
    theirs = trafilatura.extract_metadata(trafilatura.load_html(page))
    fields = ("title", "author", "url", "sitename", "date")
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
    assert ours.date == "2024-03-05" and ours.author == "Jane Roe"
    assert ours.sitename == "Example News"
