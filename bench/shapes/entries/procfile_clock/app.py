# Canonical usage: https://devcenter.heroku.com/articles/scheduled-jobs-custom-clock-processes
from flask import Flask

app = Flask(__name__)
