import Foundation

extension PagerState {
    /// The text of a wrapped line, its spans joined.
    func text(ofLine index: Int) -> String { lines[index].map(\.text).joined() }

    /// The first line holding `term` (ignoring case) after `start` (or from it, when `including`),
    /// going forward or back and wrapping round; with whether it wrapped. Nil when no line holds it.
    func match(of term: String, from start: Int, forward: Bool, including: Bool = false) -> (line: Int, wrapped: Bool)? {
        guard !term.isEmpty, !lines.isEmpty else { return nil }
        let count = lines.count
        let first = including ? start : start + (forward ? 1 : -1)
        for step in 0..<count {
            let raw = forward ? first + step : first - step
            let index = ((raw % count) + count) % count
            if text(ofLine: index).range(of: term, options: [.caseInsensitive, .diacriticInsensitive]) != nil {
                let wrapped = forward ? raw >= count : raw < 0
                return (index, wrapped)
            }
        }
        return nil
    }

    /// `line` with every occurrence of `term` (ignoring case) in reverse video, for drawing.
    static func highlighting(_ term: String, in line: StyledLine) -> StyledLine {
        guard !term.isEmpty else { return line }
        let text = line.map(\.text).joined()
        var marked: [Range<Int>] = []
        var from = text.startIndex
        while from < text.endIndex,
            let found = text.range(of: term, options: [.caseInsensitive, .diacriticInsensitive], range: from..<text.endIndex)
        {
            let lower = text.distance(from: text.startIndex, to: found.lowerBound)
            let upper = text.distance(from: text.startIndex, to: found.upperBound)
            if upper > lower { marked.append(lower..<upper) }
            from = found.upperBound > found.lowerBound ? found.upperBound : text.index(after: found.lowerBound)
        }
        guard !marked.isEmpty else { return line }
        // Split every span at the edges of the marked ranges, in characters.
        var result: StyledLine = []
        var offset = 0
        for span in line {
            let characters = Array(span.text)
            var piece = ""
            var pieceMarked: Bool?
            for (i, character) in characters.enumerated() {
                let isMarked = marked.contains { $0.contains(offset + i) }
                if let current = pieceMarked, current != isMarked {
                    result.append(Span(piece, current ? span.style.reversed : span.style))
                    piece = ""
                }
                pieceMarked = isMarked
                piece.append(character)
            }
            if let current = pieceMarked { result.append(Span(piece, current ? span.style.reversed : span.style)) }
            offset += characters.count
        }
        return result
    }
}
