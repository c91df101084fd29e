import CSpglib

/// A failed spglib C API call: the function's name and the library's own message.
///
/// spglib reports failure by returning NULL (or 0) and keeping an error code that
/// `spg_get_error_code()` reads back; `spg_get_error_message()` turns it into text such as
/// "spacegroup search failed" or "too close distance between atoms".
public struct SpglibError: Error, Sendable, Equatable, CustomStringConvertible {
    public var function: String
    public var message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "spglib's \(function) failed: \(message)." }
}

/// The message for spglib's current error code; call it under ``Spglib``'s exclusive lock, right
/// after the failed call, because the code is one process-wide variable in spglib 2.0.
func lastSpglibError(_ function: StaticString) -> SpglibError {
    let code = spg_get_error_code()
    let message = spg_get_error_message(code).map { String(cString: $0) } ?? "no message"
    if code == SPGLIB_SUCCESS {
        return SpglibError(function: "\(function)", message: "it found no answer but reported no error")
    }
    return SpglibError(function: "\(function)", message: message)
}
