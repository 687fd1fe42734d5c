import TimeSeries

/// What every series of one resource (and scope) shares: promoted labels, `job`, `instance`, and the identity that
/// keys delta streams.
struct ResourceContext {
    /// A label the resource contributes to every series.
    struct ResourceLabel {
        /// The label; its value may be empty (which removes it from the series).
        let label: Label
        /// Whether it replaces a data-point attribute of the same name (`job`, `instance`) rather than yielding.
        let overrides: Bool
    }

    /// Promoted resource attributes (collisions joined), plus `job` and `instance`, sorted by name.
    let labels: [ResourceLabel]
    /// Every resource attribute, rendered; distinguishes delta streams of resources whose promoted labels are equal.
    let identity: String

    /// The context of `resource`, promoting the attributes whose keys are in `promotedKeys` (all when nil).
    /// Promoted attributes whose keys yield no valid label name are skipped.
    init(resource: Resource, promotedKeys: Set<String>?) {
        var serviceName: String?
        var serviceNamespace: String?
        var instance: String?
        for attribute in resource.attributes {
            switch attribute.key {
            case "service.name": serviceName = attribute.value.labelValue
            case "service.namespace": serviceNamespace = attribute.value.labelValue
            case "service.instance.id": instance = attribute.value.labelValue
            default: break
            }
        }
        var job: String?
        if let serviceName, !serviceName.isEmpty {
            if let serviceNamespace, !serviceNamespace.isEmpty {
                job = serviceNamespace + "/" + serviceName
            } else {
                job = serviceName
            }
        }

        var candidates: [LabelCandidate] = []
        for attribute in resource.attributes where promotedKeys?.contains(attribute.key) ?? true {
            guard let name = LabelNamer.name(attribute.key), !name.hasPrefix("__") else { continue }
            candidates.append(LabelCandidate(name: name, key: attribute.key, value: attribute.value.labelValue))
        }
        var promoted: [Label] = []
        LabelCandidate.resolve(&candidates, into: &promoted)
        var labels = promoted.map { ResourceLabel(label: $0, overrides: false) }
        for (name, value) in [("job", job), ("instance", instance)] {
            guard let value else { continue }
            let label = ResourceLabel(label: Label(name: name, value: value), overrides: true)
            if let index = labels.firstIndex(where: { $0.label.name >= name }) {
                if labels[index].label.name == name { labels[index] = label } else { labels.insert(label, at: index) }
            } else {
                labels.append(label)
            }
        }
        self.labels = labels

        var rendered = resource.attributes.map { $0.key + "=" + $0.value.labelValue }
        rendered.sort()
        identity = rendered.joined(separator: "\u{1}")
    }
}
