"""The planner's web app: a thin router over the pages in planner/ui/pages."""

from planner.ui.router import main

main()
