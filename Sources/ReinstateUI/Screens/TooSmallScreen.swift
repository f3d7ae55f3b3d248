import ReinstateCore
/// Shown instead of the UI when the terminal is below 60×16: says so rather than draw garbage.
public enum TooSmallScreen {
    /// Draws the notice centred.
    public static func draw(_ state: AppState, in frame: inout Frame) {
        let lines = [
            "Terminal too small: \(state.width)×\(state.height).",
            "Reinstate needs at least \(AppState.minimumWidth)×\(AppState.minimumHeight).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, (frame.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let shown = TextLayout.truncate(line, to: frame.width)
            let x = max(0, (frame.width - DisplayWidth.of(shown)) / 2)
            frame.write(shown, x: x, y: top + index, style: index == 0 ? .warning : .plain)
        }
    }
}
