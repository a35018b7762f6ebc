"""Raw HiGHS on a model file, as a process of its own: `python benchmarks/raw_highs.py MODEL.mps [--threads N]`.

The reference the engine is measured against: highspy reads the instance straight from an MPS file
(written by benchmarks/orlib_bench.py from the OR-Library data, not through cvxpy or the engine) and
solves it to a proven optimum (relative gap 0), HiGHS's other options at their defaults unless
given. Prints one JSON line: objective, HiGHS's own run time, status.
"""

from __future__ import annotations

import argparse
import json
import time

started = time.perf_counter()
import highspy  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--time-limit", type=float, default=600.0)
    args = parser.parse_args()
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("time_limit", args.time_limit)
    if args.threads is not None:
        highs.setOptionValue("threads", args.threads)
    highs.readModel(args.model)
    highs.run()
    info = highs.getInfo()
    print(json.dumps({"objective": info.objective_function_value, "bound": info.mip_dual_bound,
                      "status": highs.getModelStatus().name, "run_seconds": highs.getRunTime(),
                      "seconds_in_process": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
