"""``{% if case|allows:"write_plan" %}``: a page offers an action only when its state allows it."""

from django import template

from sanctuary.workflow import lifecycle_of

register = template.Library()


@register.filter
def allows(obj, action: str) -> bool:
    return lifecycle_of(obj).allowed(obj, action)


@register.filter
def state_of(obj) -> str:
    """The record's state as its lifecycle reads it (a derived state included)."""
    return lifecycle_of(obj).state_of(obj)
