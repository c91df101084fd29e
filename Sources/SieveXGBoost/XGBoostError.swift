import CXGBoost

/// A failed XGBoost C API call: the function's name and the library's own message.
public struct XGBoostError: Error, Sendable, Equatable, CustomStringConvertible {
    public var function: String
    public var message: String

    public var description: String { "XGBoost's \(function) failed: \(message)" }
}

/// Turns a C API status into a thrown error carrying `XGBGetLastError()`.
@inline(__always)
func check(_ status: Int32, _ function: StaticString) throws {
    guard status == 0 else {
        let message = XGBGetLastError().map { String(cString: $0) } ?? "no message"
        throw XGBoostError(function: "\(function)", message: message.trimmingTrailingNewlines)
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = self
        while let last = s.last, last.isNewline { s.removeLast() }
        return s
    }
}

/// Facts about the linked library.
public enum XGBoostLibrary {
    /// The version of libxgboost this process linked, e.g. "1.7.4".
    public static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        XGBoostVersion(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
