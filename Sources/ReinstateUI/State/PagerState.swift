/// Something read whole in the pager: a title and lines of styled text, wrapped to the screen.
public struct PagerState: Sendable, Equatable {
    public var title: String
    /// The text before wrapping, one entry per line (sanitised).
    public var source: [StyledLine]
    /// The text wrapped to `wrapWidth`.
    public private(set) var lines: [StyledLine]
    public private(set) var wrapWidth: Int
    public var scroll: ScrollWindow
    /// What `/` last looked for: highlighted, and where `n`/`N` go.
    public var search = ""
    /// The line of the match last found, so `n` goes on from it even when the window could not
    /// scroll it to the top (near the end of the text).
    public var matchLine: Int?

    /// Creates a pager wrapped to a width.
    public init(title: String, source: [StyledLine], width: Int) {
        self.title = title
        self.source = source
        wrapWidth = max(1, width)
        lines = source.flatMap { SpanWrap.wrap($0, width: max(1, width)) }
        scroll = ScrollWindow()
    }

    /// Wraps again for a new width, keeping roughly the same place.
    public mutating func rewrap(width: Int) {
        let width = max(1, width)
        guard width != wrapWidth else { return }
        let fraction = lines.isEmpty ? 0 : Double(scroll.top) / Double(lines.count)
        wrapWidth = width
        lines = source.flatMap { SpanWrap.wrap($0, width: width) }
        scroll.top = Int(fraction * Double(lines.count))
        matchLine = nil
    }
}
