"""Telegram-like text formatting: HTML / MarkdownV2 / Markdown parsing into plain text + entities.

Modelled on tdlib's ``parse_html`` / ``parse_markdown_v2`` so that the error texts and the
UTF-16 based entity offsets match what the real Bot API returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ParseError",
    "finalize_text",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "utf16_len",
]

_HTML_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
        "tg-spoiler", "code", "pre", "blockquote", "tg-emoji",
    }
)  # fmt: skip
_SIMPLE_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# Like tdlib: lt/gt/amp/quot and numeric references; the trailing ';' is optional.
_ENTITY_RE = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));?")
_SPACES = " \t\r\n\v\f"


class ParseError(Exception):
    """Raised with a tdlib-style reason, e.g. 'Unsupported start tag "x" at byte offset 3'."""


def utf16_len(text: str) -> int:
    # Telegram measures lengths and entity offsets in UTF-16 code units.
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode an HTML entity starting at text[i] == '&'; returns (char, end index) or None."""
    m = _ENTITY_RE.match(text, i)
    if m is None:
        return None
    dec, hexa, name = m.groups()
    if name is not None:
        ch = _NAMED_ENTITIES.get(name)
        if ch is None:
            return None
        return ch, m.end()
    digits = dec if dec is not None else hexa
    if len(digits) > 8:
        return None
    code = int(dec) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), m.end()


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the output text
    out_index: int  # index into the output chunks, used to read the inner text of <a>
    expandable: bool = False


@dataclass
class _Out:
    chunks: list[str] = field(default_factory=list)
    u16: int = 0

    def add(self, s: str) -> None:
        self.chunks.append(s)
        self.u16 += utf16_len(s)

    def text(self) -> str:
        return "".join(self.chunks)


