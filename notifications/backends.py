"""Where an email goes out: Django's email (SMTP, set by the EMAIL_* settings) by default, or GOV.UK
Notify when NOTIFY_API_KEY is set. settings.NOTIFICATIONS_BACKEND names the class."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string


class DjangoEmail:
    """Django's email backend (settings.EMAIL_BACKEND: SMTP in production)."""

    def send(self, *, to, subject, body):
        send_mail(subject, body, None, [to])


class GovukNotify:
    """GOV.UK Notify, through its official client. The template (NOTIFY_TEMPLATE_ID) shows the two
    placeholders ((subject)) and ((body)), as in Notify's own guidance for services that write their
    messages themselves."""

    def __init__(self):
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY)
        self.template_id = settings.NOTIFY_TEMPLATE_ID

    def send(self, *, to, subject, body):
        self.client.send_email_notification(
            email_address=to,
            template_id=self.template_id,
            personalisation={"subject": subject, "body": body},
        )


def backend():
    return import_string(settings.NOTIFICATIONS_BACKEND)()
