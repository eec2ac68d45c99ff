"""Learning themes are now boards.LearningTheme on the same tables: nothing changes in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('boards', '0006_learning_theme_moves_to_boards'),
        ('reviews', '0003_actions_answer_lessons_and_recommendations'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='learningtheme',
                    name='board',
                ),
                migrations.AlterField(
                    model_name='lesson',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='lessons', to='boards.learningtheme'),
                ),
                migrations.DeleteModel(
                    name='HistoricalLearningTheme',
                ),
                migrations.DeleteModel(
                    name='LearningTheme',
                ),
            ],
            database_operations=[],
        ),
    ]
