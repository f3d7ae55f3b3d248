import CNcursesw
import ReinstateUI

/// Copies frames to the screen, sending only the cells that changed since the last frame.
struct FrameBlitter {
    private var previous: Frame?
    let colors: ColorScheme

    init(colors: ColorScheme) {
        self.colors = colors
    }

    /// Forgets what is on screen, so the next frame is drawn whole (after a resize, the editor, `fg`).
    mutating func invalidate() {
        previous = nil
    }

    /// Draws the cells of `frame` that differ from the last one, then updates the screen once.
    mutating func draw(_ frame: Frame) {
        guard let window = reinstate_stdscr() else { return }
        let full = previous.map { $0.width != frame.width || $0.height != frame.height } ?? true
        if full {
            werase(window)
            clearok(window, true)
        }
        let old = full ? nil : previous
        for y in 0..<frame.height {
            var x = 0
            while x < frame.width {
                let cell = frame[x, y]
                if cell.isContinuation {
                    x += 1
                    continue
                }
                // A wide cell is redrawn when its continuation changed too.
                if let old, old[x, y] == cell, cell.width < 2 || old[x + 1, y] == frame[x + 1, y] {
                    x += 1
                    continue
                }
                put(cell, x: x, y: y, window: window)
                x += max(1, Int(cell.width))
            }
        }
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
            wmove(window, Int32(max(0, frame.height - 1)), Int32(max(0, frame.width - 1)))
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    /// One cell as a `cchar_t`. When the C library would place the character at another width than
    /// the frame did (an unknown character, a C locale), a stand-in keeps every column in place.
    private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>) {
        let style = cell.style
        let attributes = reinstate_attributes(style.bold ? 1 : 0, style.reverse ? 1 : 0, style.underline ? 1 : 0, style.dim ? 1 : 0)
        let pair = colors.pair(for: style.foreground)
        var scalars = Array(cell.text.unicodeScalars.prefix(Int(reinstate_cchar_max()) - 1)).map { wchar_t(bitPattern: $0.value) }
        let width = Int(cell.width)
        if let first = scalars.first, Int(reinstate_wcwidth(Int32(first))) != width {
            scalars = [wchar_t(width == 2 ? 0xFF1F : 0x3F)]  // "？" or "?"
            if reinstate_wcwidth(Int32(scalars[0])) != width { scalars = [0x3F] }
        }
        if scalars.isEmpty { scalars = [0x20] }
        scalars.append(0)
        var character = cchar_t()
        _ = scalars.withUnsafeBufferPointer { buffer in
            setcchar(&character, buffer.baseAddress, attributes, pair, nil)
        }
        mvwadd_wch(window, Int32(y), Int32(x), &character)
        if width == 2, reinstate_wcwidth(Int32(scalars[0])) != 2 {
            // The stand-in took one column: blank the second.
            var blank = cchar_t()
            var space: [wchar_t] = [0x20, 0]
            _ = space.withUnsafeMutableBufferPointer { setcchar(&blank, $0.baseAddress, attributes, pair, nil) }
            mvwadd_wch(window, Int32(y), Int32(x + 1), &blank)
        }
    }
}
