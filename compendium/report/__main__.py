"""`python -m compendium.report`: both editions, HTML and PDF, and the README."""
from .pages import main

raise SystemExit(main())
