# Canonical usage: https://flask.palletsprojects.com/en/stable/blueprints/
from flask import Flask

from chat import bp

app = Flask(__name__)
app.register_blueprint(bp)
