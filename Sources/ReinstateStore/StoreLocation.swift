import Foundation

/// Where the case store lives: `--store`, else `$REINSTATE_STORE`, else `store =` in the configuration
/// file (`configured`), else `$XDG_DATA_HOME/reinstate/cases.sqlite` (`~/.local/share/reinstate/cases.sqlite`
/// when unset). Any of the first three may be a postgresql:// URL.
public enum StoreLocation {
    public static func resolve(option: String?, environment: [String: String], configured: String? = nil) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment["REINSTATE_STORE"], !env.isEmpty { return env }
        if let configured, !configured.isEmpty { return configured }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            // An empty or relative HOME would put the store at /.local/share or in whatever folder the
            // command runs in: the account's home folder from the password database instead.
            var home = environment["HOME"] ?? ""
            if !home.hasPrefix("/") { home = NSHomeDirectoryForUser(NSUserName()) ?? NSHomeDirectory() }
            dataHome = (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.local/share"
        }
        return dataHome + "/reinstate/cases.sqlite"
    }
}
