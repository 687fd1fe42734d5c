import Foundation

/// Prometheus's rulefmt and promtool fixtures in the shared folder beside the package (read-only, never copied).
enum RuleFixtures {
    /// `<package root>/../shared/conformance/prometheus`.
    static let root: String = {
        let packageRoot = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        return URL(fileURLWithPath: packageRoot + "/../shared/conformance/prometheus").standardized.path
    }()

    /// The rulefmt testdata directory.
    static let rulefmt = root + "/rulefmt"
    /// The promtool testdata directory.
    static let promtool = root + "/promtool"

    /// Whether the fixtures are there (tests are skipped otherwise).
    static let available =
        FileManager.default.fileExists(atPath: rulefmt)
        && FileManager.default.fileExists(atPath: promtool)

    /// The file names in `directory`, sorted.
    static func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// A stand-in for GoTemplate's parser: reports the variables Prometheus's alert templates do not define, worded
    /// as Go's text/template (`template: __alert_X:1: undefined variable "$label"`).
    static func validateTemplate(_ text: String, _ name: String) -> String? {
        let defined: Set<String> = ["$labels", "$externalLabels", "$externalURL", "$value", "$"]
        var scalars = text.unicodeScalars[...]
        while let dollar = scalars.firstIndex(of: "$") {
            let rest = scalars[scalars.index(after: dollar)...]
            let word = rest.prefix { $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) }
            let variable = "$" + String(String.UnicodeScalarView(word))
            if !defined.contains(variable) {
                return "template: __alert_\(name):1: undefined variable \"\(variable)\""
            }
            scalars = rest.dropFirst(word.count)
        }
        return nil
    }

    /// A validator that accepts every template.
    static func acceptTemplate(_ text: String, _ name: String) -> String? { nil }
}
