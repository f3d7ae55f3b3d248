/// `?` help: every key of the screen it was opened from, and of the prompt line, generated from the
/// key table that binds them.
public enum HelpScreen {
    /// The help text for a context.
    public static func lines(_ table: KeyTable, _ context: KeyContext, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = [[Span("Keys of \(context.title)", .heading)], []]
        lines += section(table.bindings(in: context), width: width)
        if context == .warning { lines.append([Span("  Any other key also goes on to the case list.", .muted)]) }
        if context != .prompt {
            lines += [[], [Span("On the prompt line", .heading)], []]
            lines += section(table.bindings(in: .prompt), width: width)
        }
        lines += [[], [Span("Keys that change the store are off in --read-only mode.", .muted)]]
        return lines
    }

    /// One line per command (help wrapped under itself): keys in a column of 20, then the help.
    static func section(_ bindings: [KeyBinding], width: Int) -> [StyledLine] {
        let indent = String(repeating: " ", count: 23)
        return bindings.flatMap { binding -> [StyledLine] in
            let keys = binding.keys.map(\.name).joined(separator: ", ")
            let help = SpanWrap.wrap([Span(binding.help)], width: max(10, width - 23))
            var lines: [StyledLine] = [[Span("  " + TextLayout.fit(keys, to: 20), Style(foreground: .accent, bold: true)), Span(" ")] + (help.first ?? [])]
            for more in help.dropFirst() { lines.append([Span(indent)] + more) }
            return lines
        }
    }

    /// Draws help.
    public static func draw(_ state: AppState, in frame: inout Frame) {
        let layout = state.layout
        TitleBar.draw("Help", right: state.helpContext.title, readOnly: state.options.readOnly, in: &frame)
        let all = lines(state.options.keys, state.helpContext, width: frame.width)
        let range = state.helpScroll.visibleRange(count: all.count, visible: layout.pagerRows)
        for index in range {
            frame.write(all[index], x: 0, y: layout.pagerTop + index - range.lowerBound)
        }
    }
}
