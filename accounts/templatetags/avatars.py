"""`{% load avatars %}` then `{% avatar member 48 %}`: the member's face at 48 CSS pixels.

Their picture (accounts.avatars) when they have one, else their initials on a colour chosen
from their id. Both are decorative (`alt=""`, `aria-hidden`): the member's name always
stands beside them. Reads only the member's row, which the page has already loaded.
"""

from django import template
from django.utils.html import format_html

from accounts import avatars

register = template.Library()


def _file_size(pixels: int) -> int:
    """The smallest stored size that fills `pixels` CSS pixels (or the largest there is)."""
    return next((size for size in avatars.SIZES if size >= pixels), max(avatars.SIZES))


@register.simple_tag
def avatar(member, pixels: int = 48) -> str:
    if member is None:
        return ""
    if member.avatar and not member.is_former_member:
        return format_html(
            '<img class="avatar avatar--{}" src="{}" srcset="{} 2x" width="{}" height="{}" '
            'alt="" loading="lazy" decoding="async">',
            pixels,
            avatars.url(member, _file_size(pixels)),
            avatars.url(member, _file_size(2 * pixels)),
            pixels,
            pixels,
        )
    if member.is_former_member:
        return format_html(
            '<span class="avatar avatar--{} avatar--former" aria-hidden="true"></span>', pixels
        )
    return format_html(
        '<span class="avatar avatar--{} avatar--hue-{}" aria-hidden="true">{}</span>',
        pixels,
        avatars.hue(member),
        avatars.initials(member),
    )
