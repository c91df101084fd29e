/// A value from the spec together with where it was written, so later checks (a missing file, a
/// column the CSV lacks) can point at the right place.
public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
