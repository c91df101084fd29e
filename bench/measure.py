"""Run a command and print its output followed by its peak memory: `measure.py CMD ARGS...`."""
import resource, subprocess, sys

result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(result.stderr)
line = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
print(f"{line} peak_rss_mb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}")
sys.exit(result.returncode)
