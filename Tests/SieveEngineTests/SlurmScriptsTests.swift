import Testing
import SieveModels
import SievePlan
import SieveResolve
import SieveExecute
import SieveStore
import SieveSelection
@testable import SieveEngine

@Suite struct SlurmScriptsTests {
    @Test func anArrayRunsOneShardPerTaskAndTheMergeReports() {
        var options = SlurmScripts.Options(shards: 3)
        options.cpusPerTask = 4
        options.partition = "short"
        options.time = "1:00:00"
        options.arrayParallelism = 2
        let scripts = SlurmScripts(name: "demo", spec: "/s/spec.yaml", output: "/o/demo", sieve: "/bin/sieve", options: options)
        #expect(scripts.arrays.count == 1)
        let array = scripts.arrays[0]
        #expect(array.contains("#SBATCH --array=0-2%2\n"))
        #expect(array.contains("#SBATCH --cpus-per-task=4\n#SBATCH --output=/o/demo/slurm/logs/shard-%A_%a.log\n"
                               + "#SBATCH --partition=short\n#SBATCH --time=1:00:00\n"))
        #expect(array.contains("shard=$(( SLURM_ARRAY_TASK_ID + 0 + 1 ))"))
        #expect(array.contains("/bin/sieve run /s/spec.yaml --output /o/demo --shard \"$shard/3\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\""))
        #expect(scripts.merge.contains("exec /bin/sieve report /s/spec.yaml --output /o/demo"))
    }

    @Test func gridsLargerThanTheArrayLimitAreChunked() {
        var options = SlurmScripts.Options(shards: 2500)
        options.maxArraySize = 1001
        let scripts = SlurmScripts(name: "big", spec: "/s.yaml", output: "/o", sieve: "/sieve", options: options)
        #expect(scripts.arrays.count == 3)
        #expect(scripts.arrays[0].contains("--array=0-999\n") && scripts.arrays[0].contains("SLURM_ARRAY_TASK_ID + 0 + 1"))
        #expect(scripts.arrays[1].contains("--array=0-999\n") && scripts.arrays[1].contains("SLURM_ARRAY_TASK_ID + 1000 + 1"))
        #expect(scripts.arrays[2].contains("--array=0-499\n") && scripts.arrays[2].contains("SLURM_ARRAY_TASK_ID + 2000 + 1"))
        #expect(scripts.arrays.allSatisfy { $0.contains("--shard \"$shard/2500\"") })
    }

    @Test func pathsWithSpacesAreQuoted() {
        let scripts = SlurmScripts(name: "q", spec: "/my data/spec.yaml", output: "/o", sieve: "/sieve",
                                   options: .init(shards: 1))
        #expect(scripts.arrays[0].contains("run '/my data/spec.yaml' --output /o"))
    }
}
