# SPDX-License-Identifier: Apache-2.0
"""Long analyses: other Python threads run meanwhile (the GIL is released), and Ctrl-C stops the
engine and raises KeyboardInterrupt."""

import os
import pathlib
import signal
import subprocess
import sys
import threading
import time

import mend

# A 22-option, three-decider case (2^22 feasible states, as the CLI's interrupt test uses):
# stability under every concept takes far longer than the test waits.
def big_case(options=22):
    owners = ["a", "b", "c"]
    lines = ["mend: 1", "id: synthetic", "title: Synthetic case for the interrupt test",
             "actors:"]
    lines += [f"  - {{id: {owner}, role: decider}}" for owner in owners]
    lines += ["dimensions:", "  - {id: budget, unit: USD bn/yr}", "options:"]
    for owner in owners:
        lines.append(f"  {owner}:")
        lines += [f"    - {{id: o{k}}}" for k in range(options) if owners[k % 3] == owner]
    lines.append("status_quo: " + "N" * options)
    lines.append("effects:")
    for k in range(options):
        lines += [f"  - when: {{o{k}: Y}}", f"    a: {{budget: -{1 + k % 3}}}",
                  f"    b: {{budget: {50 + k}}}", f"    c: {{budget: {k % 7 - 3}}}"]
    lines += ["valuation:"] + [f"  {owner}: {{weights: {{budget: 1}}}}" for owner in owners]
    return "\n".join(lines) + "\n"


CHILD = """
import sys
import mend
print("calling", flush=True)
try:
    mend.stability(sys.argv[1], threads=2)
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def threads_of(pid):
    status = pathlib.Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    return int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("Threads:")))


def test_ctrl_c_stops_a_long_analysis(tmp_path):
    case_file = tmp_path / "synthetic-22.yaml"
    case_file.write_text(big_case(), encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", CHILD, case_file], stdout=subprocess.PIPE,
                             text=True, env=os.environ)
    assert child.stdout.readline().strip() == "calling"
    # Wait (on a condition, not a delay) until the analysis runs: the calling thread, the worker
    # that runs the engine and the engine's own threads; loading has only the first two.
    deadline = time.monotonic() + 120
    while threads_of(child.pid) < 3:
        assert child.poll() is None, "the child ended before the analysis started"
        assert time.monotonic() < deadline, "the analysis never started"
        time.sleep(0.01)  # polling interval of the condition above
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=120)
    assert out.strip() == "interrupted"
    assert child.returncode == 0


def test_other_threads_run_while_an_analysis_runs():
    case = mend.load("cases/us-russia/strategic-arms.yaml")
    baseline = threads_of(os.getpid())
    finished = threading.Event()

    def analyse():
        mend.montecarlo(case, samples=20000, threads=1)
        finished.set()

    runner = threading.Thread(target=analyse)
    runner.start()
    # The binding's worker thread exists only while the engine runs. Were the GIL held for the
    # whole call, this thread could not run Python then, and would only see the call finished.
    seen_running = False
    while not finished.is_set() and not seen_running:
        seen_running = threads_of(os.getpid()) >= baseline + 2 and not finished.is_set()
    runner.join()
    assert seen_running
