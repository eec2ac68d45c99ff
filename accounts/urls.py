from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import forms, views

home = reverse_lazy("home")
login = reverse_lazy("login")


def message_page(title, message, link_text, link_url):
    return {
        "template_name": "registration/message.html",
        "extra_context": {
            "title": title,
            "message": message,
            "link_text": link_text,
            "link_url": link_url,
        },
    }


urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=forms.LoginForm,
            redirect_authenticated_user=True,
            extra_context={"title": "Sign in"},
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            form_class=forms.PasswordChangeForm,
            template_name="_form_page.html",
            extra_context={"title": "Change your password", "back_url": home},
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            **message_page(
                "Password changed", "Your password has been changed.", "Go to your home page", home
            )
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=forms.PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            template_name="_form_page.html",
            extra_context={
                "title": "Reset your password",
                "back_url": login,
                "intro": "Enter the email address you sign in with. We will send you a link to "
                "choose a new password.",
            },
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            **message_page(
                "Check your email",
                "If that address belongs to an account, we have sent it a link to choose a new password. "
                "The link works once, for 3 days.",
                "Back to sign in",
                login,
            )
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=forms.SetPasswordForm,
            template_name="registration/password_reset_confirm.html",
            extra_context={"title": "Choose a new password", "back_url": login},
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            **message_page(
                "Password set", "Your new password is set. You can now sign in.", "Sign in", login
            )
        ),
        name="password_reset_complete",
    ),
]
