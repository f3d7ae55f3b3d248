import Foundation
import ReinstateUI

/// Runs the full-screen case UI on the terminal until the seller quits, over any case book.
///
/// Colour is off when `options.noColor` is set or `NO_COLOR` is in the environment. The terminal is
/// restored when this returns or throws, and on SIGINT, SIGTERM, SIGHUP and crashes (the handlers
/// call `endwin` and re-raise); Ctrl-Z gives it back and `fg` redraws.
/// - Throws: `CursesError` when there is no usable terminal.
public func runCursesApp(book: some CaseBook, options: UIOptions, clock: @escaping () -> Date = Date.init) throws {
    var options = options
    if UIOptions.noColor(in: ProcessInfo.processInfo.environment) { options.noColor = true }
    let screen = try CursesScreen(noColor: options.noColor)
    defer { screen.close() }
    let runtime = UIRuntime(book: book, options: options, clock: clock)
    runtime.run(on: screen)
}
