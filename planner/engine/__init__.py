"""The model, from a scenario file to a solved plan.

In the order a scenario travels:

- :mod:`~planner.engine.yamlio`: the only place YAML is read or written (safe loader, limits);
- :mod:`~planner.engine.schema`: the scenario contract (pydantic), every problem named;
- :mod:`~planner.engine.scenarios`: load, parse and dump scenarios; the bundled examples;
- :mod:`~planner.engine.premiums`: BPJS Ketenagakerjaan premium rules, month by month;
- :mod:`~planner.engine.inputs`: the scenario turned into the model's numbers (cells, costs,
  money after cuts, mandates);
- :mod:`~planner.engine.formulation`: the PuLP model, one ``add_<family>`` per constraint family;
- :mod:`~planner.engine.matrix`: the PuLP model read once into arrays for HiGHS;
- :mod:`~planner.engine.highs`: HiGHS through highspy;
- :mod:`~planner.engine.rounding`: whole workers from the LP (round down and repair);
- :mod:`~planner.engine.tiebreak`: among equally good plans, the one the policy names;
- :mod:`~planner.engine.solve`: the stages (LP, rounding, MILP, least spend) within time budgets;
- :mod:`~planner.engine.solution`: what a solve returns, and its options;
- :mod:`~planner.engine.results`: the solved plan as tables and JSON;
- :mod:`~planner.engine.synthetic`: generated regions for tests and benchmarks.

The engine knows nothing of the analyses, comparisons, the library, the CLI or the app above it.
"""
