/// Alertmanager's alert order (`types.AlertSlice.Less`): by `job`, then `instance` (alerts having the label first),
/// then by the whole label set (`model.LabelSet.Before`).
enum AlertOrder {
    /// Whether `lhs` sorts before `rhs`.
    static func less(_ lhs: [String: String], _ rhs: [String: String]) -> Bool {
        for name in ["job", "instance"] {
            let left = lhs[name]
            let right = rhs[name]
            switch (left, right) {
            case (nil, nil):
                continue
            case (nil, _):
                return false
            case (_, nil):
                return true
            case let (left?, right?):
                if left != right {
                    return GoText.bytewiseLess(left, right)
                }
            }
        }
        return labelSetBefore(lhs, rhs)
    }

    /// `model.LabelSet.Before`: fewer labels first; otherwise walk the union of names in order, a set missing a
    /// name sorts first, then by value.
    static func labelSetBefore(_ lhs: [String: String], _ rhs: [String: String]) -> Bool {
        if lhs.count != rhs.count {
            return lhs.count < rhs.count
        }
        let names = (Array(lhs.keys) + Array(rhs.keys)).sorted(by: GoText.bytewiseLess)
        for name in names {
            guard let left = lhs[name] else {
                return true
            }
            guard let right = rhs[name] else {
                return false
            }
            if left != right {
                return GoText.bytewiseLess(left, right)
            }
        }
        return false
    }
}
