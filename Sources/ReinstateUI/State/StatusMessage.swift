/// A one-line message above the footer: what just happened, or what went wrong.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    /// Creates a message.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
