import ReinstateCore
/// A grid of cells that screens draw into; the terminal copies it to the screen, tests read it as
/// text. Writing never goes outside the grid and never splits a wide character.
public struct Frame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row by row, `width` cells each.
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor goes (the end of the prompt's input); hidden when nil.
    public var cursor: Position?

    /// A cell position.
    public struct Position: Hashable, Sendable {
        public var x: Int
        public var y: Int

        /// Creates a position.
        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    /// A blank frame of the given size.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
        cursor = nil
    }

    /// Writes styled spans one after another; returns the columns written.
    @discardableResult
    public mutating func write(_ spans: StyledLine, x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        var used = 0
        let limit = maxWidth ?? width - x
        for span in spans where used < limit {
            used += write(span.text, x: x + used, y: y, style: span.style, maxWidth: limit - used)
        }
        return used
    }

    /// The cell at column `x`, row `y` (both from 0), or a blank outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard contains(x: x, y: y) else { return .blank() }
        return cells[y * width + x]
    }

    /// Whether the point is inside the grid.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    // MARK: - Drawing

    /// The first emoji of a joined sequence, with its presentation selector.
    static func firstOfJoined(_ character: Character) -> Character {
        var scalars = String.UnicodeScalarView()
        for scalar in character.unicodeScalars {
            if scalar.value == 0x200D { break }
            scalars.append(scalar)
        }
        if !scalars.contains(where: { $0.value == 0xFE0F }), let first = scalars.first, !first.properties.isEmojiPresentation {
            scalars.append(Unicode.Scalar(0xFE0F)!)
        }
        return String(scalars).first ?? character
    }

    /// Writes text from column `x` of row `y`, one grapheme cluster per cell (two for wide ones),
    /// stopping at `maxWidth` columns or the right edge. Control characters are dropped, newlines and
    /// tabs become spaces. A wide character that does not fit is replaced by a space.
    /// - Returns: the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in text {
            if column >= limit { break }
            var cluster = character
            var w = DisplayWidth.of(character)
            if character == "\n" || character == "\t" || character == "\r\n" {
                cluster = " "
                w = 1
            } else if w == 0 {
                continue  // a control or a lone combining mark: never reaches the terminal
            } else if character.unicodeScalars.contains(where: { $0.value == 0x200D }) {
                // A joined emoji (👨‍👩‍👧): terminals disagree on its width (tmux and many others draw each
                // part), which leaves stray cells. Its first emoji alone is two columns everywhere.
                cluster = Self.firstOfJoined(character)
            }
            if column < 0 {
                column += w
                continue
            }
            if column + w > limit {
                // A wide character across the edge: pad instead of splitting it.
                while column < limit {
                    put(.blank(style), at: column, y)
                    column += 1
                }
                break
            }
            put(Cell(text: String(cluster), width: UInt8(w), style: style), at: column, y)
            if w == 2 { put(.continuation(style), at: column + 1, y) }
            column += w
        }
        return max(0, column - max(x, 0))
    }

    /// Fills `count` columns from `x` on row `y` with spaces in `style`.
    public mutating func fill(x: Int, y: Int, count: Int, style: Style = .plain) {
        guard y >= 0, y < height else { return }
        let start = max(0, x), end = min(width, x + count)
        guard start < end else { return }
        for column in start..<end { put(.blank(style), at: column, y) }
    }

    /// Changes the style of existing cells (their text stays), e.g. to mark a selected row.
    public mutating func restyle(x: Int, y: Int, count: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        let start = max(0, x), end = min(width, x + count)
        guard start < end else { return }
        for column in start..<end { change(&cells[y * width + column].style) }
    }

    /// Puts a cell, repairing any wide character it cuts in half.
    private mutating func put(_ cell: Cell, at x: Int, _ y: Int) {
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0, cells[index - 1].width == 2, !cell.isContinuation {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if old.width == 2, cell.width != 2, x + 1 < width {
            cells[index + 1] = .blank(old.style)
        }
        cells[index] = cell
    }

    // MARK: - Reading back

    /// Row `y` as text, continuation cells left out, so its display width equals `width`.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var out = ""
        for cell in cells[(y * width)..<((y + 1) * width)] where !cell.isContinuation {
            out += cell.text
        }
        return out
    }

    /// All rows as text, trailing spaces trimmed (for snapshots).
    public var lines: [String] {
        (0..<height).map { y in
            var line = Substring(self.line(y))
            while line.last == " " { line = line.dropLast() }
            return String(line)
        }
    }

    /// One mask character per column (see `Style.maskCharacter`), wide characters repeated, so a
    /// mask lines up with the text in a monospace view.
    public var styleMask: [String] {
        (0..<height).map { y in
            String(cells[(y * width)..<((y + 1) * width)].map(\.style.maskCharacter))
        }
    }
}
