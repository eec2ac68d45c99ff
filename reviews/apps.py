from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Case reviews"

    def ready(self):
        from core.related import register

        from .views import sar

        # A safeguarding adults review's referral, decision, methodology and markers on its page.
        register("reviews.CaseReview", "reviews/sar/_section.html", sar.section)
