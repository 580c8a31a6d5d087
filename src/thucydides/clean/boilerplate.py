"""Recognise lines that belong to the web page around a story, not to the story.

The vocabulary is web chrome common to news sites (share bars, "Also Read", "This story is
from", cookie notices), applied only to short lines, so a sentence that merely contains
"read more" is never touched.
"""

from __future__ import annotations

import re

MAX_CHROME_WORDS = 14

_CHROME = re.compile(
    r"""^\W*(
        (also|must|don'?t\ miss|read)\ (read|more|also|next|this)
      | related(\ (stories|articles|news|content|coverage|topics))?
      | (more\ )?(recommended|trending|most\ (read|popular|viewed|shared))(\ (stories|news|now))?
      | advertisement|sponsored(\ content)?|promoted|ad\ feedback
      | share(\ (this|on|via|article|story))?|tweet|email|print|whatsapp|facebook|twitter|linkedin
      | follow\ us|subscribe|sign\ up|newsletter|log\ ?in|register
      | click\ here|watch(\ (now|video|live))?|listen|play\ video|video|photos?|gallery
      | (image|photo|picture)\ (credit|source|courtesy)|file\ photo|representational\ image
      | copyright|©|all\ rights\ reserved
      | this\ (story|article|report)\ (is|was)\ (from|first\ published|originally\ published)
      | first\ published|last\ updated|updated(\ on)?|published(\ on)?|posted(\ (on|by|in))?
      | comments?|leave\ a\ (comment|reply)|tags?|topics?|filed\ under|categories
      | (we|this\ (site|website))\ uses?\ cookies|cookie(s)?(\ policy|\ settings)?|accept(\ all)?
      | skip\ to\ (main\ )?content|back\ to\ top|next\ (story|article)|previous\ (story|article)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_HAS_WORD = re.compile(r"[^\W_]")


def boilerplate_reason(line: str) -> str | None:
    """Why this line is page furniture, or None when it may be story text."""
    stripped = line.strip()
    if not _HAS_WORD.search(stripped):
        return "no words"
    words = stripped.split()
    if len(words) <= MAX_CHROME_WORDS and _CHROME.match(stripped):
        return "web page furniture"
    return None
