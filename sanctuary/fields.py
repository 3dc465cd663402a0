"""Model fields whose values are encrypted at rest."""

from __future__ import annotations

from django.db import models

from sanctuary import crypto


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; a raw SQL read shows only ciphertext.

    Encrypted values cannot be searched or ordered in the database: keep anything a
    page must filter on in a separate, non-personal field.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt_str(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt_str(value)


class EncryptedCharField(EncryptedTextField):
    """A short encrypted value, rendered as a single-line input in forms."""

    def __init__(self, *args, max_length: int = 200, **kwargs):
        self.form_max_length = max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_length"] = self.form_max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"max_length": self.form_max_length, "widget": forms.TextInput, **kwargs})
