#!/bin/bash
# For running on the web server from cron (policy 2: the script documents its own schedule)
cd /home/ubuntu/thought
. ./venv/bin/activate
python3 thought.py /var/www/html > output.txt
