"""One module per page; each renders from ``planner.pipeline`` results and never solves itself."""
