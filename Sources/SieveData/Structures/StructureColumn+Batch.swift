import Dispatch
import Synchronization

extension StructureColumn {
    /// The space groups of many structures, searched on up to `threads` threads.
    ///
    /// spglib costs milliseconds per structure (about 4 ms of CPU per flla_2015 cell at symprec
    /// 0.1 with spglib 2.0.2), so a column of thousands is worth spreading over cores. Workers
    /// take structures one at a time from a shared counter; each answer depends only on its
    /// structure and is stored at its index, so the output is the same for every thread count.
    ///
    /// - Parameters:
    ///   - lines: the data-file line of each structure, for errors.
    /// - Throws: the ``StructureError/symmetrySearchFailed(file:line:symprec:message:)`` of the
    ///   first failing structure in column order.
    public static func spaceGroups(of structures: [CrystalStructure], lines: [Int], file: String,
                                   symprec: Double = CrystalStructure.defaultSymprec, threads: Int) throws -> [SpaceGroup] {
        precondition(lines.count == structures.count, "one line per structure")
        precondition(threads >= 1, "at least one thread")
        let outcomes = Mutex([Result<SpaceGroup, StructureError>?](repeating: nil, count: structures.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, structures.count))) { _ in
            var local: [(Int, Result<SpaceGroup, StructureError>)] = []
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= structures.count { break }
                do {
                    local.append((i, .success(try spaceGroup(of: structures[i], symprec: symprec, file: file, line: lines[i]))))
                } catch let error as StructureError {
                    local.append((i, .failure(error)))
                } catch {
                    preconditionFailure("spaceGroup(of:symprec:file:line:) throws only StructureError, not \(error)")
                }
            }
            outcomes.withLock { all in for (i, outcome) in local { all[i] = outcome } }
        }
        return try outcomes.withLock { $0 }.map { try $0!.get() }
    }
}
