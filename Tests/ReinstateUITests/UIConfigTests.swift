import Foundation
import ReinstateCore
import Testing
@testable import ReinstateUI

@Suite struct UIConfigTests {
    @Test func readsSettingsAndKeys() {
        let config = UIConfig.parse("""
            # mine
            warn-days = 5
            color = never   # dark terminal
            key.move-down = n, Down
            """)
        #expect(config.problems == [])
        #expect(config.warnDays == 5)
        #expect(config.noColor == true)
        let options = config.applied(to: UIOptions())
        #expect(options.warningWindow == 5 * 86_400)
        #expect(options.noColor)
        #expect(options.keys.bindings.first { $0.command == .moveDown }?.keys == [.character("n"), .down])
    }

    @Test func theStoreCanBeNamed() {
        let config = UIConfig.parse("store = postgresql://alice@db.example.com/reinstate\n")
        #expect(config.problems == [])
        #expect(config.store == "postgresql://alice@db.example.com/reinstate")
        #expect(UIConfig.parse("store =").problems == ["line 1: store takes a file or a postgresql:// URL"])
    }

    @Test func mistakesAreReportedAndSkipped() {
        let config = UIConfig.parse("warn-days = soon\nfoo\nkey.fly = x\nkey.quit = Hyper-Q\ncolour = sometimes\nbar = 1\nwarn-days = 2")
        #expect(config.problems == [
            "line 1: warn-days takes a number of days", "line 2: expected name = value",
            "line 3: no command called fly (see ? in the tracker)", "line 4: unknown key in Hyper-Q",
            "line 5: color is auto or never", "line 6: unknown setting bar",
        ])
        #expect(config.warnDays == 2)
    }

    /// Issue 14 item 13: a window past 36500 days crashed the tracker on a date out of range.
    @Test func outOfRangeWarnDaysIsSkipped() {
        for value in ["1e300", "1e15", "36501", "inf", "nan", "-1"] {
            let config = UIConfig.parse("warn-days = \(value)")
            #expect(config.warnDays == nil, "\(value)")
            #expect(config.problems == ["line 1: warn-days takes a number of days"], "\(value)")
        }
        #expect(UIConfig.parse("warn-days = 36500").warnDays == 36_500)
    }

    @Test func theFileFollowsXDG() {
        #expect(UIConfig.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/reinstate/config")
        #expect(UIConfig.path(environment: ["HOME": "/h"]) == "/h/.config/reinstate/config")
    }
}
