# Canonical usage: https://connexion.readthedocs.io/en/latest/routing.html
from connexion import FlaskApp

app = FlaskApp(__name__)
app.add_api("openapi.yaml")
