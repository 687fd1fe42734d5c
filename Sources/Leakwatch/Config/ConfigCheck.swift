import GoTemplate
public import Rules

/// `leakwatch check config FILE...`, laid out like `promtool check config`: each configuration file is read as
/// `serve` reads it (every key and value checked, errors with `file:line:col`), then the rule files it names are
/// checked as `leakwatch check rules` checks them.
public enum ConfigCheck {
    /// Checks configuration files and the rule files they name. Exit code 0 when everything is valid, 1 otherwise.
    public static func check(files: [String]) -> RuleCheckReport {
        var report = RuleCheckReport()
        for file in files {
            report.write("Checking \(file)\n", to: .standardOutput)
            let config: LeakwatchConfig
            do {
                config = try LeakwatchConfig.load(path: file)
            } catch {
                report.write("  FAILED: \(error.description)\n\n", to: .standardError)
                report.exitCode = 1
                report.failed = true
                report.hasErrors = true
                continue
            }
            let ruleFiles = RuleService.ruleFilePaths(config.ruleFiles)
            report.write("  SUCCESS: \(ruleFiles.count) rule files found\n", to: .standardOutput)
            let receivers = config.receivers.count
            report.write(
                "  SUCCESS: \(receivers) receiver\(receivers == 1 ? "" : "s") configured\n", to: .standardOutput)
            report.write(" SUCCESS: \(file) is valid leakwatch config file syntax\n\n", to: .standardOutput)
            guard !ruleFiles.isEmpty else { continue }
            report.append(
                RuleCheck().check(files: ruleFiles) { text, name in AlertTemplate.validate(text, name: name) })
        }
        return report
    }
}
