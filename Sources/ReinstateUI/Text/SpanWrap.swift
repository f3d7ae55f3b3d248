import ReinstateCore
/// Wrapping styled text by display width, at spaces where possible.
public enum SpanWrap {
    /// Wraps one line of spans into lines no wider than `width` columns. Tabs become spaces to the
    /// next multiple of 4; other control characters are dropped.
    public static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
        let width = max(1, width)
        var cells: [(Character, Style, Int)] = []
        var column = 0
        for span in line {
            for character in span.text {
                if character == "\t" {
                    let spaces = 4 - column % 4
                    for _ in 0..<spaces { cells.append((" ", span.style, 1)) }
                    column += spaces
                    continue
                }
                let w = DisplayWidth.of(character)
                if w == 0 { continue }
                cells.append((character, span.style, w))
                column += w
            }
        }
        if column <= width { return [group(cells[...])] }
        var lines: [StyledLine] = []
        var start = 0
        var lineWidth = 0
        var lastSpace: Int? = nil  // index of the last space within the current line
        var i = 0
        while i < cells.count {
            let w = cells[i].2
            if lineWidth + w > width {
                if cells[i].0 == " " {
                    lines.append(group(cells[start..<i]))
                    start = i + 1
                    i += 1
                } else if let space = lastSpace, space > start {
                    lines.append(group(cells[start..<space]))
                    start = space + 1
                    i = start
                } else {
                    lines.append(group(cells[start..<i]))
                    start = i
                }
                lineWidth = 0
                lastSpace = nil
                continue
            }
            if cells[i].0 == " " { lastSpace = i }
            lineWidth += w
            i += 1
        }
        lines.append(group(cells[start..<cells.count]))
        return lines
    }

    private static func group(_ cells: ArraySlice<(Character, Style, Int)>) -> StyledLine {
        var spans: StyledLine = []
        for (character, style, _) in cells {
            if let last = spans.last, last.style == style {
                spans[spans.count - 1].text.append(character)
            } else {
                spans.append(Span(String(character), style))
            }
        }
        return spans
    }
}
