import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

# Mini-projects under projects/ are scanned by the linter, never collected by pytest.
collect_ignore_glob = ["projects/*"]
