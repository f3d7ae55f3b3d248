import ReinstateCore

/// Fitting text into columns by display width: truncating with "…", padding, wrapping.
public enum TextLayout {
    /// The ellipsis that marks cut text.
    public static let ellipsis: Character = "…"

    /// The text cut to at most `width` columns, ending in "…" when it was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        DisplayWidth.truncate(text, to: width)
    }

    /// The text cut or padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let pad = max(0, width - DisplayWidth.of(cut))
        guard pad > 0 else { return cut }
        let spaces = String(repeating: " ", count: pad)
        return alignRight ? spaces + cut : cut + spaces
    }

    /// Wraps sanitised text into lines of at most `width` columns, at spaces where possible, keeping
    /// paragraph breaks; tabs become spaces to the next multiple of 4.
    public static func wrap(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            SpanWrap.wrap([Span(String(paragraph))], width: width).map { $0.map(\.text).joined() }
        }
    }
}