def parse_html(
    text: str, *, strict_ampersand: bool = True, users: dict[int, dict[str, Any]] | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML. Returns (plain text, entities) or raises ParseError.

    strict_ampersand: real Telegram keeps a bare '&' (or an unknown '&name;') literally, but the
    Bot API docs require escaping it; strict mode reports it so unescaped user input is caught.
    """
    if "<" not in text and "&" not in text:
        return text, []
    out = _Out()
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == "&":
            dec = _decode_entity(text, i)
            if dec is None:
                if strict_ampersand:
                    raise ParseError(
                        "Character '&' must be escaped as &amp; (unsupported HTML entity) "
                        f"at byte offset {_byte_offset(text, i)}"
                    )
                out.add("&")
                i += 1
                continue
            out.add(dec[0])
            i = dec[1]
            continue
        if c != "<":
            j = i + 1
            while j < n and text[j] not in "<&":
                j += 1
            out.add(text[i:j])
            i = j
            continue
        begin = i
        if i + 1 < n and text[i + 1] == "/":
            i = _html_end_tag(text, i, begin, out, stack, entities, users)
        else:
            i = _html_start_tag(text, i, begin, out, stack)
    if stack:
        raise ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # a language only survives on <pre><code class=...>
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return out.text(), entities


def _html_start_tag(text: str, i: int, begin: int, out: _Out, stack: list[_Open]) -> int:
    n = len(text)
    j = i + 1
    while j < n and text[j] not in _SPACES and text[j] != ">":
        j += 1
    if j >= n:
        raise ParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
    tag = text[i + 1 : j].lower()
    if tag not in _HTML_TAGS:
        raise ParseError(
            f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
        )
    i = j
    argument = ""
    expandable = False
    while True:
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n:
            raise ParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] == ">":
            break
        a0 = i
        while i < n and text[i] not in _SPACES and text[i] not in "=>":
            i += 1
        name = text[a0:i].lower()
        if not name:
            raise ParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n:
            raise ParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] != "=":
            if tag == "blockquote" and name == "expandable":
                expandable = True
                continue
            raise ParseError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        i += 1
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n:
            raise ParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] not in "'\"":
            t0 = i
            while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                i += 1
            value = text[t0:i].lower()
            if i < n and text[i] not in _SPACES and text[i] != ">":
                raise ParseError(
                    f"Unexpected end of name token at byte offset {_byte_offset(text, t0)}"
                )
        else:
            quote = text[i]
            i += 1
            buf: list[str] = []
            while i < n and text[i] != quote:
                if text[i] == "&":
                    dec = _decode_entity(text, i)
                    if dec is not None:
                        buf.append(dec[0])
                        i = dec[1]
                        continue
                buf.append(text[i])
                i += 1
            if i >= n:
                raise ParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
            i += 1
            value = "".join(buf)
        if (tag == "a" and name == "href") or (tag == "tg-emoji" and name == "emoji-id"):
            argument = value
        elif tag == "code" and name == "class" and value.startswith("language-"):
            argument = value[len("language-") :]
        elif tag == "span" and name == "class" and value.startswith("tg-"):
            argument = value[len("tg-") :]
        # Unknown attributes are ignored by Telegram.
    if tag == "span" and argument != "spoiler":
        raise ParseError(
            f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}'
        )
    if tag == "tg-emoji" and not argument:
        raise ParseError(
            f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset '
            f"{_byte_offset(text, begin)}"
        )
    stack.append(_Open(tag, argument, out.u16, len(out.chunks), expandable))
    return i + 1


def _html_end_tag(
    text: str,
    i: int,
    begin: int,
    out: _Out,
    stack: list[_Open],
    entities: list[dict[str, Any]],
    users: dict[int, dict[str, Any]] | None,
) -> int:
    n = len(text)
    if not stack:
        raise ParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
    j = i + 2
    while j < n and text[j] not in _SPACES and text[j] != ">":
        j += 1
    end_name = text[i + 2 : j].lower()
    while j < n and text[j] in _SPACES:
        j += 1
    if j >= n or text[j] != ">":
        raise ParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
    top = stack.pop()
    if end_name and end_name != top.tag:
        raise ParseError(
            f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
            f'expected "</{top.tag}>", found "</{end_name}>"'
        )
    length = out.u16 - top.offset
    if length > 0:
        entity = _html_entity(top, length, out, entities, users)
        if entity is not None:
            entities.append(entity)
    return j + 1


def _html_entity(
    top: _Open,
    length: int,
    out: _Out,
    entities: list[dict[str, Any]],
    users: dict[int, dict[str, Any]] | None,
) -> dict[str, Any] | None:
    base: dict[str, Any] = {"offset": top.offset, "length": length}
    tag = top.tag
    if tag in _SIMPLE_TAG_TYPES:
        return {"type": _SIMPLE_TAG_TYPES[tag], **base}
    if tag == "code":
        entity = {"type": "code", **base}
        if top.argument:
            entity["language"] = top.argument  # consumed by an enclosing <pre>
        return entity
    if tag == "pre":
        entity = {"type": "pre", **base}
        last = entities[-1] if entities else None
        if (
            last is not None
            and last["type"] == "code"
            and last["offset"] == top.offset
            and last["length"] == length
        ):
            entities.pop()
            if last.get("language"):
                entity["language"] = last["language"]
        return entity
    if tag == "blockquote":
        return {"type": "expandable_blockquote" if top.expandable else "blockquote", **base}
    if tag == "tg-emoji":
        return {"type": "custom_emoji", **base, "custom_emoji_id": top.argument}
    # <a>: without href the inner text is the URL, like tdlib does.
    url = top.argument or "".join(out.chunks[top.out_index :])
    m = re.fullmatch(r"tg://user\?id=(\d+)", url)
    if m and users is not None and int(m.group(1)) in users:
        return {"type": "text_mention", **base, "user": users[int(m.group(1))]}
    if not url or any(ch in _SPACES for ch in url.strip()):
        return None  # Telegram silently drops links with invalid URLs
    return {"type": "text_link", **base, "url": url.strip()}


# --------------------------------------------------------------------------- MarkdownV2

_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_TYPE_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


@dataclass
class _MdOpen:
    kind: str
    offset: int
    pos: int  # index in the source, for error messages
    argument: str = ""


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """A compact MarkdownV2 parser with tdlib's error texts for the common mistakes."""
    out = _Out()
    stack: list[_MdOpen] = []
    entities: list[dict[str, Any]] = []
    quote_start: int | None = None
    n = len(text)
    i = 0

    def toggle(kind: str) -> None:
        if stack and stack[-1].kind == kind:
            top = stack.pop()
            if out.u16 > top.offset:
                entities.append(
                    {"type": kind, "offset": top.offset, "length": out.u16 - top.offset}
                )
        else:
            stack.append(_MdOpen(kind, out.u16, i))

    while i < n:
        c = text[i]
        top_kind = stack[-1].kind if stack else ""
        if c == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        if top_kind in ("code", "pre"):
            if top_kind == "pre" and text.startswith("```", i):
                top = stack.pop()
                entity: dict[str, Any] = {
                    "type": "pre", "offset": top.offset, "length": out.u16 - top.offset,
                }  # fmt: skip
                if top.argument:
                    entity["language"] = top.argument
                if entity["length"] > 0:
                    entities.append(entity)
                i += 3
                continue
            if top_kind == "code" and c == "`":
                toggle("code")
                i += 1
                continue
            out.add(c)
            i += 1
            continue
        if c == "\n" and quote_start is not None and not text.startswith(">", i + 1):
            if out.u16 > quote_start:
                entities.append(
                    {"type": "blockquote", "offset": quote_start, "length": out.u16 - quote_start}
                )
            quote_start = None
        if c not in _MDV2_RESERVED:
            out.add(c)
            i += 1
            continue
        if c == "*":
            toggle("bold")
            i += 1
        elif c == "_" and text.startswith("__", i):
            toggle("underline")
            i += 2
        elif c == "_":
            toggle("italic")
            i += 1
        elif c == "~":
            toggle("strikethrough")
            i += 1
        elif c == "|" and text.startswith("||", i):
            toggle("spoiler")
            i += 2
        elif c == "`" and text.startswith("```", i):
            nl = text.find("\n", i + 3)
            lang = text[i + 3 : nl].strip() if nl != -1 else ""
            stack.append(_MdOpen("pre", out.u16, i, lang))
            i = nl + 1 if nl != -1 and lang and " " not in lang else i + 3
        elif c == "`":
            stack.append(_MdOpen("code", out.u16, i))
            i += 1
        elif c == "[":
            stack.append(_MdOpen("text_link", out.u16, i))
            i += 1
        elif c == "!" and text.startswith("![", i):
            stack.append(_MdOpen("custom_emoji", out.u16, i))
            i += 2
        elif c == "]" and top_kind in ("text_link", "custom_emoji"):
            top = stack.pop()
            url = ""
            if text.startswith("(", i + 1):
                j = i + 2
                buf: list[str] = []
                while j < n and text[j] != ")":
                    if text[j] == "\\" and j + 1 < n:
                        j += 1
                    buf.append(text[j])
                    j += 1
                if j >= n:
                    raise ParseError(
                        f"Can't find end of a url at byte offset {_byte_offset(text, i + 1)}"
                    )
                url = "".join(buf)
                i = j + 1
            else:
                i += 1
            length = out.u16 - top.offset
            if top.kind == "custom_emoji":
                m = re.fullmatch(r"tg://emoji\?id=(\d+)", url)
                if m is None:
                    raise ParseError(
                        "Custom emoji entity must contain a tg://emoji URL at byte offset "
                        f"{_byte_offset(text, top.pos)}"
                    )
                entities.append(
                    {"type": "custom_emoji", "offset": top.offset, "length": length,
                     "custom_emoji_id": m.group(1)}
                )  # fmt: skip
            elif url and length > 0:
                entities.append(
                    {"type": "text_link", "offset": top.offset, "length": length, "url": url}
                )
        elif c == ">" and (i == 0 or text[i - 1] == "\n"):
            if quote_start is None:
                quote_start = out.u16
            i += 1
        else:
            raise ParseError(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
    if stack:
        top = stack[-1]
        raise ParseError(
            f"Can't find end of {_MDV2_TYPE_NAMES[top.kind]} entity at byte offset "
            f"{_byte_offset(text, top.pos)}"
        )
    if quote_start is not None and out.u16 > quote_start:
        entities.append(
            {"type": "blockquote", "offset": quote_start, "length": out.u16 - quote_start}
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return out.text(), entities


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Legacy Markdown: *bold* _italic_ `code` ```pre``` [text](url); no nesting."""
    out = _Out()
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
            continue
        if c not in "_*`[":
            out.add(c)
            i += 1
            continue
        start = i
        if text.startswith("```", i):
            end = text.find("```", i + 3)
            kind, body_start, close_width = "pre", i + 3, 3
        elif c == "[":
            end = text.find("]", i + 1)
            kind, body_start, close_width = "text_link", i + 1, 1
        else:
            end = text.find(c, i + 1)
            kind = {"_": "italic", "*": "bold", "`": "code"}[c]
            body_start, close_width = i + 1, 1
        if end == -1:
            raise ParseError(
                f"Can't find end of the entity starting at byte offset {_byte_offset(text, start)}"
            )
        body = text[body_start:end]
        offset = out.u16
        i = end + close_width
        url = ""
        if kind == "text_link" and text.startswith("(", i):
            close = text.find(")", i)
            if close == -1:
                raise ParseError(
                    "Can't find end of the entity starting at byte offset "
                    f"{_byte_offset(text, start)}"
                )
            url = text[i + 1 : close]
            i = close + 1
        out.add(body)
        length = out.u16 - offset
        if length > 0 and (kind != "text_link" or url):
            entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
            if url:
                entity["url"] = url
            entities.append(entity)
    return out.text(), entities


def finalize_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace like Telegram does and shift/clip the entities to match."""
    stripped = text.strip(_SPACES)
    if stripped == text:
        return text, entities
    if not stripped:
        return "", []
    lead = utf16_len(text[: len(text) - len(text.lstrip(_SPACES))])
    total = utf16_len(stripped)
    fixed: list[dict[str, Any]] = []
    for e in entities:
        start = max(e["offset"] - lead, 0)
        end = min(e["offset"] + e["length"] - lead, total)
        if end > start:
            fixed.append({**e, "offset": start, "length": end - start})
    return stripped, fixed
