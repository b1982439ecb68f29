from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("poles", "0004_fee_amount_how_to_pay"),
    ]

    operations = [
        migrations.AddField(
            model_name="pole",
            name="article",
            field=models.CharField(
                blank=True,
                choices=[("le", "le"), ("la", "la"), ("les", "les"), ("l’", "l’")],
                help_text="Pour les phrases comme « Rejoindre le Réseau… » ; vide pour un nom sans article (POLLENS).",
                max_length=3,
                verbose_name="article devant le nom",
            ),
        ),
    ]
