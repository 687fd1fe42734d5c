import ArgumentParser
import Foundation
import Leakwatch

struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Notification tools.",
        subcommands: [NotifyTestCommand.self]
    )
}

struct NotifyTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a sample alert to a configured receiver to check the integration.",
        discussion: """
            Builds a firing LeakwatchTestAlert exactly as a real notification (payload, headers, authentication, \\
            HMAC signature) and posts it once, without the outbox or retries. Exits 1 unless the receiver answers 2xx.
            """
    )

    @Option(help: "The configuration file with the receivers.")
    var config = "leakwatch.yml"

    @Option(help: "The receiver's name.")
    var receiver: String

    func run() throws {
        let configuration: LeakwatchConfig
        do {
            configuration = try LeakwatchConfig.load(path: config)
        } catch {
            FileHandle.standardError.write(Data("leakwatch: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let outcome = NotificationCheck.send(config: configuration, receiverName: receiver)
        print(outcome.message)
        if !outcome.delivered { throw ExitCode(1) }
    }
}
