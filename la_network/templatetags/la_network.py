from django import template

from la_network.workflow import renewal_opens_on

register = template.Library()


@register.filter
def renewal_opens(membership):
    """The day the renewal of ``membership`` opens."""
    return renewal_opens_on(membership)
