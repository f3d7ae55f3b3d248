import CNcursesw
import ReinstateUI

/// Colour pairs for the colour roles, on the terminal's own background (-1) so they read on dark and
/// light themes alike. With 256 colours, mid-tones that read on both; else the basic eight.
struct ColorScheme {
    private var pairs: [ColorRole: Int32] = [:]

    /// Sets up colour pairs; none when colour is off (`NO_COLOR`) or the terminal has none.
    init(enabled: Bool) {
        guard enabled, has_colors(), start_color() == OK else { return }
        use_default_colors()
        let rich = reinstate_colors() >= 256
        let colors: [(ColorRole, Int16, Int16)] = [
            // role, 256-colour, basic
            (.danger, 160, Int16(COLOR_RED)),
            (.warning, 172, Int16(COLOR_YELLOW)),
            (.good, 28, Int16(COLOR_GREEN)),
            (.accent, 32, Int16(COLOR_BLUE)),
            (.added, 28, Int16(COLOR_GREEN)),
            (.removed, 160, Int16(COLOR_RED)),
        ]
        for (index, (role, fine, basic)) in colors.enumerated() {
            let pair = Int16(index + 1)
            if init_pair(pair, rich ? fine : basic, -1) == OK { pairs[role] = Int32(pair) }
        }
    }

    /// The pair number for a role; 0 (the terminal's colours) for `normal`, `muted` and when off.
    func pair(for role: ColorRole) -> Int16 {
        Int16(pairs[role] ?? 0)
    }
}
