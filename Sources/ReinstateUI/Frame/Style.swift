/// What a colour is for, not which colour it is: the terminal picks colours readable on dark and
/// light backgrounds, and drops them all under `NO_COLOR`.
public enum ColorRole: UInt8, Sendable, CaseIterable {
    /// The terminal's own foreground or background.
    case normal
    /// Overdue, under 24 hours, unanswered: act now.
    case danger
    /// Due within the warning window.
    case warning
    /// Answered, reinstated, submitted.
    case good
    /// Headings, the selected tab, keys in the footer.
    case accent
    /// Dates, hints, waived items: there but quiet.
    case muted
    /// Words added in a diff.
    case added
    /// Words removed in a diff.
    case removed
}

/// How one cell looks: a colour role for the text and the background, and attributes that survive
/// `NO_COLOR` (bold, reverse, underline, dim).
public struct Style: Hashable, Sendable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    /// Creates a style; everything off by default.
    public init(
        foreground: ColorRole = .normal, background: ColorRole = .normal, bold: Bool = false,
        reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The terminal's default look.
    public static let plain = Style()
    /// Selected row or key hint: reverse video reads on every background.
    public static let selected = Style(reverse: true)
    /// A heading.
    public static let heading = Style(foreground: .accent, bold: true)
    /// Overdue and unanswered.
    public static let danger = Style(foreground: .danger, bold: true)
    /// Within the warning window.
    public static let warning = Style(foreground: .warning, bold: true)
    /// Done.
    public static let good = Style(foreground: .good)
    /// Quiet text.
    public static let muted = Style(foreground: .muted, dim: true)

    /// The same style with reverse video, for a selected row.
    public var reversed: Style {
        var copy = self
        copy.reverse = true
        return copy
    }

    /// The same style in bold.
    public var emboldened: Style {
        var copy = self
        copy.bold = true
        return copy
    }

    /// One character for style masks in render tests: a letter for the colour role (upper case,
    /// lower case when reversed), else `v` reverse, `b` bold, `u` underline, `d` dim, `.` plain.
    public var maskCharacter: Character {
        let letter: Character?
        switch foreground {
        case .normal: letter = nil
        case .danger: letter = "R"
        case .warning: letter = "Y"
        case .good: letter = "G"
        case .accent: letter = "A"
        case .muted: letter = "M"
        case .added: letter = "P"
        case .removed: letter = "X"
        }
        if let letter { return reverse ? Character(letter.lowercased()) : letter }
        if reverse { return "v" }
        if bold { return "b" }
        if underline { return "u" }
        if dim { return "d" }
        return "."
    }
}
