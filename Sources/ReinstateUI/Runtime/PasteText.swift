/// Gathers what the terminal sends between the paste markers into text: line ends (CR, LF, CR LF)
/// become "\n", tabs stay, every other control character is dropped, and past `limit` characters the
/// rest is counted but not kept, so a runaway paste cannot eat the memory.
public struct PasteText: Sendable, Equatable {
    /// The most characters a paste keeps (a long Amazon message is a few thousand).
    public static let defaultLimit = 1_000_000

    public private(set) var text = ""
    /// Whether characters were dropped because the paste was longer than the limit.
    public private(set) var overflowed = false
    private var count = 0
    private var lastWasCR = false
    private let limit: Int

    public init(limit: Int = PasteText.defaultLimit) {
        self.limit = limit
    }

    /// Takes one character as the terminal sent it.
    public mutating func append(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        defer { lastWasCR = value == 13 }
        switch value {
        case 13: add("\n")
        case 10: if !lastWasCR { add("\n") }
        case 9: add("\t")
        case 0..<32, 127..<160: return
        default: add(Character(scalar))
        }
    }

    /// Takes a line end the terminal reported as the Enter key.
    public mutating func appendLineEnd() {
        add("\n")
        lastWasCR = false
    }

    private mutating func add(_ character: Character) {
        guard count < limit else {
            overflowed = true
            return
        }
        text.append(character)
        count += 1
    }
}
