import SieveCore

/// How to turn a CSV file into a ``Dataset``.
public struct DatasetOptions: Sendable, Equatable {
    /// Which columns become features.
    public enum Features: Sendable, Equatable {
        /// Magpie composition features computed from a formula column.
        case magpie(formulaColumn: String)
        /// Exactly these numeric columns, in this order.
        case columns([String])
        /// Every column but these and the target; all of them must be numeric.
        case excluding([String])
        /// Every column whose values are all numbers, except the target.
        case allNumeric
    }

    /// What to do with a row whose feature or target is empty or NaN.
    public enum MissingValues: String, Sendable, Equatable {
        case fail = "error"
        case dropRows = "drop_rows"
    }

    public var path: String
    public var target: String
    public var features: Features
    /// A column of chemical formulas to parse (for composition-based splits), if any.
    public var formulaColumn: String?
    public var missingValues: MissingValues
    /// Keep every row's original fields (for external models that read formulas, not features).
    public var keepOriginalColumns: Bool
    /// Only rows matching this rule are kept (outliers out, a chemistry in).
    public var keepRows: RowRule?
    /// How rows sharing a composition are merged.
    public var duplicates: DuplicateRule?
    /// A seeded subset of the rows (after the other rules).
    public var sample: RowSample?
    /// Crystal structures to read (for structure features and crystal systems).
    public var structure: StructureOptions?
    /// What divides the rows into groups.
    public var group: GroupRule?
    /// matminer composition families appended to Magpie's features, in ``CompositionFamily`` order.
    public var matminer: [CompositionFamily] = []
    /// Threads for reading structures (spglib's search is the costly part).
    public var threads = 1

    public init(path: String, target: String, features: Features = .allNumeric, formulaColumn: String? = nil,
                missingValues: MissingValues = .fail, keepOriginalColumns: Bool = false) {
        self.path = path; self.target = target; self.features = features
        self.formulaColumn = formulaColumn; self.missingValues = missingValues
        self.keepOriginalColumns = keepOriginalColumns
    }

    /// The formula column implied by the options: the explicit one, else Magpie's.
    public var effectiveFormulaColumn: String? {
        if let formulaColumn { return formulaColumn }
        if case let .magpie(column) = features { return column }
        return nil
    }
}

/// Reads a CSV file into a ``Dataset``: numeric columns parsed, formulas parsed and featurised,
/// every bad cell reported with its file, line and column.
public struct DatasetLoader: Sendable {
    public let featurizer: MagpieFeaturizer
    /// The element data of the matminer composition families (a superset of Magpie's elements).
    public let elementTable: MatminerElementTable
    /// Where structure features are kept between processes (nil: always computed).
    public let featureCache: StructureFeatureCache?

    public init(featurizer: MagpieFeaturizer = MagpieFeaturizer(), elementTable: MatminerElementTable = .shipped,
                featureCache: StructureFeatureCache? = nil) {
        self.featurizer = featurizer
        self.elementTable = elementTable
        self.featureCache = featureCache
    }

