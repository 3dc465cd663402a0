from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from sanctuary import crypto, hooks
from sanctuary.audit import audit_record
from sanctuary.fields import EncryptedTextField


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value under the first key in FIELD_ENCRYPTION_KEYS. "
        "Run after adding a new key at the front; then the old key can be removed."
    )

    def handle(self, *args, **options):
        total = 0
        for model in apps.get_models():
            fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            done = 0
            # Reading decrypts with any key; saving encrypts with the first.
            for obj in model._base_manager.only("pk", *fields).iterator(chunk_size=500):
                with transaction.atomic():
                    obj.save(update_fields=fields)
                done += 1
            self.stdout.write(f"{model._meta.label}: {done} rows")
            total += done
        done = 0
        for authenticator in Authenticator.objects.filter(type=Authenticator.Type.TOTP):
            secret = authenticator.data.get("secret")
            if secret:
                authenticator.data["secret"] = crypto.rotate_str(secret)
                authenticator.save(update_fields=["data"])
                done += 1
        self.stdout.write(f"MFA secrets: {done}")
        total += done
        for rotation in hooks.providers("key_rotation"):
            total += rotation()
        audit_record(
            actor=None,
            action="sanctuary.encryption_keys_rotated",
            object_type="sanctuary.encryption",
            detail={"records": total},
        )
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} records."))
