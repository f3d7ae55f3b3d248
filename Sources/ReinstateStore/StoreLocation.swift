import Foundation

/// Where the case store lives: `--store`, else `$REINSTATE_STORE`, else
/// `$XDG_DATA_HOME/reinstate/cases.sqlite` (`~/.local/share/reinstate/cases.sqlite` when unset).
public enum StoreLocation {
    public static func resolve(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment["REINSTATE_STORE"], !env.isEmpty { return env }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/reinstate/cases.sqlite"
    }
}