    public func load(_ options: DatasetOptions) throws -> Dataset {
        let reader = try CSVReader(path: options.path)
        let path = options.path
        let header = try reader.header()
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted { throw DataError.duplicateColumn(path: path, column: name) }
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw DataError.missingColumn(path: path, column: name, available: header)
            }
            return i
        }
        let targetColumn = try column(options.target)
        let structureColumn = try options.structure.map { try column($0.column) }
        let spaceGroupColumn = try options.structure?.spaceGroupColumn.map(column)
        let groupColumn: Int?
        if case let .column(name)? = options.group { groupColumn = try column(name) } else { groupColumn = nil }
        if options.group == .crystalSystem && options.structure == nil {
            throw DataError.malformedRow(path: path, line: 1, reason: "grouping by crystal system needs a structure column")
        }
        let formulaColumn = try options.effectiveFormulaColumn.map(column)
        let featureColumns: [Int]
        switch options.features {
        case .magpie:
            featureColumns = []
        case let .columns(names):
            featureColumns = try names.map(column)
        case let .excluding(names):
            let excluded = Set(try names.map(column) + [targetColumn] + (formulaColumn.map { [$0] } ?? [])
                               + [structureColumn, spaceGroupColumn, groupColumn].compactMap { $0 })
            featureColumns = header.indices.filter { !excluded.contains($0) }
        case .allNumeric:
            let numeric = try numericColumns(reader, width: header.count)
            featureColumns = header.indices.filter { numeric[$0] && $0 != targetColumn && $0 != formulaColumn }
        }
        let isMagpie: Bool
        if case .magpie = options.features { isMagpie = true } else { isMagpie = false }
        if !isMagpie && featureColumns.isEmpty { throw DataError.noFeatures(path: path) }

        let families = isMagpie ? CompositionFamily.allCases.filter(options.matminer.contains) : []
        let familyWidth = families.reduce(0) { $0 + $1.featureNames.count }
        let width = isMagpie ? featurizer.featureCount + familyWidth : featureColumns.count
        var features: [Float] = []
        var targets: [Double] = []
        var lines: [Int] = []
        var formulas: [String]? = formulaColumn == nil ? nil : []
        var compositions: [Composition]? = formulaColumn == nil ? nil : []
        var dropped = 0
        var originals: [[String]]? = options.keepOriginalColumns ? [] : nil
        var structureTexts: [Substring] = []
        var givenSpaceGroups: [Substring] = []
        var groupTexts: [String] = []
        let parser = FormulaParser()
        var rowFeatures = [Float](repeating: 0, count: width)

        try reader.forEachRecord { line, fields in
            if line == 1 { return true }
            guard fields.count == header.count else {
                throw DataError.wrongFieldCount(path: path, line: line, expected: header.count, found: fields.count)
            }
            /// Leaves the row out (returning "go on reading") or fails, as the options say.
            func skipRow(missing column: Int) throws -> Bool {
                guard options.missingValues == .dropRows else {
                    throw DataError.missingValue(path: path, line: line, column: header[column])
                }
                dropped += 1
                return true
            }
            guard let target = try Self.number(fields[targetColumn], path: path, line: line, column: header[targetColumn]) else {
                return try skipRow(missing: targetColumn)
            }
            var composition: Composition?
            if let formulaColumn {
                let text = fields[formulaColumn].trimmingSpaces
                if text.isEmpty { return try skipRow(missing: formulaColumn) }
                do {
                    composition = try parser.parse(text)
                } catch let error as FormulaParser.Failure {
                    throw DataError.badFormula(path: path, line: line, formula: text, reason: error.description)
                }
            }
            if isMagpie, let composition {
                if let element = featurizer.unknownElement(in: composition) {
                    throw DataError.unknownElement(path: path, line: line, formula: String(fields[formulaColumn!]), element: element)
                }
                rowFeatures.withUnsafeMutableBufferPointer {
                    featurizer.features(of: composition, into: UnsafeMutableBufferPointer(rebasing: $0[0..<featurizer.featureCount]))
                }
                var k = featurizer.featureCount
                for family in families {
                    for value in family.features(of: composition, table: elementTable) {
                        rowFeatures[k] = Float(value)
                        k += 1
                    }
                }
            } else {
                for (k, c) in featureColumns.enumerated() {
                    guard let v = try Self.number(fields[c], path: path, line: line, column: header[c]) else {
                        return try skipRow(missing: c)
                    }
                    guard v.magnitude <= Double(Float.greatestFiniteMagnitude) else {
                        throw DataError.outOfRange(path: path, line: line, column: header[c], text: String(fields[c].trimmingSpaces),
                                                   range: Self.featureRange)
                    }
                    rowFeatures[k] = Float(v)
                }
            }
            if let groupColumn {
                let text = fields[groupColumn].trimmingSpaces
                if text.isEmpty { return try skipRow(missing: groupColumn) }
                groupTexts.append(text)
            }
            if let structureColumn { structureTexts.append(fields[structureColumn]) }
            if let spaceGroupColumn { givenSpaceGroups.append(fields[spaceGroupColumn]) }
            features.append(contentsOf: rowFeatures)
            targets.append(target)
            lines.append(line)
            originals?.append(fields.map(String.init))
            if let composition, let formulaColumn {
                formulas!.append(fields[formulaColumn].trimmingSpaces)
                compositions!.append(composition)
            }
            return true
        }
        if targets.isEmpty { throw DataError.noRows(path: path) }
        var names = isMagpie ? featurizer.featureNames + families.flatMap(\.featureNames) : featureColumns.map { header[$0] }
        var matrix = Matrix(rows: targets.count, columns: width, storage: features)
        var groups: [String]? = groupColumn == nil ? nil : groupTexts
        var unbuildable: [Int] = []  // rows without matminer structure features, left out under `missing: drop_rows`
        var cacheOutcome: StructureFeatureCache.Outcome?
        if let structure = options.structure {
            func compute() throws -> StructureFeatureCache.Entry {
                try Dataset.structures(texts: structureTexts, givenSpaceGroups: spaceGroupColumn == nil ? nil : givenSpaceGroups,
                                       lines: lines, path: path, options: structure, crystalSystems: options.group == .crystalSystem,
                                       threads: options.threads)
            }
            let read: StructureFeatureCache.Entry
            if let featureCache {
                let key = StructureFeatureCache.keyText(fileSHA256: reader.sha256, options: structure,
                                                       crystalSystems: options.group == .crystalSystem, lines: lines)
                (read, cacheOutcome) = try featureCache.entry(keyText: key, lines: lines, dataPath: path,
                                                              matminerWidth: structure.matminer.reduce(0) { $0 + $1.featureNames.count },
                                                              compute: compute)
            } else {
                read = try compute()
            }
            if structure.features {
                matrix = matrix.appendingColumns(Matrix(read.features.map { $0.map(Float.init) }))
                names += StructureFeatures.names
            }
            if !structure.matminer.isEmpty {
                let width = structure.matminer.reduce(0) { $0 + $1.featureNames.count }
                let failed = read.matminer.indices.filter { (try? read.matminer[$0].get()) == nil }
                if let first = failed.first, options.missingValues == .fail { _ = try read.matminer[first].get() }
                unbuildable = failed
                matrix = matrix.appendingColumns(Matrix(read.matminer.map { row in
                    ((try? row.get()) ?? [Double](repeating: 0, count: width)).map(Float.init)
                }))
                names += structure.matminer.flatMap(\.featureNames)
            }
            if options.group == .crystalSystem { groups = read.systems }
        }
        let dataset = Dataset(path: path, sha256: reader.sha256, featureNames: names,
                              features: matrix,
                              targets: targets, lines: lines, formulas: formulas, compositions: compositions,
                              droppedRows: dropped + unbuildable.count, originalHeader: originals == nil ? nil : header,
                              originalRows: originals)
            .withGroups(groups)
        let kept = unbuildable.isEmpty ? dataset : dataset.selecting(rows: Array(Set(0..<dataset.count).subtracting(unbuildable)).sorted())
        if kept.count == 0 { throw DataError.noRows(path: path) }
        var (ruled, counts) = kept.applying(keep: options.keepRows, duplicates: options.duplicates, sample: options.sample)
        if ruled.count == 0 { throw DataError.noRows(path: path) }
        ruled.rowCounts = counts
        ruled.featureCache = cacheOutcome
        return ruled
    }

    /// What a feature can hold: features are stored in single precision.
    static let featureRange = "the range of features, ±3.4e38 (they are stored in single precision)"

    /// A cell as a finite number; nil when empty or NaN; throws when it is text.
    static func number(_ field: Substring, path: String, line: Int, column: String) throws -> Double? {
        let text = field.trimmingSpaces
        if text.isEmpty { return nil }
        guard let value = Double(text) else {
            throw DataError.notANumber(path: path, line: line, column: column, text: text)
        }
        if value.isNaN { return nil }
        guard value.isFinite else {
            throw DataError.outOfRange(path: path, line: line, column: column, text: text, range: "the range of numbers, ±1.8e308")
        }
        return value
    }

    /// Which columns hold only numbers (empty and NaN cells allowed).
    private func numericColumns(_ reader: CSVReader, width: Int) throws -> [Bool] {
        var numeric = [Bool](repeating: true, count: width)
        try reader.forEachRecord { line, fields in
            if line == 1 { return true }
            for (i, field) in fields.enumerated() where i < width && numeric[i] {
                let text = field.trimmingSpaces
                if !text.isEmpty && Double(text) == nil { numeric[i] = false }
            }
            return true
        }
        return numeric
    }
}

extension Substring {
    /// The text without leading or trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = self[...]
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
