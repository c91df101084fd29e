"""Sample how many of a command's threads are running: `busy_threads.py CMD ARGS...`.

Polls /proc/<pid>/task/*/stat every 20 ms while the command runs and prints the distribution
of the number of threads in state R (running), to check a thread budget.
"""
import collections, os, subprocess, sys, time

proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
counts = collections.Counter()
while proc.poll() is None:
    running = 0
    try:
        for task in os.listdir(f"/proc/{proc.pid}/task"):
            try:
                with open(f"/proc/{proc.pid}/task/{task}/stat") as f:
                    if f.read().rsplit(")", 1)[1].split()[0] == "R":
                        running += 1
            except OSError:
                pass
    except OSError:
        break
    counts[running] += 1
    time.sleep(0.02)
total = sum(counts.values())
print("running threads: " + ", ".join(f"{k}: {100 * v / total:.1f} %" for k, v in sorted(counts.items())),
      f"(samples {total}, max {max(counts)})")
