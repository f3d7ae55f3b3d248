import Foundation

/// Which editor gets the terminal: `$VISUAL`, else `$EDITOR`, else `vi`. The value may carry
/// arguments ("code --wait"); the shell splits it.
enum ExternalEditor {
    static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }
}
