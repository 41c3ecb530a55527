"""Whatever a member types, no script can run in a reader's browser.

Each payload goes through the real post pipeline (community.services.create_reply: Markdown,
@mentions, bleach), then the stored HTML is parsed and every tag, attribute and URL checked.
"""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from community import services
from core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<body onload=alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background-image: url(javascript:alert(1))">x</div>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">ent</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[click](vbscript:msgbox(1))",
    '[click](https://example.org "title" onclick="alert(1)")',
    "![pic](javascript:alert(1))",
    '![pic](x" onerror="alert(1))',
    "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<a href='https://ok.example' onmouseover='alert(1)'>hover</a>",
    "<p onclick=alert(1)>para</p>",
    "<details open ontoggle=alert(1)>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "**<img src=x onerror=alert(1)>**",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "@<script>alert(1)</script>",
    '<a href="https://example.org" style="position:fixed;top:0">overlay</a>',
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>",
    '<a href="  javascript:alert(1)">space</a>',
    "www.example.org/<script>alert(1)</script>",
]

SAFE_SCHEMES = {"http", "https", "mailto", ""}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


EXECUTABLE_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "base",
    "meta",
    "link",
}


def executable_parts(markup: str, *, stored: bool = True) -> list[str]:
    """Everything in the markup that could run script, as readable descriptions.

    `stored=True` also holds a post's stored HTML to the allow-list of tags and attributes;
    a whole page (stored=False) has the site's own layout tags, so only script-capable tags,
    event handlers, styles and URL schemes are checked there.
    """
    parser = _Collector()
    parser.feed(markup)
    problems = []
    for tag, attrs in parser.tags:
        if tag in EXECUTABLE_TAGS or (stored and tag not in ALLOWED_TAGS):
            problems.append(f"tag <{tag}>")
        allowed = set(ALLOWED_ATTRIBUTES.get(tag, []))
        for name, value in attrs:
            if stored and name not in allowed:
                problems.append(f"attribute {name} on <{tag}>")
            if name.startswith("on") or name == "style":
                problems.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
                scheme = urlsplit(cleaned).scheme
                if scheme not in SAFE_SCHEMES:
                    problems.append(f"{scheme}: URL in {name} of <{tag}>")
            if name == "rel" and tag == "a" and value != "nofollow ugc noopener":
                problems.append(f"rel={value!r}")
    return problems


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 40


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_leaves_executable_content(payload, thread):
    post = services.create_reply(thread=thread, author=MemberFactory(), body=payload)
    assert executable_parts(post.body_html) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_harmless_when_quoted_and_shown(payload, client, thread):
    quoted = services.create_reply(thread=thread, author=MemberFactory(), body=payload)
    services.create_reply(
        thread=thread,
        author=MemberFactory(),
        body="Quoting",
        reply_to=quoted,
        quote_excerpt=payload,
    )
    page = client.get(thread.get_absolute_url()).content.decode()
    discussion = page[page.index('<ol class="posts"') : page.index('id="reply"')]
    assert executable_parts(discussion, stored=False) == []


def test_links_get_the_safe_rel_and_keep_their_address(thread):
    post = services.create_reply(
        thread=thread, author=MemberFactory(), body="[clinic](https://clinic.example/)"
    )
    assert (
        '<a href="https://clinic.example/" rel="nofollow ugc noopener">clinic</a>' in post.body_html
    )


def test_mailto_links_survive(thread):
    post = services.create_reply(
        thread=thread, author=MemberFactory(), body="[write](mailto:team@clinic.example)"
    )
    assert 'href="mailto:team@clinic.example"' in post.body_html


def test_raw_html_shows_as_text(thread):
    post = services.create_reply(thread=thread, author=MemberFactory(), body="<b>bold?</b>")
    assert "&lt;b&gt;bold?&lt;/b&gt;" in post.body_html


def test_the_checker_itself_catches_executable_markup():
    assert executable_parts('<a href=" JaVa&#115;cript:x" onclick="y">a</a><script></script>')
    assert executable_parts('<img src="data:text/html,x">', stored=False)
