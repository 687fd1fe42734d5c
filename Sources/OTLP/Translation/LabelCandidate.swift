import TimeSeries

/// An attribute on its way to becoming a label: the sanitized name, the original key (which orders collisions) and
/// the rendered value.
struct LabelCandidate {
    /// The sanitized label name.
    let name: String
    /// The attribute key.
    let key: String
    /// The label value.
    let value: String

    /// Sets `labels` to labels sorted by name, where candidates that share a name have their values joined with `;`
    /// in the lexical order of their original keys (reference/otlp.md §6.4). Empty values are kept here and dropped
    /// later.
    static func resolve(_ candidates: inout [LabelCandidate], into labels: inout [Label]) {
        if candidates.count > 1 {
            var sorted = true
            for index in 1..<candidates.count where !precedes(candidates[index - 1], candidates[index]) {
                sorted = false
                break
            }
            if !sorted { candidates.sort(by: precedes) }
        }
        labels.removeAll(keepingCapacity: true)
        for candidate in candidates {
            if let last = labels.last, last.name == candidate.name {
                labels[labels.count - 1] = Label(name: last.name, value: last.value + ";" + candidate.value)
            } else {
                labels.append(Label(name: candidate.name, value: candidate.value))
            }
        }
    }

    private static func precedes(_ lhs: LabelCandidate, _ rhs: LabelCandidate) -> Bool {
        lhs.name != rhs.name ? lhs.name < rhs.name : lhs.key < rhs.key
    }
}
