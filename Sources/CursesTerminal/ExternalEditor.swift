import Foundation
import ReinstateCore
import ReinstateUI

/// Which editor gets the terminal: `$VISUAL`, else `$EDITOR`, else `vi`. The value may carry
/// arguments ("code --wait"); the shell splits it.
enum ExternalEditor {
    static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// How an editor run ended, from the status `/bin/sh -c` gave (-1: it could not be started, or a
    /// signal ended it; 126 and 127: the shell could not run the command).
    static func ending(status: Int32, command: String) -> EditorResult.Ending {
        let name = TerminalSafe.singleLine(command)
        switch status {
        case 0: return .saved
        case 127: return .couldNotStart("“\(name)” was not found; set $VISUAL or $EDITOR")
        case 126: return .couldNotStart("“\(name)” cannot be run; set $VISUAL or $EDITOR")
        case -1: return .couldNotStart("“\(name)” could not be started, or was killed")
        default: return .exited(status: status)
        }
    }
}
