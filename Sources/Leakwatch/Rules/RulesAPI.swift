import HTTPServer
import PromQL
import Rules
import TimeSeries

/// `/api/v1/rules` and `/api/v1/alerts` in Prometheus's format.
struct RulesAPI: Sendable {
    let service: RuleService

    /// Registers the routes; each request must pass `auth` first.
    func register(on router: inout Router, auth: BearerAuth, api: PrometheusAPI) {
        router.add("GET", "/api/v1/rules") { request in
            guard auth.allows(request.headers["Authorization"]) else { return PrometheusAPI.unauthorized(request) }
            return api.respond(request) { form throws(APIError) in try rules(form) }
        }
        router.add("GET", "/api/v1/alerts") { request in
            guard auth.allows(request.headers["Authorization"]) else { return PrometheusAPI.unauthorized(request) }
            return api.respond(request) { _ throws(APIError) in alerts() }
        }
    }

    /// The rule groups with their rules, health and (unless `exclude_alerts=true`) alerts; filters `type`
    /// (`alert`/`record`), `rule_name[]`, `rule_group[]`, `file[]` as Prometheus.
    func rules(_ form: FormValues) throws(APIError) -> PrometheusAPI.Payload {
        let type = form.values("type").first
        if let type, type != "alert", type != "record", !type.isEmpty {
            throw APIError(.badData, "invalid parameter \"type\": not supported value \(GoQuote.quote(type))")
        }
        let excludeAlerts = form.values("exclude_alerts").first == "true"
        let names = Set(form.values("rule_name[]"))
        let groupNames = Set(form.values("rule_group[]"))
        let files = Set(form.values("file[]"))
        var payload = PrometheusAPI.Payload(warnings: [])
        var out = payload.data
        out.raw("{\"groups\":[")
        var firstGroup = true
        for group in service.manager.groups {
            if !groupNames.isEmpty, !groupNames.contains(group.name) { continue }
            if !files.isEmpty, !files.contains(group.file) { continue }
            let rules = group.rules.filter { snapshot in
                if !names.isEmpty, !names.contains(snapshot.rule.name) { return false }
                switch snapshot.rule {
                case .alerting: return type != "record"
                case .recording: return type != "alert"
                }
            }
            if rules.isEmpty, !names.isEmpty || (type ?? "") != "" { continue }
            if !firstGroup { out.raw(",") }
            firstGroup = false
            out.raw("{\"name\":")
            out.string(group.name)
            out.raw(",\"file\":")
            out.string(group.file)
            out.raw(",\"rules\":[")
            for (index, snapshot) in rules.enumerated() {
                if index > 0 { out.raw(",") }
                rule(snapshot, excludeAlerts: excludeAlerts, into: &out)
            }
            out.raw("],\"interval\":")
            out.raw(GoFloat.jsonNumber(Double(group.interval) / 1000))
            out.raw(",\"limit\":\(group.limit),\"evaluationTime\":")
            out.raw(GoFloat.jsonNumber(group.evaluationDuration))
            out.raw(",\"lastEvaluation\":")
            out.string(RulesAPI.time(group.lastEvaluation))
            out.raw("}")
        }
        out.raw("]}")
        payload.data = out
        return payload
    }

    private func rule(_ snapshot: RuleSnapshot, excludeAlerts: Bool, into out: inout JSONWriter) {
        switch snapshot.rule {
        case .alerting(let rule):
            out.raw("{\"state\":")
            out.string(snapshot.state == .unknown ? "inactive" : snapshot.state.rawValue)
            out.raw(",\"name\":")
            out.string(rule.name)
            out.raw(",\"query\":")
            out.string(rule.expr.description)
            out.raw(",\"duration\":")
            out.raw(GoFloat.jsonNumber(Double(rule.holdDuration) / 1000))
            out.raw(",\"keepFiringFor\":")
            out.raw(GoFloat.jsonNumber(Double(rule.keepFiringFor) / 1000))
            out.raw(",\"labels\":")
            out.labels(Labels(snapshot.labels))
            out.raw(",\"annotations\":")
            out.labels(Labels(rule.annotations.map { Label(name: $0.name, value: $0.template) }))
            if !excludeAlerts {
                out.raw(",\"alerts\":[")
                for (index, alert) in snapshot.activeAlerts.enumerated() {
                    if index > 0 { out.raw(",") }
                    RulesAPI.alert(alert, into: &out)
                }
                out.raw("]")
            }
        case .recording(let rule):
            out.raw("{\"name\":")
            out.string(rule.name)
            out.raw(",\"query\":")
            out.string(rule.expr.description)
            out.raw(",\"labels\":")
            out.labels(Labels(snapshot.labels))
        }
        out.raw(",\"health\":")
        out.string(snapshot.health.rawValue)
        if let error = snapshot.lastError {
            out.raw(",\"lastError\":")
            out.string(error)
        }
        out.raw(",\"evaluationTime\":")
        out.raw(GoFloat.jsonNumber(snapshot.evaluationDuration))
        out.raw(",\"lastEvaluation\":")
        out.string(RulesAPI.time(snapshot.lastEvaluation))
        out.raw(",\"type\":")
        out.string(snapshot.rule.isAlerting ? "alerting" : "recording")
        out.raw("}")
    }

    /// Every pending and firing alert of every rule.
    func alerts() -> PrometheusAPI.Payload {
        var payload = PrometheusAPI.Payload(warnings: [])
        var out = payload.data
        out.raw("{\"alerts\":[")
        var first = true
        for group in service.manager.groups {
            for snapshot in group.rules {
                for alert in snapshot.activeAlerts {
                    if !first { out.raw(",") }
                    first = false
                    RulesAPI.alert(alert, into: &out)
                }
            }
        }
        out.raw("]}")
        payload.data = out
        return payload
    }

    /// One alert: labels, annotations, state, `activeAt`, `keepFiringSince` when kept, value in Go's `%e`.
    static func alert(_ alert: Alert, into out: inout JSONWriter) {
        out.raw("{\"labels\":")
        out.labels(alert.labels)
        out.raw(",\"annotations\":")
        out.labels(Labels(alert.annotations))
        out.raw(",\"state\":")
        out.string(alert.state.rawValue)
        out.raw(",\"activeAt\":")
        out.string(time(alert.activeAt))
        if let since = alert.keepFiringSince {
            out.raw(",\"keepFiringSince\":")
            out.string(time(since))
        }
        out.raw(",\"value\":")
        out.string(GoFloat.exponent(alert.value))
        out.raw("}")
    }

    /// Go's RFC 3339 with nanoseconds (trailing zeros dropped) in UTC; Go's zero time when nil.
    static func time(_ milliseconds: Int64?) -> String {
        milliseconds.map { GoTime.rfc3339Nano(milliseconds: $0) } ?? GoTime.zeroTime
    }
}

extension Rule {
    /// Whether this is an alerting rule.
    var isAlerting: Bool {
        if case .alerting = self { return true }
        return false
    }
}
