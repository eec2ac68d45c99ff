"""Demo authenticator apps: office staff (and any administrator) of the demo sign in with a second
factor like everyone in their role. Their TOTP key is published in the README, so anyone trying the
demo can add it to an authenticator app; like the demo password, it exists only when DEBUG is on.
"""

import base64

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import two_factor_required

# The published demo key (base32, as authenticator apps take it); refused when DEBUG is off.
DEMO_TOTP_SECRET = "DEMOLSCBDEMOLSCBDEMOLSCBDEMOLSCB"  # noqa: S105
DEMO_TOTP_KEY = base64.b32decode(DEMO_TOTP_SECRET).hex()  # as django-otp stores it
DEVICE_NAME = "Demo authenticator (published key)"


def load(people, stdout):
    """Give every demo user who must use two-factor sign-in the published key (DEBUG only)."""
    needs = [user for user in people.values() if two_factor_required(user)]
    if not settings.DEBUG:
        TOTPDevice.objects.filter(
            key=DEMO_TOTP_KEY
        ).delete()  # a published key: never in production
        return
    for user in needs:
        device = TOTPDevice.objects.filter(user=user, name=DEVICE_NAME).first()
        if device is None:
            TOTPDevice.objects.create(
                user=user, name=DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True
            )
        elif device.key != DEMO_TOTP_KEY or not device.confirmed:
            device.key, device.confirmed = DEMO_TOTP_KEY, True
            device.save(update_fields=["key", "confirmed"])
    stdout.write(
        f"\nTwo-factor sign-in for {', '.join(user.email for user in needs)}: "
        f"add the key {DEMO_TOTP_SECRET} to an authenticator app (time-based, 6 digits, 30 seconds)."
    )
