import ReinstateUI
import Testing

@Suite struct KeyTableTests {
    let table = KeyTable.standard

    @Test func noKeyIsBoundTwiceOnOneScreen() {
        for context in KeyContext.allCases {
            var seen: [Key: Command] = [:]
            for binding in table.bindings(in: context) {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(key.name) is bound to \(seen[key]?.rawValue ?? "") and \(binding.command.rawValue) on \(context.rawValue)")
                    seen[key] = binding.command
                }
            }
        }
    }

    @Test func everyBoundKeyAppearsInHelp() {
        for context in KeyContext.allCases {
            let help = HelpScreen.lines(table, context, width: 300).map { $0.map(\.text).joined() }.joined(separator: "\n")
            for binding in table.bindings(in: context) {
                #expect(help.contains(binding.help), "\(binding.command.rawValue) missing from help of \(context.rawValue)")
                for key in binding.keys {
                    #expect(help.contains(key.name), "\(key.name) missing from help of \(context.rawValue)")
                }
            }
        }
    }

    @Test func everyCommandHasARow() {
        let bound = Set(table.bindings.map(\.command))
        for command in Command.allCases { #expect(bound.contains(command), "\(command.rawValue) has no key") }
    }

    @Test func everyScreenHasHelpAndAWayOut() {
        for context in KeyContext.allCases where context != .prompt {
            let commands = Set(table.bindings(in: context).map(\.command))
            #expect(commands.contains(.help) || context == .help)
            #expect(!commands.isDisjoint(with: [.back, .quit, .continueToCases]))
        }
    }

    @Test func footerComesFromTheTable() {
        let footer = table.footer(in: .caseList)
        #expect(footer.first?.key == "j")
        #expect(footer.contains { $0.key == "/" && $0.title == "filter" })
    }

    @Test func keyNamesReadBack() {
        for binding in table.bindings {
            for key in binding.keys { #expect(Key(name: key.name) == key) }
        }
    }

    @Test func rebindingMovesAKey() {
        let rebound = table.rebinding(.filter, to: [.character("f")])
        #expect(rebound.command(for: .character("f"), in: .caseList) == .filter)
        #expect(rebound.command(for: .character("/"), in: .caseList) == nil)
        let stolen = table.rebinding(.filter, to: [.character("s")])
        #expect(stolen.command(for: .character("s"), in: .caseList) == .filter)
        #expect(stolen.bindings(in: .caseList).first { $0.command == .cycleStatusFilter }?.keys.isEmpty == true)
    }
}
